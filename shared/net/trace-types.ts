/**
 * The vocabulary of a packet trace, and the extension points (hooks) other parts of the
 * network model plug into: DNS resolution, NetworkPolicy checks, and the application's answer.
 * See README.md "Extension points".
 */
import type { Cluster } from "../sim/cluster.ts";

/** Why a packet (or connection) failed, in the words the client would print. */
export type DropReason =
  | "no route to host"
  | "i/o timeout"
  | "connection refused"
  | "fragmentation needed"
  | "503 no endpoints"
  | "dropped by NetworkPolicy"
  | "NXDOMAIN";

export type HopStage =
  | "resolve"
  | "pod-eth0"
  | "veth"
  | "bridge"
  | "dnat"
  | "policy-egress"
  | "route"
  | "encapsulation"
  | "underlay"
  | "router"
  | "firewall"
  | "decapsulation"
  | "policy-ingress"
  | "deliver"
  | "port"
  | "application"
  | "response"
  | "external";

export interface Hop {
  stage: HopStage;
  /** The node, pod (`ns/name`) or network element where it happened. */
  at: string;
  /** Interface or chain involved (`eth0`, `veth3f2a9c1d`, `cni0`, `flannel.1`, `KUBE-SVC-…`). */
  device?: string;
  /** What happened, one line. */
  action: string;
  /** Packet addresses after this hop. */
  src?: string;
  dst?: string;
  dropped?: { reason: DropReason; detail: string };
}

export interface TraceOptions {
  /** Destination port (tcp/udp); default 80. */
  port?: number;
  /** Request payload bytes (default 64). */
  bytes?: number;
  /** Response payload bytes: checks the return path's MTU too (the "large responses die" case). */
  responseBytes?: number;
  protocol?: "tcp" | "udp" | "icmp";
  hooks?: TraceHooks;
}

export interface TraceResult {
  ok: boolean;
  hops: Hop[];
  /** The hop where it died, copied from hops. */
  dropped?: { reason: DropReason; detail: string; hopIndex: number };
  /** Where it arrived: a pod (`ns/name`), a node, or outside. */
  reached?: { ip: string; port?: number; pod?: string; node?: string };
  /** The trace could not start (unknown pod, headless Service...): the kubectl-style error. */
  error?: string;
}

/** A packet as policy hooks see it. */
export interface PolicyPacket {
  direction: "egress" | "ingress";
  protocol: "tcp" | "udp" | "icmp";
  port?: number;
  src: { ip: string; pod?: string };
  dst: { ip: string; pod?: string };
}

export interface TraceHooks {
  /** DNS: a host name that is neither a pod, a node, a Service reference nor an IP. */
  resolve?(cluster: Cluster, name: string, from: { pod?: string; node?: string }): { ok: true; ip: string; detail: string } | { ok: false; reason: DropReason; detail: string };
  /** NetworkPolicy: called on egress (source node, after DNAT) and ingress (before the target's veth). */
  policy?(cluster: Cluster, pkt: PolicyPacket): { allowed: true } | { allowed: false; detail: string };
  /** The application's answer once the connection is accepted (an HTTP status hop), if any. */
  answer?(cluster: Cluster, target: { pod: string; port: number }, opts: TraceOptions): Hop | undefined;
}
