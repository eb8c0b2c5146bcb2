// The Kubernetes OpenAPI schemas allow unknown fields, so kubernetes-models' validate() passes a
// misspelt field (`publishNotReadyAdresses`) that the API server would drop. This walks an object
// against the field names declared in kubernetes-models' type declarations (one .d.ts per schema
// type) and returns the paths of fields no schema declares.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const modelsRoot = dirname(require.resolve("kubernetes-models/package.json"));
const cache = new Map();

function resolveImport(fromFile, spec) {
  if (spec.startsWith(".")) {
    return join(dirname(fromFile), `${spec}.d.ts`);
  }
  const [scope, name, ...rest] = spec.split("/");
  return join(dirname(require.resolve(`${scope}/${name}/package.json`, { paths: [modelsRoot] })), `${rest.join("/")}.d.ts`);
}

/** Field name -> declaration file of its type (an object schema), or null (scalar, map, free object). */
function fieldsOf(file) {
  if (!cache.has(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
      imports.set(m[1], resolveImport(file, m[2]));
    }
    const body = /^export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m.exec(text);
    if (body === null) {
      throw new Error(`no interface in ${file}`);
    }
    const fields = new Map();
    for (const m of body[1].matchAll(/^ {4}"([^"]+)"\??: (.*)$/gm)) {
      const type = /^(?:Array<)?(IIoK8s\w+)>?;$/.exec(m[2]);
      fields.set(m[1], type && imports.has(type[1]) ? imports.get(type[1]) : null);
    }
    cache.set(file, fields);
  }
  return cache.get(file);
}

function walk(value, file, path, unknown) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, file, `${path}[${i}]`, unknown));
    return;
  }
  if (value === null || typeof value !== "object") {
    return;
  }
  const fields = fieldsOf(file);
  if (fields.size === 0) {
    return; // a free-form object (IntOrString, Quantity, RawExtension)
  }
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) {
      unknown.push(`${path}.${key}`);
    } else if (fields.get(key) !== null) {
      walk(child, fields.get(key), `${path}.${key}`, unknown);
    }
  }
}

/** Paths of the fields of obj that its kind's schema does not declare (empty: all known). */
export function unknownFields(obj) {
  const file = join(modelsRoot, obj.apiVersion, `${obj.kind}.d.ts`);
  const unknown = [];
  walk(obj, file, obj.kind, unknown);
  return unknown;
}
