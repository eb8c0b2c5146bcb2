// Validates a rendered object against the Kubernetes OpenAPI schema compiled into
// kubernetes-models (types, required fields, enums, formats).
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as policy from "kubernetes-models/policy/v1";

const groups = { v1: core, "apps/v1": apps, "networking.k8s.io/v1": networking, "policy/v1": policy };

/** Throws with the object's kind/name and the validator's message when it is invalid. */
export function validateObject(obj) {
  const model = groups[obj.apiVersion]?.[obj.kind];
  if (model === undefined) {
    throw new Error(`no schema for ${obj.apiVersion} ${obj.kind} (${obj.metadata?.name})`);
  }
  try {
    new model(obj).validate();
  } catch (error) {
    throw new Error(`${obj.kind} ${obj.metadata?.name}: ${error.message}`);
  }
}
