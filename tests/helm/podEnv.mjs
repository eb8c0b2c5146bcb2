// Each pod's environment as the kubelet would build it from the rendered manifests: the downward
// API fields, Secret references, and $(VAR) expansion. For the rendered-cluster test (issue 13
// item 4), which starts one process per pod with exactly this environment on loopback addresses.

/** One entry per pod: { pod, component, stable, env } (env: name -> value, in manifest order). */
export function podEnvironments(objects, { podIp, secrets, namespace }) {
  const pods = [];
  for (const w of objects.filter((o) => o.kind === "StatefulSet" || o.kind === "Deployment")) {
    // StatefulSet pods are <name>-<ordinal>; a Deployment's are random, so here <name>-<i> stands in.
    for (let i = 0; i < w.spec.replicas; i++) {
      const pod = `${w.metadata.name}-${i}`;
      const env = new Map();
      for (const entry of w.spec.template.spec.containers[0].env) {
        env.set(entry.name, entry.valueFrom ? fromSource(entry, { pod, podIp, secrets, namespace }) : expand(entry.value ?? "", env));
      }
      pods.push({ pod, component: w.metadata.labels["app.kubernetes.io/component"], stable: w.kind === "StatefulSet", env: Object.fromEntries(env) });
    }
  }
  return pods;
}

function fromSource({ name, valueFrom }, { pod, podIp, secrets, namespace }) {
  if (valueFrom.fieldRef) {
    const fields = { "metadata.name": pod, "metadata.namespace": namespace, "status.podIP": podIp(pod) };
    const value = fields[valueFrom.fieldRef.fieldPath];
    if (value === undefined) {
      throw new Error(`${pod}: ${name} reads field ${valueFrom.fieldRef.fieldPath}, which this mapping does not provide`);
    }
    return value;
  }
  if (valueFrom.secretKeyRef) {
    const { name: secret, key } = valueFrom.secretKeyRef;
    const value = secrets[secret]?.[key];
    if (value === undefined) {
      // What the kubelet reports (CreateContainerConfigError) for a missing Secret or key.
      throw new Error(`${pod}: secret "${secret}" key "${key}" not found (env ${name})`);
    }
    return value;
  }
  throw new Error(`${pod}: ${name} has an unsupported valueFrom ${Object.keys(valueFrom)}`);
}

/** Kubernetes' $(VAR) expansion: only variables defined earlier; $$ escapes; unknown ones stay. */
function expand(value, env) {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name) =>
    match === "$$" ? "$" : env.has(name) ? env.get(name) : match);
}

/** The /etc/hosts lines that make each stable pod's advertised name resolve to its own address. */
export function hostsEntries(pods) {
  return pods.filter((p) => p.stable).map((p) => `${p.env.AkkaCollab__Node__Hostname} ${p.env.AkkaCollab__Node__PublicHostname}`);
}
