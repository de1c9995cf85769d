import type { Kind } from "../../../k8s/kinds.ts";
import { daemonSetColumns } from "./daemonset.ts";
import { deploymentColumns } from "./deployment.ts";
import { endpointSliceColumns } from "./endpointslice.ts";
import { eventColumns } from "./event.ts";
import { jobColumns } from "./job.ts";
import { ingressColumns, networkPolicyColumns } from "./networking.ts";
import { nodeColumns } from "./node.ts";
import { podColumns } from "./pod.ts";
import { replicaSetColumns } from "./replicaset.ts";
import { serviceColumns } from "./service.ts";
import { configMapColumns, namespaceColumns, priorityClassColumns, secretColumns } from "./simple.ts";
import type { ColumnSet } from "./types.ts";

/** The `kubectl get` column set of every simulated kind. */
export const COLUMN_SETS: { [K in Kind]: ColumnSet<K> } = {
  Namespace: namespaceColumns,
  Node: nodeColumns,
  PriorityClass: priorityClassColumns,
  ConfigMap: configMapColumns,
  Secret: secretColumns,
  Deployment: deploymentColumns,
  ReplicaSet: replicaSetColumns,
  DaemonSet: daemonSetColumns,
  Job: jobColumns,
  Pod: podColumns,
  Service: serviceColumns,
  EndpointSlice: endpointSliceColumns,
  Event: eventColumns,
  Ingress: ingressColumns,
  NetworkPolicy: networkPolicyColumns,
};
