// yamllint on the chart's plain YAML (Chart.yaml, values files); templates/ are Go templates and
// are checked by rendering them. Its output is linted too, so the rendered YAML stays tidy.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chartDir, helm } from "./helm.mjs";

const config = join(chartDir, ".yamllint");
const yamllint = (...args) => spawnSync("yamllint", ["-f", "parsable", ...args], { encoding: "utf8", timeout: 60_000 });
// Rendered values hold long DNS names (seed nodes) whose length depends on the release name.
const renderedConfig = "{extends: default, rules: {line-length: disable, document-start: disable}}";

test("the chart's values files and Chart.yaml pass yamllint", () => {
  const run = yamllint("-c", config, chartDir);
  assert.equal(run.error, undefined);
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("yamllint with the chart's configuration refuses a duplicate key and bad indentation", () => {
  const dir = mkdtempSync(join(tmpdir(), "helm-yamllint-"));
  const file = join(dir, "values.yaml");
  writeFileSync(file, "doc:\n  replicas: 3\n  replicas: 5\nweb:\n   replicas: 2\n");
  const run = yamllint("-c", config, file);
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /duplication of key "replicas"/);
  assert.match(run.stdout, /wrong indentation/);
});

test("the rendered manifests of every install shape pass yamllint", () => {
  const dir = mkdtempSync(join(tmpdir(), "helm-rendered-"));
  for (const [i, files] of [[], ["ci/split-scaled-values.yaml"], ["ci/combined-values.yaml"]].entries()) {
    const rendered = helm("template", "ac", chartDir, ...files.flatMap((f) => ["-f", join(chartDir, f)]));
    assert.equal(rendered.status, 0, rendered.stderr);
    const file = join(dir, `rendered-${i}.yaml`);
    writeFileSync(file, rendered.stdout);
    const run = yamllint("-d", renderedConfig, file);
    assert.equal(run.status, 0, run.stdout);
  }
});
