import { objectKey, type Kind, type Stored } from "../../../k8s/kinds.ts";
import type { ApiError } from "../../../k8s/errors.ts";
import type { Pod, PodTemplateSpec } from "../../../k8s/schema/pod.ts";
import type { Result } from "../../../util/result.ts";
import { createObject, deleteObject } from "../../api/server.ts";
import { templateAdmitter } from "../../api/template-admission.ts";
import type { SimContext } from "../../controller.ts";
import type { Engine } from "../../loop.ts";
import { randomSuffix } from "../../rng.ts";
import { newControllerRef } from "./controller-ref.ts";

/**
 * RealPodControl (pkg/controller/controller_utils.go): pods are created from a template through
 * the API server (so admission applies and errors are the API's), owned by their controller,
 * and every create/delete is recorded as an event on the controller.
 */

/** A controller creates at most this many pods per sync (ReplicaSet burstReplicas). */
export const BURST_REPLICAS = 500;
/** SimpleNameGenerator: generateName is cut to 63 - 5 characters before the random suffix. */
const MAX_GENERATE_NAME_LENGTH = 58;

export interface PodOwner {
  owner: Stored;
  kind: Kind;
  /** Event source component: `replicaset-controller`, `daemonset-controller`, `job-controller`. */
  component: string;
}

/** GetPodFromTemplate + CreatePods: `<owner>-<5 random chars>`, labels/annotations/spec from the template. */
export function createPodFromTemplate(
  ctx: SimContext,
  o: PodOwner,
  template: PodTemplateSpec,
  mutate?: (pod: Pod) => Pod,
): Result<Stored<Pod>, ApiError> {
  const ns = o.owner.metadata.namespace ?? "default";
  const generateName = `${o.owner.metadata.name}-`.slice(0, MAX_GENERATE_NAME_LENGTH);
  // The API server would generate the suffix; a collision is retried like its name generator.
  let name = generateName + randomSuffix(ctx.state.rng);
  for (let i = 0; i < 8 && ctx.store.get("Pod", objectKey(ns, name)); i++) name = generateName + randomSuffix(ctx.state.rng);
  const tm = template.metadata ?? {};
  let pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      name,
      namespace: ns,
      ...(tm.labels ? { labels: { ...tm.labels } } : {}),
      ...(tm.annotations ? { annotations: { ...tm.annotations } } : {}),
      ...(tm.finalizers ? { finalizers: [...tm.finalizers] } : {}),
      ownerReferences: [newControllerRef(o.owner, o.kind)],
    },
    spec: template.spec,
  };
  // Pods made from the template as it is differ only in their name: admission is cached.
  const admitter = mutate ? undefined : templateAdmitter(ctx.store, template, o.owner.metadata.uid);
  if (mutate) pod = mutate(pod);
  const r = createObject(ctx as Engine, pod, ns, admitter);
  if (!r.ok) {
    ctx.recordEvent(o.owner, "Warning", "FailedCreate", `Error creating: ${r.error.message}`, { component: o.component });
    return r;
  }
  ctx.recordEvent(o.owner, "Normal", "SuccessfulCreate", `Created pod: ${name}`, { component: o.component });
  return r as Result<Stored<Pod>, ApiError>;
}

/**
 * slowStartBatch: call `fn` `count` times in batches of 1, 2, 4, ...; stop after the first
 * batch with a failure, so a controller hitting a quota or a terminating namespace does not
 * send hundreds of doomed requests. Returns how many succeeded and the first error.
 */
export function slowStartBatch(count: number, fn: () => ApiError | undefined): { successes: number; error?: ApiError } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: ApiError | undefined;
    for (let i = 0; i < batch; i++) {
      const e = fn();
      if (e) firstError ??= e;
      else successes++;
    }
    if (firstError) return { successes, error: firstError };
    remaining -= batch;
  }
  return { successes };
}

/** DeletePod: graceful delete through the API; NotFound is not an error (already gone). */
export function deletePod(ctx: SimContext, o: PodOwner, pod: Stored<Pod>): ApiError | undefined {
  const r = deleteObject(ctx as Engine, "Pod", pod.metadata.namespace, pod.metadata.name);
  if (!r.ok) {
    if (r.error.reason === "NotFound") return undefined;
    ctx.recordEvent(o.owner, "Warning", "FailedDelete", `Error deleting: ${r.error.message}`, { component: o.component });
    return r.error;
  }
  ctx.recordEvent(o.owner, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`, { component: o.component });
  return undefined;
}
