// The rendered configuration forms a real cluster (issue 13 item 4): the chart with 3 doc and 2 web
// pods, each pod's env expanded as the kubelet would (podEnv.mjs), one process per pod started by
// tests/cluster/cluster.sh with exactly that env on its own loopback address, one PostgreSQL.
// Needs root (/etc/hosts) and the Release build; AKKACOLLAB_PG_DIR/PORT pick the PostgreSQL.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { render } from "./helm.mjs";
import { hostsEntries, podEnvironments } from "./podEnv.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const clusterSh = join(here, "..", "cluster", "cluster.sh");
const addresses = (process.env.HELM_CLUSTER_ADDRS ?? "127.0.0.21 127.0.0.22 127.0.0.23 127.0.0.24 127.0.0.25").split(" ");
const hostsFile = "/etc/hosts";
// Without a pid: the next run also removes what a killed run left (the addresses are fixed anyway).
const hostsMarker = "# akkacollab-helm-cluster-test";
const signingKey = randomBytes(32).toString("base64");
// Fixed, so that a run replaces the previous run's logs instead of piling up directories.
const stateDir = join(tmpdir(), "akkacollab-helm-cluster");
rmSync(stateDir, { recursive: true, force: true });
mkdirSync(stateDir);
// As root cluster.sh runs each node under its own uid, which must reach its node dir.
chmodSync(stateDir, 0o755);
const clusterEnv = {
  ...process.env,
  CLUSTER_NODES: "5",
  CLUSTER_ADDRS: addresses.join(" "),
  CLUSTER_DIR: join(stateDir, "nodes"),
  CLUSTER_ENV_DIR: join(stateDir, "env"),
  CLUSTER_NFT_TABLE: "akkacollab_helmc",
};
const cluster = (...args) => execFileSync(clusterSh, args, { env: clusterEnv, encoding: "utf8", timeout: 120_000 }).trim();

let pods;
let nodeOf;
// Each pod's env as its process got it (the wildcard bind addresses mapped, see below).
const started = new Map();

before(async () => {
  assert.equal(process.getuid(), 0, "the rendered-cluster test maps pod DNS names in /etc/hosts and needs root");
  cluster("pg-start");
  const secrets = {
    "akkacollab-postgresql": { "connection-string": cluster("pg-url") },
    "akkacollab-signing-keys": { "signing-key-0": signingKey },
  };
  const ips = new Map();
  const podIp = (pod) => {
    if (!ips.has(pod)) {
      ips.set(pod, addresses[ips.size]);
    }
    return ips.get(pod);
  };
  pods = podEnvironments(render({ set: ["doc.replicas=3", "web.replicas=2", "admin.enabled=true"] }), { podIp, secrets, namespace: "collab" });
  assert.equal(pods.length, 5);
  nodeOf = new Map(pods.map((p, i) => [p.pod, i + 1]));
  mkdirSync(clusterEnv.CLUSTER_ENV_DIR, { recursive: true });
  for (const [i, p] of pods.entries()) {
    // A pod has its own network namespace, where 0.0.0.0 is the pod's address; here it is.
    const env = Object.fromEntries(Object.entries(p.env).map(([k, v]) =>
      [k, /^AkkaCollab__(Web|Admin)__Url$/.test(k) ? v.replace("//0.0.0.0:", `//${podIp(p.pod)}:`) : v]));
    started.set(p.pod, env);
    const lines = Object.entries(env).map(([k, v]) => {
      assert.doesNotMatch(v, /\n/, `${p.pod}: ${k} spans lines`);
      return `${k}=${v}`;
    });
    writeFileSync(join(clusterEnv.CLUSTER_ENV_DIR, `node${i + 1}.env`), `${lines.join("\n")}\n`);
  }
  clusterEnv.CLUSTER_HTTP_PORTS = pods.map((p) => new URL(p.env.AkkaCollab__Web__Url).port).join(" ");
  const hosts = readFileSync(hostsFile, "utf8").split("\n").filter((l) => !l.endsWith(hostsMarker)).join("\n");
  writeFileSync(hostsFile, `${hosts.endsWith("\n") ? hosts : `${hosts}\n`}${hostsEntries(pods).map((l) => `${l} ${hostsMarker}`).join("\n")}\n`);
  for (const i of nodeOf.values()) {
    cluster("start", String(i));
  }
});

after(() => {
  try {
    cluster("nodes-down");
  } finally {
    const hosts = readFileSync(hostsFile, "utf8").split("\n");
    if (hosts.some((l) => l.endsWith(hostsMarker))) {
      writeFileSync(hostsFile, hosts.filter((l) => !l.endsWith(hostsMarker)).join("\n"));
    }
    rmSync(clusterEnv.CLUSTER_ENV_DIR, { recursive: true, force: true });
  }
});

const urlOf = (pod) => cluster("url", String(nodeOf.get(pod)));
const webPods = () => pods.filter((p) => p.component === "web").map((p) => p.pod);

/** Polls until every pod answers /readyz 200 (bounded). */
async function allReady(limitMs) {
  const deadline = Date.now() + limitMs;
  const pending = new Set(pods.map((p) => p.pod));
  while (pending.size > 0) {
    for (const pod of [...pending]) {
      const res = await fetch(`${urlOf(pod)}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (res?.status === 200) {
        pending.delete(pod);
      }
    }
    if (pending.size > 0 && Date.now() > deadline) {
      throw new Error(`not ready within ${limitMs} ms: ${[...pending].join(", ")} (logs under ${clusterEnv.CLUSTER_DIR})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** An HS256 access token signed with the Secret's key, as the service's own tokens are. */
function accessToken(roles = []) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "helm-test", iss: "akkacollab", aud: "akkacollab", iat: now, nbf: now, exp: now + 3600, jti: randomUUID(), ...(roles.length ? { role: roles } : {}) };
  const body = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
  return `${body}.${createHmac("sha256", Buffer.from(signingKey, "base64")).update(body).digest("base64url")}`;
}

/** GET on a pod's admin endpoint (the chart's admin port) as an admin. */
async function admin(pod, path) {
  const res = await fetch(`${started.get(pod).AkkaCollab__Admin__Url}/admin${path}`,
    { headers: { authorization: `Bearer ${accessToken(["admin"])}` }, signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200, `${pod} ${path}: ${await res.clone().text()}`);
  return res.json();
}

/** The address a pod's cluster member has: akka.tcp://system@<public hostname>:<port>. */
const memberAddress = (pod) => {
  const env = started.get(pod);
  return `akka.tcp://${env.AkkaCollab__Node__ActorSystemName}@${env.AkkaCollab__Node__PublicHostname}:${env.AkkaCollab__Node__Port}`;
};

/** Subscribes as the browser client does: an `unavailable` answer (authority starting) is retried. */
async function open(client, id, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.open(id, options);
    } catch (e) {
      if (!/unavailable/.test(e.message) || attempt >= 10) {
        throw e;
      }
    }
  }
}

/** A pod's cluster view once it lists all five members Up and reachable, or its last view after limitMs. */
async function converged(pod, limitMs) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const view = await admin(pod, "/cluster");
    const settled = view.members.length === pods.length && view.members.every((m) => m.status === "Up" && m.reachable);
    if (settled || Date.now() > deadline) {
      return view;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("3 doc and 2 web pods started with the rendered env become Up members answering /readyz 200", async () => {
  await allReady(120_000);
  // What `ctl cluster show` prints, from every pod's admin port: the same five members, all Up.
  // A pod is ready once it is Up itself; the others learn that by gossip a moment later (CI saw
  // doc-0 still listing a ready web pod as Joining), so each view is polled until it converges.
  for (const p of pods) {
    const view = await converged(p.pod, 30_000);
    assert.deepEqual(view.members.map((m) => m.address).sort(), pods.map((q) => memberAddress(q.pod)).sort(), p.pod);
    assert.deepEqual(view.members.filter((m) => m.status !== "Up" || !m.reachable), [], p.pod);
    assert.deepEqual(view.members.find((m) => m.address === memberAddress(p.pod)).roles, [p.component], p.pod);
  }
});

test("clients on both web pods edit shared documents and converge; SIGTERM of a doc pod loses no acked op", async () => {
  process.env.AKKACOLLAB_TOKEN = accessToken();
  const adapter = createRequire(import.meta.url)("../loadgen/akkacollab-adapter.js");
  const docIds = Array.from({ length: 6 }, (_, k) => `helmc-${Date.now()}-${k}`);
  const [webA, webB] = webPods();
  const clientA = await adapter.connect(urlOf(webA));
  const clientB = await adapter.connect(urlOf(webB));
  try {
    const handles = [];
    for (const id of docIds) {
      handles.push({ id, client: "a", h: await open(clientA, id, { create: true, initialText: "\n" }) });
      handles.push({ id, client: "b", h: await open(clientB, id) });
    }
    const acked = new Map(docIds.map((id) => [id, []]));
    const submit = (entry, n) => new Promise((resolve, reject) => {
      const marker = `[${entry.client}${n}]`;
      const timer = setTimeout(() => reject(new Error(`${entry.id}: ${marker} not acked within 30 s`)), 30_000);
      entry.h.submit([{ insert: marker }], (err, rev) => {
        clearTimeout(timer);
        if (err) {
          reject(new Error(`${entry.id}: ${marker}: ${err.message ?? err}`));
        } else {
          acked.get(entry.id).push({ marker, rev });
          resolve();
        }
      });
    });
    // Each client writes serially on every document until told to stop.
    let writing = true;
    const writers = handles.map(async (entry) => {
      for (let n = 1; n <= 10_000 && (writing || n <= 5); n++) {
        await submit(entry, n);
      }
    });
    // Let every writer get acks before the doc pod goes, then SIGTERM it as the kubelet would.
    const deadline = Date.now() + 30_000;
    while ([...acked.values()].some((a) => a.length < 6)) {
      assert.ok(Date.now() < deadline, "the first acks did not arrive within 30 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    // The doc pod that hosts the most of the documents goes (doc locate, as `ctl doc locate`).
    const docPods = pods.filter((p) => p.component === "doc").map((p) => p.pod);
    const hosts = async (on) => Promise.all(docIds.map(async (id) => (await admin(on, `/docs/${id}/locate`)).node));
    const before = await hosts(docPods[0]);
    const doc = docPods.reduce((best, p) => (before.filter((h) => h === memberAddress(p)).length > before.filter((h) => h === memberAddress(best)).length ? p : best));
    const moved = docIds.filter((_, k) => before[k] === memberAddress(doc));
    assert.ok(moved.length > 0, `some document is hosted on ${doc}: ${before}`);
    const exit = cluster("stop", String(nodeOf.get(doc)));
    assert.match(exit, /exited with 0$/, `${doc} stopped cleanly`);
    const ackedBeforeStop = [...acked.values()].reduce((s, a) => s + a.length, 0);
    const atStop = new Map(docIds.map((id) => [id, acked.get(id).length]));
    // Writing continues on every document, on the remaining doc pods, which now host the ones it had.
    const more = Date.now() + 30_000;
    while (docIds.some((id) => acked.get(id).length < atStop.get(id) + 4)) {
      assert.ok(Date.now() < more, "not every document took writes within 30 s of the doc pod stopping");
      await new Promise((r) => setTimeout(r, 100));
    }
    writing = false;
    await Promise.all(writers);
    // The coordinator's statistics may lag the hand-off (its singleton may have moved too): poll.
    const remaining = docPods.filter((p) => p !== doc).map(memberAddress);
    const located = Date.now() + 20_000;
    for (let now = await hosts(docPods.find((p) => p !== doc)); moved.some((id) => !remaining.includes(now[docIds.indexOf(id)])); now = await hosts(docPods.find((p) => p !== doc))) {
      assert.ok(Date.now() < located, `${moved} handed off to a remaining doc pod within 20 s (now on: ${now})`);
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const { h, id } of handles) {
      assert.ok(await h.settle(30_000), `${id} settles`);
    }
    for (const url of [urlOf(webA), urlOf(webB)]) {
      const fresh = await adapter.fetchFresh(url, docIds);
      for (const { id, h } of handles) {
        assert.equal(h.contents(), fresh.get(id).contents, `${id}: a client's copy and the REST head on ${url} agree`);
        const text = JSON.stringify(fresh.get(id).contents);
        const lost = acked.get(id).filter(({ marker }) => !text.includes(marker));
        assert.deepEqual(lost, [], `${id}: acked ops missing from the head`);
      }
    }
    // The journal's history (REST) holds each acked op at the revision its ack gave.
    for (const id of docIds) {
      // 503 means the authority did not answer within its timeout ("retry"), as under a loaded
      // machine right after a hand-off: retry, bounded, as a client would.
      let res;
      for (const until = Date.now() + 15_000; ; await new Promise((r) => setTimeout(r, 500))) {
        res = await fetch(`${urlOf(webA)}/api/docs/${id}/ops`, { headers: { authorization: `Bearer ${process.env.AKKACOLLAB_TOKEN}` } });
        if (res.status !== 503 || Date.now() > until) break;
      }
      assert.equal(res.status, 200, `${id} history`);
      const byRev = new Map((await res.json()).ops.map((o) => [o.rev, JSON.stringify(o.delta)]));
      const wrong = acked.get(id).filter(({ marker, rev }) => !byRev.get(rev)?.includes(marker));
      assert.deepEqual(wrong, [], `${id}: acked ops not in the history at their acked revision`);
    }
    console.log(`acked ops: ${[...acked.values()].reduce((s, a) => s + a.length, 0)} (${ackedBeforeStop} before ${doc} stopped; it hosted ${moved.length} of ${docIds.length} documents)`);
  } finally {
    clientA.close();
    clientB.close();
  }
});
