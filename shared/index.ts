/**
 * The public entry of shared/: everything client, server and tests use. Pure and deterministic.
 */
export { createCluster, restoreCluster, Cluster, parseFieldSelector, SYSTEM_NAMESPACES } from "./sim/cluster.ts";
export type { ClusterInit, ObjectRef, ListOptions } from "./sim/cluster.ts";
export type { NodeInit } from "./sim/node-builder.ts";
export type { ClusterState, ClusterConfig, NodeRuntime } from "./sim/state.ts";
export { appProfileSchema, normalizeImageRef } from "./sim/apps/profile.ts";
export type { AppProfile, AppProfileInput } from "./sim/apps/profile.ts";
export { KINDS, KIND_NAMES, isKind, objectKey } from "./k8s/kinds.ts";
export type { Kind, KindMap, KubeObject, Stored } from "./k8s/kinds.ts";
export type { ApiError } from "./k8s/errors.ts";
export { formatTimestamp, parseTimestamp } from "./k8s/time.ts";
export { canonicalJSON, hashString } from "./util/canonical.ts";
export * from "./k8s/schema/meta.ts";
export * from "./k8s/schema/pod.ts";
export * from "./k8s/schema/node.ts";
export * from "./k8s/schema/workloads.ts";
export * from "./k8s/schema/service.ts";
export * from "./k8s/schema/misc.ts";
export {
  parseSelector,
  formatSelector,
  matchesSelector,
  compileSelector,
  labelSelectorAsRequirements,
  formatLabelSelector,
  isValidLabelKey,
  isValidLabelValue,
} from "./k8s/labels.ts";
export type { LabelRequirement, LabelSelector, SelectorOperator } from "./k8s/labels.ts";
export {
  parseQuantity,
  parseQuantityMillis,
  parseQuantityBytes,
  canonicalizeQuantity,
  formatCpuMillis,
  formatBytes,
} from "./k8s/quantity.ts";
export { humanDuration, shortHumanDuration } from "./k8s/duration.ts";
export { cidrsOverlap, cidrContains, parseCIDR, parseIPv4, formatIPv4, nthAddress, splitCIDR } from "./net/cidr.ts";
export { rankForEviction, rankForDiskPressure } from "./sim/kubelet/eviction/rank.ts";
export * from "./k8s/schema/networking.ts";
export { defaultObject } from "./k8s/defaults/index.ts";
export { validateObject, nameRuleFor } from "./k8s/validation/index.ts";
export { qosClass, type QOSClass } from "./k8s/qos.ts";
export { formatFieldError, invalid, type FieldError } from "./k8s/errors.ts";
export { describeDecodeProblems, cannotBeHandled } from "./k8s/decode-errors.ts";
export { runKubectl } from "./kubectl/run.ts";
export { completeKubectl } from "./kubectl/complete.ts";
export type { KubectlOptions, KubectlResult, PermissionHook } from "./kubectl/context.ts";
export { EDIT_MARKER, parseEditMarker } from "./kubectl/commands/edit.ts";
export { printTable, printName } from "./kubectl/printers/table.ts";
export { describe as describeObject } from "./kubectl/printers/describe/index.ts";
export { printPodRow, printPodWideExtras } from "./k8s/printers/pod-row.ts";
export { toleratesTaint, formatTaint, parseTaint } from "./k8s/taints.ts";
export { traceRoute } from "./net/trace.ts";
export type { TraceResult } from "./net/trace-types.ts";
export { clusterAddons } from "./net/addons.ts";
export { NETWORK_FAULTS } from "./net/faults.ts";
export { resolveName } from "./net/dns/resolve.ts";
export { resolvConf } from "./net/dns/resolv-conf.ts";
export { coreDnsManifests } from "./net/dns/addon.ts";
export { policyAllows } from "./net/policy/evaluate.ts";
export { ingressNginxManifests } from "./net/ingress/addon.ts";
export { trafficStats } from "./net/traffic/stats.ts";
export { configureTraffic } from "./net/traffic/configure.ts";
export { configureL7 } from "./net/traffic/l7-state.ts";
export { ALL_NET_TOOLS } from "./net/all-tools.ts";
export { loadLevel } from "./levels/loader.ts";
export { createSession, replaySession } from "./game/session.ts";
export { scoreSession } from "./scoring/score.ts";
export { generateLevel } from "./levels/generator/generate.ts";
export { clusterView } from "./protocol/view.ts";
