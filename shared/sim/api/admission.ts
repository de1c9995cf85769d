import type { Kind, KindMap, Stored } from "../../k8s/kinds.ts";
import { KINDS } from "../../k8s/kinds.ts";
import { badRequest, invalid, type ApiError, type FieldError } from "../../k8s/errors.ts";
import { cannotBeHandled, describeDecodeProblems, dropNulls } from "../../k8s/decode-errors.ts";
import { defaultObject } from "../../k8s/defaults/index.ts";
import { admitPriority } from "../../k8s/defaults/pod-admission.ts";
import { allocateServiceAddresses } from "../../k8s/defaults/service-allocation.ts";
import { JOB_CONTROLLER_UID_LABEL, generateJobSelector } from "../../k8s/defaults/workloads.ts";
import { qosClass } from "../../k8s/qos.ts";
import { validateObject } from "../../k8s/validation/index.ts";
import { goLabelSelector } from "../../k8s/validation/go-literal.ts";
import { nthAddress } from "../../net/cidr.ts";
import { err, ok, type Result } from "../../util/result.ts";
import { nextInt } from "../rng.ts";
import type { Store } from "../store.ts";
import { carryOverServerFields } from "../../k8s/defaults/carry-over.ts";

/**
 * The API server between decoding and storage, in its order: strict decoding (BadRequest),
 * defaulting, mutating admission (ServiceAccount, DefaultTolerationSeconds, Priority), the
 * registry's create preparation (status reset, Pod QoS class, Job selector), validation
 * (Invalid, every problem at once), then ClusterIP/NodePort allocation.
 *
 * `input` is decoded (kind and apiVersion known); `old` is the stored object on update. A
 * rejected request leaves the cluster exactly as it was: the random generator is rolled back.
 */
export function admit<K extends Kind>(
  kind: K,
  input: unknown,
  old: Stored<KindMap[K]> | undefined,
  store: Store,
): Result<KindMap[K], ApiError> {
  const rngBefore = [...store.state.rng];
  const result = admitInOrder(kind, input, old, store);
  if (!result.ok) store.state.rng.splice(0, rngBefore.length, ...rngBefore);
  return result;
}

const kindWithGroup = (kind: Kind) => (KINDS[kind].group ? `${kind}.${KINDS[kind].group}` : kind);

function admitInOrder<K extends Kind>(kind: K, input: unknown, old: Stored<KindMap[K]> | undefined, store: Store): Result<KindMap[K], ApiError> {
  const schema = KINDS[kind].schema;
  let parsed = schema.safeParse(input);
  let candidate: unknown = input;
  if (!parsed.success) {
    candidate = dropNulls(input);
    parsed = schema.safeParse(candidate);
  }
  const problems = describeDecodeProblems(kind, candidate, parsed.success ? [] : parsed.error.issues);
  if (problems.decodeError) return err(badRequest(cannotBeHandled(kind, KINDS[kind].apiVersion, problems.decodeError)));
  const name = String((candidate as { metadata?: { name?: unknown } }).metadata?.name ?? "");
  if (!parsed.success) {
    // Well-typed but incomplete: nothing to default; report what validation finds plus zod's leftovers.
    return err(invalid(kindWithGroup(kind), name, mergeErrors(validateObject(kind, candidate as KindMap[K], old), problems.fieldErrors)));
  }

  let obj = parsed.data as KindMap[K];
  if (old) obj = carryOverServerFields(kind, obj, old);
  else if (kind !== "Node") obj = withoutStatus(obj);
  obj = defaultObject(kind, obj);

  const errors: FieldError[] = [];
  if (kind === "Pod") {
    const r = prepareForCreatePod(obj as KindMap["Pod"], old as KindMap["Pod"] | undefined, store);
    if (!r.ok) return r;
    obj = r.value as KindMap[K];
  }
  if (kind === "Job" && !old) {
    const r = prepareForCreateJob(obj as KindMap["Job"], store);
    obj = r.job as KindMap[K];
    errors.push(...r.errors);
  }
  errors.push(...validateObject(kind, obj, old));
  if (errors.length) return err(invalid(kindWithGroup(kind), name, mergeErrors(errors, [])));

  if (kind === "Service") {
    const r = allocate(obj as KindMap["Service"], store);
    if (r.errors.length) return err(invalid(kindWithGroup(kind), name, r.errors));
    obj = r.svc as KindMap[K];
  }
  return ok(obj);
}

/** Validation first, then zod's findings not already reported; identical errors once. */
function mergeErrors(first: FieldError[], extra: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of [...first, ...extra]) {
    const key = `${e.field}\0${e.type}\0${e.detail ?? ""}`;
    if (e.type === "Required" ? seen.has(`${e.field}\0Required\0`) || seen.has(key) : seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** PrepareForCreate resets status for every kind a client may not write it for. */
function withoutStatus<T>(obj: T): T {
  if (!obj || typeof obj !== "object" || !("status" in obj)) return obj;
  const { status: _status, ...rest } = obj as T & { status?: unknown };
  return rest as T;
}

function prepareForCreatePod(pod: KindMap["Pod"], old: KindMap["Pod"] | undefined, store: Store): Result<KindMap["Pod"], ApiError> {
  if (old) return ok(pod);
  const r = admitPriority(pod, {
    get: (n) => store.get("PriorityClass", n),
    list: () => store.list("PriorityClass"),
  });
  if (!r.ok) return r;
  return ok({ ...r.value, status: { phase: "Pending", qosClass: qosClass(r.value) } });
}

/**
 * The Job registry generates a selector from the Job's uid, which the store assigns in create.
 * Workaround until the store accepts a pre-assigned uid (see report): compute the uid the
 * store will draw next from the generator, without consuming it. Exact as long as nothing
 * draws from the generator between admission and store.create, which createObject guarantees.
 */
function predictNextUid(store: Store): string {
  const saved = [...store.state.rng];
  const uid = store.newUid();
  store.state.rng.splice(0, saved.length, ...saved);
  return uid;
}

/** generateSelector + ValidateGeneratedSelector: a hand-written selector needs manualSelector: true. */
function prepareForCreateJob(job: KindMap["Job"], store: Store): { job: KindMap["Job"]; errors: FieldError[] } {
  if (job.spec.manualSelector) return { job, errors: [] };
  const uid = predictNextUid(store);
  const generated = generateJobSelector(job, uid);
  const sel = generated.spec.selector;
  const exact = Object.keys(sel?.matchLabels ?? {}).length === 1 && !(sel?.matchExpressions ?? []).length && sel?.matchLabels?.[JOB_CONTROLLER_UID_LABEL] === uid;
  const errors: FieldError[] = exact
    ? []
    : [{ field: "spec.selector", type: "Invalid", value: goLabelSelector(sel), detail: "`selector` not auto-generated" }];
  return { job: generated, errors };
}

function allocate(svc: KindMap["Service"], store: Store) {
  const cidr = store.state.config.serviceCIDR;
  const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
  const usedClusterIPs = new Set<string>();
  const usedNodePorts = new Set<number>();
  // The `kubernetes` Service owns the range's first address, whether or not it exists yet.
  if (key !== "default/kubernetes") usedClusterIPs.add(nthAddress(cidr, 1));
  for (const other of store.list("Service")) {
    if (`${other.metadata.namespace}/${other.metadata.name}` === key) continue;
    for (const ip of other.spec.clusterIPs ?? (other.spec.clusterIP ? [other.spec.clusterIP] : [])) usedClusterIPs.add(ip);
    for (const p of other.spec.ports ?? []) if (p.nodePort) usedNodePorts.add(p.nodePort);
  }
  return allocateServiceAddresses(svc, { serviceCIDR: cidr, usedClusterIPs, usedNodePorts, randomInt: (n) => nextInt(store.state.rng, n) });
}
