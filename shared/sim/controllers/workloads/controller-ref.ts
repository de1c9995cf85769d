import { KINDS, objectKey, type Kind, type Stored } from "../../../k8s/kinds.ts";
import { compileSelector, type LabelMatcher } from "../../../k8s/labels.ts";
import type { OwnerReference } from "../../../k8s/schema/meta.ts";
import type { LabelSelectorObject } from "../../../k8s/schema/meta.ts";
import type { Pod } from "../../../k8s/schema/pod.ts";
import type { SimContext } from "../../controller.ts";
import type { Store } from "../../store.ts";

/**
 * ControllerRefs (apimachinery metav1.NewControllerRef, pkg/controller/controller_ref_manager.go):
 * the one ownerReference with `controller: true` says which controller manages an object;
 * controllers adopt matching orphans and release objects whose labels stopped matching.
 */
export function newControllerRef(owner: Stored, kind: Kind): OwnerReference {
  return {
    apiVersion: KINDS[kind].apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function getControllerOf(obj: { metadata: { ownerReferences?: OwnerReference[] } }): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The smallest label-index set that holds every pod `selector` can match (undefined: no matchLabels). */
function candidateSet(store: Store, selector: LabelSelectorObject | undefined): ReadonlySet<string> | undefined {
  let best: ReadonlySet<string> | undefined;
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
    const s = store.podKeysWithLabel(k, v);
    if (!best || s.size < best.size) best = s;
  }
  return best;
}

/**
 * ClaimPods: the pods `owner` controls after adopting orphans that match `selector` and
 * releasing owned pods that no longer match. The order of the result is unspecified (callers
 * that write in a loop sort first); adoptions and releases are written in name order.
 * Cost is one pass over the owned pods; the label index is scanned for orphans only when it
 * holds pods that are not already ours.
 */
export function claimPods(ctx: SimContext, owner: Stored, kind: Kind, selector: LabelSelectorObject | undefined): Stored<Pod>[] {
  const store = ctx.store;
  const matches: LabelMatcher = compileSelector(selector ?? null);
  const uid = owner.metadata.uid;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const claimed: Stored<Pod>[] = [];
  const toRelease: Stored<Pod>[] = [];
  let ownedMatching = 0;
  for (const dep of store.dependents(uid)) {
    if (!dep.startsWith("Pod\0")) continue;
    const pod = store.get("Pod", dep.slice(4));
    if (!pod || getControllerOf(pod)?.uid !== uid) continue;
    if (matches(pod.metadata.labels)) {
      ownedMatching++;
      claimed.push(pod);
    } else if (ownerDeleting) claimed.push(pod);
    else toRelease.push(pod);
  }
  for (const pod of toRelease.sort(byName)) {
    // Release: the labels changed, the pod is no longer ours (it becomes an orphan).
    const owners = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    store.update("Pod", { ...pod, metadata: { ...pod.metadata, ownerReferences: owners.length ? owners : undefined } });
  }
  if (ownerDeleting) return claimed;
  for (const pod of findOrphans(ctx, owner, selector, ownedMatching, matches)) {
    claimed.push(
      store.update("Pod", {
        ...pod,
        metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), newControllerRef(owner, kind)] },
      }),
    );
  }
  return claimed;
}

/**
 * The orphans `owner` would adopt: pods of its namespace without a controllerRef, not being
 * deleted, that its selector matches; in name order. `ownedMatching` (how many pods it owns
 * that match) makes the common case O(1): when the smallest label-index set that holds every
 * match is exactly that big, there is no orphan.
 */
export function findOrphans(
  ctx: SimContext,
  owner: Stored,
  selector: LabelSelectorObject | undefined,
  ownedMatching: number,
  matches: LabelMatcher,
): Stored<Pod>[] {
  const store = ctx.store;
  const candidates = candidateSet(store, selector);
  // Every owned matching pod is in the candidate set: equal sizes mean there is no orphan.
  if (candidates && candidates.size === ownedMatching) return [];
  const ns = owner.metadata.namespace ?? "default";
  const orphans: Stored<Pod>[] = [];
  const prefix = `${ns}/`;
  for (const key of candidates ?? store.namespaceKeys("Pod", ns)) {
    if (!key.startsWith(prefix)) continue;
    const pod = store.get("Pod", key);
    if (!pod || getControllerOf(pod) || pod.metadata.deletionTimestamp || !matches(pod.metadata.labels)) continue;
    orphans.push(pod);
  }
  return orphans.sort(byName);
}

export function byName(a: Stored, b: Stored): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Key of the controller named by a controllerRef of `kind`, in the object's namespace. */
export function controllerKeyOf(obj: Stored, kind: Kind): string | undefined {
  const ref = getControllerOf(obj);
  if (!ref || ref.kind !== kind) return undefined;
  return objectKey(obj.metadata.namespace, ref.name);
}
