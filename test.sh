#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, builds, runs each test
# project, and fails on any failure. .ci/run calls this and nothing else.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

step() { printf '\n=== %s\n' "$*"; }

step "npm ci (tests/node: quill-delta, the reference implementation)"
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)

step "Chromium (Debian's, for tests/AkkaCollab.E2E; Playwright downloads no browser here)"
if ! command -v /usr/bin/chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version

step "npm ci (src/Web/client: the browser client; src/Web's build bundles it into wwwroot)"
(cd src/Web/client && npm ci --no-audit --no-fund --loglevel=error)

step "dotnet build (Release, warnings as errors)"
dotnet build AkkaCollab.sln -c Release -nologo -v minimal

step "PostgreSQL (private cluster for the Node tests: tests/scripts/postgres.sh)"
AKKACOLLAB_TEST_PG="$(tests/scripts/postgres.sh start)"
export AKKACOLLAB_TEST_PG
trap 'tests/scripts/postgres.sh stop || true' EXIT

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

failed=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  # The chaos suite has its own step below (processes, nftables, its own PostgreSQL).
  [[ "$name" == AkkaCollab.Cluster.Tests ]] && continue
  step "dotnet test $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --logger "console;verbosity=normal"; then
    failed=1
  fi
done

step "client unit tests (src/Web/client: node --test against a simulated server)"
if ! (cd src/Web/client && npm test) 2>&1 | tee "$results/client-unit.log"; then
  failed=1
fi

step "load-generator adapter tests (tests/loadgen: its OT against an in-process sequencer)"
(cd tests/loadgen && npm ci --no-audit --no-fund --loglevel=error)
if ! (cd tests/loadgen && node --test) 2>&1 | tee "$results/loadgen-unit.log"; then
  failed=1
fi

step "Helm chart offline validation (tests/helm: helm lint/template, Kubernetes schemas, yamllint, refusals, dotnet publish)"
if ! tests/helm/validate.sh 2>&1 | tee "$results/helm-unit.log"; then
  failed=1
fi

step "chaos suite and ops commands (tests/AkkaCollab.Cluster.Tests: node processes, kill -9, SIGTERM, nftables partitions, PostgreSQL restart; ctl against a second cluster)"
# Runs as root in CI (partitions need nftables). The faults: their own PostgreSQL (port 55439) and
# loopback addresses 127.0.0.11-13, each fault once (tests/cluster/rounds.sh N runs N rounds).
# The ops commands: PostgreSQL 55441, 127.0.0.21-23. About 10 minutes together.
if [[ "$(id -u)" == 0 ]] && ! command -v nft >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nftables >/dev/null
fi
rm -f "$results/chaos.txt"
if ! CHAOS_RESULTS="$results/chaos.txt" timeout 1200 dotnet test tests/AkkaCollab.Cluster.Tests/AkkaCollab.Cluster.Tests.csproj \
    -c Release --no-build -nologo --logger "trx;LogFileName=AkkaCollab.Cluster.Tests.trx" --results-directory "$results" \
    --logger "console;verbosity=normal"; then
  failed=1
fi
cat "$results/chaos.txt" 2>/dev/null || true

step "dotnet test AkkaCollab.E2E (real Chromium against the built server; bounded)"
if ! timeout 600 dotnet test tests/AkkaCollab.E2E/AkkaCollab.E2E.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=AkkaCollab.E2E.trx" --results-directory "$results" \
    --logger "console;verbosity=normal"; then
  failed=1
fi

# Stop what we started before the closing line, so that it is the last line printed.
tests/scripts/postgres.sh stop >/dev/null 2>&1 || true
trap - EXIT

# One closing line over every project, read from the trx files.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)); skipped += int(c.get("notExecuted", 0))
# node --test (client and load-generator unit tests) reports "# pass N" / "# fail N".
import re, os
for log in glob.glob(os.path.join(sys.argv[1], "*-unit.log")):
    text = open(log, errors="replace").read()
    for key, value in re.findall(r"^# (pass|fail|skipped) (\d+)$", text, re.M):
        if key == "pass": passed += int(value)
        elif key == "fail": failed += int(value)
        else: skipped += int(value)
print(f"\ntests: {passed} passed, {failed} failed, {skipped} skipped")
PY

exit $failed
