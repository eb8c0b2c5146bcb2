// Values that break the install are refused by helm itself (values.schema.json or the chart's
// own checks), with a message naming the value; nothing is rendered.
import assert from "node:assert/strict";
import { test } from "node:test";
import { helm, chartDir } from "./helm.mjs";

const refusals = [
  ["a negative web replica count", ["web.replicas=-1"], /web\.replicas: Must be greater than or equal to 0/],
  ["a negative doc replica count", ["doc.replicas=-3"], /doc\.replicas: Must be greater than or equal to 1/],
  ["an even doc replica count", ["doc.replicas=4"], /doc\.replicas must be one of the following: "an odd number \(1, 3, 5, \.\.\.\)/],
  ["an unknown top-level key", ["replicaCount=3"], /Additional property replicaCount is not allowed/],
  ["an unknown nested key", ["doc.replica=3"], /doc: Additional property replica is not allowed/],
  ["a negative shutdown budget", ["shutdown.drainTimeoutSeconds=-1"], /shutdown\.drainTimeoutSeconds: Must be greater than or equal to 0/],
  ["an unknown topology", ["topology=mesh"], /topology must be one of the following: "split", "combined"/],
  ["a connection string in clear", ["extraEnv[0].name=AkkaCollab__Node__ConnectionString", "extraEnv[0].value=Host=db;Password=x"], /extraEnv\.0\.name: Must not validate the schema/],
  ["TLS without a certificate Secret", ["ingress.enabled=true", "ingress.tls.enabled=true"], /ingress\.tls\.secretName: String length must be greater than or equal to 1/],
];

for (const [what, set, message] of refusals) {
  const flags = set.flatMap((s) => ["--set", s]);

  test(`helm template refuses ${what} with a clear message`, () => {
    const run = helm("template", "ac", chartDir, ...flags);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, message);
    assert.equal(run.stdout.includes("kind:"), false, "objects were rendered");
  });

  test(`helm lint --strict refuses ${what}`, () => {
    const run = helm("lint", "--strict", chartDir, ...flags);
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, message);
    assert.match(run.stdout + run.stderr, /1 chart\(s\) linted, 1 chart\(s\) failed/);
  });
}

test("an odd doc replica count of 5 or 1 is accepted", () => {
  for (const n of [1, 5]) {
    const run = helm("template", "ac", chartDir, "--set", `doc.replicas=${n}`);
    assert.equal(run.status, 0, run.stderr);
  }
});
