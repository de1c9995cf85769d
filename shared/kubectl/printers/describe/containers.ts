import { canonicalizeQuantity } from "../../../k8s/quantity.ts";
import type { Container, ContainerState, ContainerStatus, Pod } from "../../../k8s/schema/pod.ts";
import { printBool, stringOrNone } from "./common.ts";
import { describeProbe } from "./probe.ts";
import { describeTime } from "./time.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type DescribeWriter } from "./writer.ts";

/**
 * describeContainers: a pod's containers with their statuses, or a template's (no statuses,
 * no pod to resolve field references against, names indented by `space`).
 */
export function describeContainers(
  w: DescribeWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod | undefined,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeBasicInfo(w, c, status, space);
    describeCommand(w, c);
    if (status) describeContainerState(w, status);
    describeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom && c.envFrom.length > 0) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

function describeBasicInfo(w: DescribeWriter, c: Container, status: ContainerStatus | undefined, space: string): void {
  w.write(LEVEL_1, `${space ? " " : ""}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
  const ports = c.ports ?? [];
  const withName = (s: string, name: string | undefined) => (name ? `${s} (${name})` : s);
  const portString = ports.map((p) => withName(`${p.containerPort}/${p.protocol ?? "TCP"}`, p.name)).join(", ");
  const hostPortString = ports.map((p) => withName(`${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`, p.name)).join(", ");
  if (portString.includes(",")) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(portString)}\n`);
  if (hostPortString.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hostPortString}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPortString)}\n`);
}

function describeCommand(w: DescribeWriter, c: Container): void {
  if (c.command && c.command.length > 0) {
    w.write(LEVEL_2, "Command:\n");
    for (const part of c.command) for (const s of part.split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
  if (c.args && c.args.length > 0) {
    w.write(LEVEL_2, "Args:\n");
    for (const arg of c.args) for (const s of arg.split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted, quantities canonical. */
export function describeResources(w: DescribeWriter, resources: Container["resources"], level: number): void {
  for (const [title, list] of [["Limits", resources?.limits], ["Requests", resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${canonicalizeQuantity(list![name])}\n`);
  }
}

function describeContainerState(w: DescribeWriter, status: ContainerStatus): void {
  describeStatus(w, "State", status.state);
  const last = status.lastState;
  if (last && "terminated" in last && last.terminated) describeStatus(w, "Last State", last);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeStatus(w: DescribeWriter, stateName: string, state: ContainerState | Record<string, never> | undefined): void {
  if (state && "running" in state && state.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${describeTime(state.running.startedAt)}\n`);
  } else if (state && "waiting" in state && state.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state && "terminated" in state && state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal && t.signal > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${describeTime(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${describeTime(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeEnvFrom(w: DescribeWriter, c: Container): void {
  w.write(LEVEL_2, "Environment Variables from:\n");
  for (const e of c.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? "ConfigMap" : e.secretRef ? "Secret" : "";
    const optional = ref?.optional === true;
    const what = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(LEVEL_3, `${ref?.name ?? ""}\t${what}\tOptional: ${optional}\n`);
  }
}

/**
 * describeContainerEnvVars. Simplification: resourceFieldRef values (limits.cpu...) are not
 * resolved, no level uses them; such variables print without a value.
 */
function describeEnv(w: DescribeWriter, c: Container, pod: Pod | undefined): void {
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? "").split("\n").forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      const value = pod ? resolveFieldRef(pod, from.fieldRef.fieldPath) : "";
      w.write(LEVEL_3, `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? "v1"}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      const resource = (from.resourceFieldRef as { resource?: string }).resource ?? "";
      w.write(LEVEL_3, `${e.name}:\t (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

/** fieldpath.ExtractFieldPathAsString for the downward-API paths a pod env may name. */
function resolveFieldRef(pod: Pod, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? "";
  const s = pod.status ?? {};
  switch (path) {
    case "metadata.name": return pod.metadata.name ?? "";
    case "metadata.namespace": return pod.metadata.namespace ?? "";
    case "metadata.uid": return pod.metadata.uid ?? "";
    case "spec.nodeName": return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "";
    case "status.hostIP": return s.hostIP ?? "";
    case "status.hostIPs": return (s.hostIPs ?? []).map((i) => i.ip).join(",");
    case "status.podIP": return s.podIP ?? "";
    case "status.podIPs": return (s.podIPs ?? []).map((i) => i.ip).join(",");
    default: return "";
  }
}

/** describeContainerVolumes: mounts sorted by path, `(ro)`/`(rw)` and the subPath. */
function describeMounts(w: DescribeWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
}
