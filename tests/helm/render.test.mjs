// The three install shapes render, and every object is a valid Kubernetes object.
import assert from "node:assert/strict";
import { test } from "node:test";
import { helm, chartDir, render, renderNotes, one } from "./helm.mjs";
import { validateObject } from "./kubeSchema.mjs";
import { unknownFields } from "./knownFields.mjs";

const shapes = {
  default: [],
  "split and scaled (doc x 5, web x 3, Ingress)": ["ci/split-scaled-values.yaml"],
  "combined small install": ["ci/combined-values.yaml"],
};

for (const [shape, files] of Object.entries(shapes)) {
  test(`helm lint --strict passes for the ${shape} values`, () => {
    const args = ["lint", "--strict", chartDir, ...files.flatMap((f) => ["-f", `${chartDir}/${f}`])];
    const run = helm(...args);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  test(`every object of the ${shape} render is valid against the Kubernetes schemas`, () => {
    const objects = render({ files });
    assert.ok(objects.length >= 5, `only ${objects.length} objects rendered`);
    for (const obj of objects) {
      validateObject(obj);
      assert.deepEqual(unknownFields(obj), [], `${obj.kind} ${obj.metadata.name} has fields no schema declares`);
    }
  });
}

test("the split and scaled render has 5 doc pods, 3 web pods and an Ingress to the web Service", () => {
  const objects = render({ files: ["ci/split-scaled-values.yaml"] });
  assert.equal(one(objects, "StatefulSet", "-doc").spec.replicas, 5);
  assert.equal(one(objects, "Deployment", "-web").spec.replicas, 3);
  const ingress = one(objects, "Ingress");
  const service = objects.find((o) => o.kind === "Service" && o.spec.clusterIP !== "None");
  assert.equal(ingress.spec.rules[0].http.paths[0].backend.service.name, service.metadata.name);
  assert.deepEqual(ingress.spec.tls, [{ hosts: ["collab.example.com"], secretName: "collab-example-com-tls" }]);
});

test("the default render has exactly the split install's kinds and no Secret", () => {
  const kinds = render().map((o) => `${o.kind}/${o.metadata.name}`).sort();
  assert.deepEqual(kinds, [
    "Deployment/ac-akkacollab-web",
    "PodDisruptionBudget/ac-akkacollab-doc",
    "PodDisruptionBudget/ac-akkacollab-web",
    "Service/ac-akkacollab",
    "Service/ac-akkacollab-doc-headless",
    "ServiceAccount/ac-akkacollab",
    "StatefulSet/ac-akkacollab-doc",
  ]);
});

test("the schema validator refuses an object with a wrongly typed field", () => {
  const statefulSet = one(render(), "StatefulSet");
  statefulSet.spec.template.spec.containers[0].ports[0].containerPort = "http";
  assert.throws(() => validateObject(statefulSet), /containerPort must be integer/);
});

test("a misspelt field name is found although the OpenAPI schema lets it through", () => {
  const objects = render();
  const headless = one(objects, "Service", "-doc-headless");
  headless.spec.publishNotReadyAdresses = true;
  validateObject(headless);
  const doc = one(objects, "StatefulSet");
  doc.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
  assert.deepEqual(unknownFields(headless), ["Service.spec.publishNotReadyAdresses"]);
  assert.deepEqual(unknownFields(doc), ["StatefulSet.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"]);
});

test("every object carries the app.kubernetes.io labels and the chart label", () => {
  for (const obj of render({ files: ["ci/split-scaled-values.yaml"] })) {
    const labels = obj.metadata.labels;
    for (const key of ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"]) {
      assert.ok(labels?.[key], `${obj.kind} ${obj.metadata.name} lacks ${key}`);
    }
  }
});

test("every Service and PodDisruptionBudget selects the pods of exactly one workload", () => {
  for (const files of Object.values(shapes)) {
    const objects = render({ files });
    const workloads = objects.filter((o) => o.kind === "StatefulSet" || o.kind === "Deployment");
    for (const o of objects.filter((x) => x.kind === "Service" || x.kind === "PodDisruptionBudget")) {
      const selector = o.kind === "Service" ? o.spec.selector : o.spec.selector.matchLabels;
      const selected = workloads.filter((w) =>
        Object.entries(selector).every(([k, v]) => w.spec.template.metadata.labels[k] === v));
      assert.equal(selected.length, 1, `${o.kind} ${o.metadata.name} selects ${selected.length} workloads`);
      // A workload's own selector must match its pods too.
      for (const w of selected) {
        for (const [k, v] of Object.entries(w.spec.selector.matchLabels)) {
          assert.equal(w.spec.template.metadata.labels[k], v);
        }
      }
    }
  }
});

test("NOTES name the Secrets and keys to create first, and warn when fewer than 3 doc pods run", () => {
  const notes = renderNotes(["security.signingKeys.keys={signing-key-1,signing-key-0}"]);
  assert.match(notes, /akkacollab-postgresql: key connection-string/);
  assert.match(notes, /akkacollab-signing-keys: key\(s\) signing-key-1, signing-key-0/);
  assert.doesNotMatch(notes, /WARNING/);
  assert.doesNotMatch(notes, /ctl --node/);
  const small = renderNotes(["doc.replicas=1", "admin.enabled=true"]);
  assert.match(small, /WARNING: doc.replicas is 1/);
  assert.match(small, /exec ac-akkacollab-doc-0 -- dotnet AkkaCollab.Web.dll ctl --node http:\/\/127.0.0.1:9110 cluster show/);
});
