/**
 * The controllers of the layers above the packet path, in the order they belong at the end of
 * CONTROLLERS (after the EndpointSlice controller, before event TTL): the cloud's service
 * controller, ingress-nginx's status sync, then the traffic model (which reads everything the
 * others wrote this tick).
 */
import type { Controller } from "../../controller.ts";
import { ingressStatusController } from "./ingress-status.ts";
import { serviceLoadBalancerController } from "./service-lb.ts";
import { trafficController } from "./traffic.ts";

export { ingressStatusController, serviceLoadBalancerController, trafficController };

export const NETWORK_L7_CONTROLLERS: readonly Controller[] = [serviceLoadBalancerController, ingressStatusController, trafficController];
