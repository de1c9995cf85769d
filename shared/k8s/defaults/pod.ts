/**
 * Pod and pod template defaulting, as pkg/apis/core/v1/defaults.go (and the declarative
 * `+default` markers of k8s.io/api/core/v1) do it. Functions mutate a private copy made by
 * defaultObject; never call them on a stored object.
 */
import { formatQuantityExact, parseQuantityExact } from "../quantity.ts";
import type { Container, PodSpec, Probe } from "../schema/pod.ts";

/**
 * SetDefaults_ResourceList rounds up to milli precision; the API server then stores the
 * canonical spelling (Quantity.String()): "0.5" ⇒ "500m", "1000m" ⇒ "1", "1.5Gi" ⇒ "1536Mi".
 */
export function canonicalResourceQuantity(v: string | number): string {
  const q = parseQuantityExact(typeof v === "string" ? v.trim() : v);
  if (q.exponent >= -3) return formatQuantityExact(q);
  const d = 10n ** BigInt(-3 - q.exponent);
  const sign = q.mantissa < 0n ? -1n : 1n;
  const abs = q.mantissa * sign;
  const m = sign * (abs / d + (abs % d === 0n ? 0n : 1n));
  return formatQuantityExact({ mantissa: m, exponent: -3, format: q.format });
}

export function canonicalResourceList(list: Record<string, string | number> | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(list)) out[k] = canonicalResourceQuantity(list[k]);
  return out;
}

/** The tag of an image reference (parsers.ParseImageName); "latest" when there is none and no digest. */
export function imageTag(image: string): string {
  if (image === "" || image.includes("@")) return "";
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : "latest";
}

export function defaultProbe(p: Probe | undefined): Probe | undefined {
  if (!p) return p;
  const out: Probe = { ...p };
  if (!out.timeoutSeconds) out.timeoutSeconds = 1;
  if (!out.periodSeconds) out.periodSeconds = 10;
  if (!out.successThreshold) out.successThreshold = 1;
  if (!out.failureThreshold) out.failureThreshold = 3;
  if (out.httpGet) out.httpGet = { ...out.httpGet, path: out.httpGet.path || "/", scheme: out.httpGet.scheme ?? "HTTP" };
  return out;
}

export function defaultContainer(c: Container): Container {
  const out: Container = { ...c };
  if (!out.imagePullPolicy) out.imagePullPolicy = imageTag(out.image ?? "") === "latest" ? "Always" : "IfNotPresent";
  if (!out.terminationMessagePath) out.terminationMessagePath = "/dev/termination-log";
  if (!out.terminationMessagePolicy) out.terminationMessagePolicy = "File";
  if (out.ports) out.ports = out.ports.map((p) => ({ ...p, protocol: p.protocol ?? "TCP" }));
  if (out.resources) {
    out.resources = { ...out.resources };
    if (out.resources.limits) out.resources.limits = canonicalResourceList(out.resources.limits);
    if (out.resources.requests) out.resources.requests = canonicalResourceList(out.resources.requests);
  }
  for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
    if (out[probe]) out[probe] = defaultProbe(out[probe]);
  }
  if (out.env) {
    out.env = out.env.map((e) => {
      const ref = e.valueFrom?.fieldRef;
      return ref && !ref.apiVersion ? { ...e, valueFrom: { ...e.valueFrom, fieldRef: { ...ref, apiVersion: "v1" } } } : e;
    });
  }
  return out;
}

/** SetDefaults_PodSpec + container, probe, port and volume defaults: for Pods and pod templates alike. */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  const out: PodSpec = { ...spec };
  if (!out.dnsPolicy) out.dnsPolicy = "ClusterFirst";
  if (!out.restartPolicy) out.restartPolicy = "Always";
  if (out.securityContext === undefined) out.securityContext = {};
  if (out.terminationGracePeriodSeconds === undefined) out.terminationGracePeriodSeconds = 30;
  if (!out.schedulerName) out.schedulerName = "default-scheduler";
  if (out.containers) out.containers = out.containers.map(defaultContainer);
  if (out.initContainers) out.initContainers = out.initContainers.map(defaultContainer);
  if (out.volumes) {
    out.volumes = out.volumes.map((v) => {
      const vol = { ...v };
      const hasSource = Object.keys(vol).some((k) => k !== "name" && (vol as Record<string, unknown>)[k] !== undefined);
      if (!hasSource) vol.emptyDir = {};
      if (vol.configMap && vol.configMap.defaultMode === undefined) vol.configMap = { ...vol.configMap, defaultMode: 420 };
      if (vol.secret && vol.secret.defaultMode === undefined) vol.secret = { ...vol.secret, defaultMode: 420 };
      if (vol.hostPath && vol.hostPath.type === undefined) vol.hostPath = { ...vol.hostPath, type: "" };
      return vol;
    });
  }
  return out;
}

/** SetDefaults_Pod: what only materialises on a Pod, not on templates. */
export function defaultPodOnly(spec: PodSpec): PodSpec {
  const out: PodSpec = { ...spec };
  const requestsFromLimits = (c: Container): Container => {
    const limits = c.resources?.limits;
    if (!limits) return c;
    return { ...c, resources: { ...c.resources, requests: { ...limits, ...(c.resources?.requests ?? {}) } } };
  };
  if (out.containers) out.containers = out.containers.map(requestsFromLimits);
  if (out.initContainers) out.initContainers = out.initContainers.map(requestsFromLimits);
  if (out.enableServiceLinks === undefined) out.enableServiceLinks = true;
  if (out.hostNetwork) {
    const hostPorts = (c: Container): Container =>
      c.ports ? { ...c, ports: c.ports.map((p) => ({ ...p, hostPort: p.hostPort || p.containerPort })) } : c;
    out.containers = (out.containers ?? []).map(hostPorts);
    if (out.initContainers) out.initContainers = out.initContainers.map(hostPorts);
  }
  return out;
}
