import type { Controller } from "../controller.ts";
import { namespaceController } from "./namespace.ts";
import { eventTtlController } from "./event-ttl.ts";
import { garbageCollector } from "./garbage-collector.ts";
import { nodeIpamController } from "./node-ipam.ts";
import { nodeLifecycleController } from "./node-lifecycle.ts";
import { taintEvictionController } from "./taint-eviction.ts";
import { deploymentController } from "./deployment.ts";
import { replicaSetController } from "./replicaset.ts";
import { daemonSetController } from "./daemonset.ts";
import { jobController } from "./job.ts";
import { schedulerController } from "../scheduler/scheduler.ts";
import { kubeletController } from "../kubelet/kubelet.ts";
import { evictionManager } from "../kubelet/eviction-manager.ts";
import { endpointSliceController } from "./endpointslice.ts";
import { cniAgentController } from "./network/cni-agent.ts";
import { kubeProxyController } from "./network/kube-proxy.ts";
import { NETWORK_L7_CONTROLLERS } from "./network-l7/index.ts";

/**
 * The control plane and node agents, in the fixed order they run each tick. The order follows
 * the causal chain of a Deployment (kube-controller-manager ⇒ scheduler ⇒ kubelet ⇒ endpoints),
 * so one change can travel the whole chain in one tick when each step is immediate.
 */
export const CONTROLLERS: readonly Controller[] = [
  namespaceController,
  garbageCollector,
  nodeIpamController,
  nodeLifecycleController,
  taintEvictionController,
  deploymentController,
  replicaSetController,
  daemonSetController,
  jobController,
  schedulerController,
  kubeletController,
  evictionManager,
  endpointSliceController,
  cniAgentController,
  kubeProxyController,
  ...NETWORK_L7_CONTROLLERS,
  eventTtlController,
];
