// The rendered configuration, expanded per pod as the kubelet would, describes a cluster that can
// form: every seed node is a doc pod's own advertised address, and each pod binds where it advertises.
import assert from "node:assert/strict";
import { test } from "node:test";
import { render } from "./helm.mjs";
import { hostsEntries, podEnvironments } from "./podEnv.mjs";

const secrets = {
  "akkacollab-postgresql": { "connection-string": "Host=127.0.0.1;Port=5432;Database=akkacollab" },
  "akkacollab-signing-keys": { "signing-key-0": "c2lnbmluZy1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXMhIQ==" },
};
const addresses = new Map();
const podIp = (pod) => {
  if (!addresses.has(pod)) {
    addresses.set(pod, `127.0.0.${11 + addresses.size}`);
  }
  return addresses.get(pod);
};
const renderCluster = () => podEnvironments(
  render({ set: ["doc.replicas=3", "web.replicas=2", "clusterDomain=akkacollab.test"] }),
  { podIp, secrets, namespace: "collab" });

test("3 doc and 2 web pods: each seed node is a doc pod's own advertised address", () => {
  const pods = renderCluster();
  assert.deepEqual(pods.map((p) => p.pod), ["ac-akkacollab-web-0", "ac-akkacollab-web-1", "ac-akkacollab-doc-0", "ac-akkacollab-doc-1", "ac-akkacollab-doc-2"]);
  const advertised = new Map(pods.map((p) => [`akka.tcp://akkacollab@${p.env.AkkaCollab__Node__PublicHostname}:${p.env.AkkaCollab__Node__Port}`, p.pod]));
  for (const p of pods) {
    const seeds = Object.keys(p.env).filter((k) => k.startsWith("AkkaCollab__Node__SeedNodes__")).map((k) => p.env[k]);
    assert.deepEqual(seeds.map((s) => advertised.get(s)), ["ac-akkacollab-doc-0", "ac-akkacollab-doc-1", "ac-akkacollab-doc-2"], p.pod);
  }
});

test("each pod binds remoting on its own address and advertises a name that maps back to it", () => {
  const pods = renderCluster();
  for (const p of pods) {
    assert.equal(p.env.AkkaCollab__Node__Hostname, podIp(p.pod));
  }
  assert.deepEqual(hostsEntries(pods), [0, 1, 2].map((i) =>
    `${podIp(`ac-akkacollab-doc-${i}`)} ac-akkacollab-doc-${i}.ac-akkacollab-doc-headless.collab.svc.akkacollab.test`));
  assert.deepEqual(pods.filter((p) => !p.stable).map((p) => p.env.AkkaCollab__Node__PublicHostname), pods.filter((p) => !p.stable).map((p) => podIp(p.pod)));
});

test("the Secret values reach the env, and a missing Secret key stops the pod as the kubelet would", () => {
  const [pod] = renderCluster();
  assert.equal(pod.env.AkkaCollab__Node__ConnectionString, secrets["akkacollab-postgresql"]["connection-string"]);
  assert.equal(pod.env.AkkaCollab__Security__SigningKeys__0, secrets["akkacollab-signing-keys"]["signing-key-0"]);
  assert.throws(() => podEnvironments(render(), { podIp, secrets: { "akkacollab-postgresql": secrets["akkacollab-postgresql"] }, namespace: "collab" }),
    /secret "akkacollab-signing-keys" key "signing-key-0" not found/);
});
