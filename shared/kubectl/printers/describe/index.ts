import type { Kind, KindMap, Stored } from "../../../k8s/kinds.ts";
import type { Store } from "../../../sim/store.ts";
import { describeDeployment } from "./deployment.ts";
import { describeJob } from "./job.ts";
import { describeIngress, describeNetworkPolicy } from "./networking.ts";
import { describeNode } from "./node.ts";
import { describePod } from "./pod.ts";
import { describeService } from "./service.ts";
import {
  describeConfigMap,
  describeEndpointSlice,
  describeEvent,
  describeNamespace,
  describePriorityClass,
  describeSecret,
} from "./simple.ts";
import { describeDaemonSet, describeReplicaSet } from "./workloads.ts";

type Describer<K extends Kind> = (store: Store, obj: Stored<KindMap[K]>, nowMs: number) => string;

const DESCRIBERS: { [K in Kind]: Describer<K> } = {
  Namespace: (_s, o) => describeNamespace(o),
  Node: describeNode,
  PriorityClass: describePriorityClass,
  ConfigMap: describeConfigMap,
  Secret: (_s, o) => describeSecret(o),
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  Pod: describePod,
  Service: describeService,
  EndpointSlice: describeEndpointSlice,
  Event: (_s, o) => describeEvent(o),
  Ingress: describeIngress,
  NetworkPolicy: (_s, o) => describeNetworkPolicy(o),
};

/**
 * `kubectl describe` of one object, laid out as staging/src/k8s.io/kubectl/pkg/describe/describe.go
 * (v1.30) lays it out. Related objects (events, pods, ReplicaSets, EndpointSlices) are read
 * from `store`; `nowMs` is the simulated clock that ages are measured against.
 */
export function describe(store: Store, kind: Kind, obj: Stored, nowMs: number): string {
  return (DESCRIBERS[kind] as Describer<Kind>)(store, obj as Stored<KindMap[Kind]>, nowMs);
}
