/**
 * What a container is started with: its environment (env, envFrom, valueFrom refs, $(VAR)
 * expansion) and the files of its ConfigMap/Secret volumes. Missing sources are errors worded
 * as the kubelet words them (kubelet_pods.go makeEnvironmentVariables; the configmap/secret
 * volume plugins); `blockedOn` names the objects whose creation would fix them.
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { ConfigMap, Secret } from "../../k8s/schema/misc.ts";
import type { Container, Pod } from "../../k8s/schema/pod.ts";
import type { SimContext } from "../controller.ts";
import { objectRef } from "./blocked-index.ts";

export type ConfigResult<T> = { ok: true; value: T } | { ok: false; message: string; blockedOn: string[] };

function getConfigMap(ctx: SimContext, ns: string, name: string): Stored<ConfigMap> | undefined {
  return ctx.store.get("ConfigMap", `${ns}/${name}`);
}
function getSecret(ctx: SimContext, ns: string, name: string): Stored<Secret> | undefined {
  return ctx.store.get("Secret", `${ns}/${name}`);
}

/** Secret values are stored base64-encoded. */
export function decodeBase64(s: string): string {
  try {
    const bin = atob(s);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return s;
  }
}

function secretData(s: Stored<Secret>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}

/** `$(VAR)` expansion against earlier variables; `$$(VAR)` escapes; unknown references stay as written. */
export function expandVars(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === "$$") return "$";
    return name !== undefined && name in env ? env[name] : m;
  });
}

/** The downward API for env (fieldRef): the fields the kubelet supports. */
export function resolveFieldRef(pod: Stored<Pod>, fieldPath: string, podIP: string | undefined, hostIP: string | undefined): string | undefined {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? "";
  switch (fieldPath) {
    case "metadata.name": return pod.metadata.name;
    case "metadata.namespace": return pod.metadata.namespace ?? "default";
    case "metadata.uid": return pod.metadata.uid;
    case "spec.nodeName": return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "default";
    case "status.hostIP": case "status.hostIPs": return hostIP ?? "";
    case "status.podIP": case "status.podIPs": return podIP ?? "";
    default: return undefined;
  }
}

/** The container's environment, or why it cannot be built (CreateContainerConfigError). */
export function resolveEnv(ctx: SimContext, pod: Stored<Pod>, c: Container, podIP: string | undefined, hostIP: string | undefined): ConfigResult<Record<string, string>> {
  const ns = pod.metadata.namespace ?? "default";
  const env: Record<string, string> = {};
  for (const src of c.envFrom ?? []) {
    if (src.configMapRef) {
      const cm = getConfigMap(ctx, ns, src.configMapRef.name);
      if (!cm) {
        if (src.configMapRef.optional) continue;
        return { ok: false, message: `configmap "${src.configMapRef.name}" not found`, blockedOn: [objectRef("ConfigMap", ns, src.configMapRef.name)] };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[(src.prefix ?? "") + k] = v;
    } else if (src.secretRef) {
      const s = getSecret(ctx, ns, src.secretRef.name);
      if (!s) {
        if (src.secretRef.optional) continue;
        return { ok: false, message: `secret "${src.secretRef.name}" not found`, blockedOn: [objectRef("Secret", ns, src.secretRef.name)] };
      }
      for (const [k, v] of Object.entries(secretData(s))) env[(src.prefix ?? "") + k] = v;
    }
  }
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      env[e.name] = expandVars(e.value ?? "", env);
      continue;
    }
    if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const name = ref.name ?? "";
      const cm = getConfigMap(ctx, ns, name);
      if (!cm) {
        if (ref.optional) continue;
        return { ok: false, message: `configmap "${name}" not found`, blockedOn: [objectRef("ConfigMap", ns, name)] };
      }
      const v = cm.data?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${ns}/${name}`, blockedOn: [objectRef("ConfigMap", ns, name)] };
      }
      env[e.name] = v;
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const name = ref.name ?? "";
      const s = getSecret(ctx, ns, name);
      if (!s) {
        if (ref.optional) continue;
        return { ok: false, message: `secret "${name}" not found`, blockedOn: [objectRef("Secret", ns, name)] };
      }
      const v = secretData(s)[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in Secret ${ns}/${name}`, blockedOn: [objectRef("Secret", ns, name)] };
      }
      env[e.name] = v;
    } else if (from.fieldRef) {
      const v = resolveFieldRef(pod, from.fieldRef.fieldPath, podIP, hostIP);
      if (v === undefined) return { ok: false, message: `unsupported fieldPath: ${from.fieldRef.fieldPath}`, blockedOn: [] };
      env[e.name] = v;
    }
  }
  return { ok: true, value: env };
}

/**
 * Set up the pod's ConfigMap/Secret volumes: files by volume name (key or items[].path ⇒
 * content), or the first failure as `MountVolume.SetUp failed for volume "config" : configmap
 * "app-config" not found`.
 */
export function setUpVolumes(ctx: SimContext, pod: Stored<Pod>): ConfigResult<Record<string, Record<string, string>>> {
  const ns = pod.metadata.namespace ?? "default";
  const files: Record<string, Record<string, string>> = {};
  const failures: string[] = [];
  const blockedOn: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    let data: Record<string, string> | undefined;
    let items: { key: string; path: string }[] | undefined;
    let optional = false;
    let kindWord = "";
    if (v.configMap) {
      const cm = getConfigMap(ctx, ns, v.configMap.name);
      data = cm?.data ?? (cm ? {} : undefined);
      items = v.configMap.items;
      optional = v.configMap.optional ?? false;
      kindWord = "configmap";
      if (!cm && !optional) {
        failures.push(`MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`);
        blockedOn.push(objectRef("ConfigMap", ns, v.configMap.name));
        continue;
      }
    } else if (v.secret) {
      const s = getSecret(ctx, ns, v.secret.secretName);
      data = s ? secretData(s) : undefined;
      items = v.secret.items;
      optional = v.secret.optional ?? false;
      kindWord = "secret";
      if (!s && !optional) {
        failures.push(`MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`);
        blockedOn.push(objectRef("Secret", ns, v.secret.secretName));
        continue;
      }
    } else {
      continue;
    }
    const out: Record<string, string> = {};
    if (items) {
      const missing = items.find((it) => data?.[it.key] === undefined);
      if (missing && !optional && data) {
        failures.push(`MountVolume.SetUp failed for volume "${v.name}" : ${kindWord} references non-existent config key: ${missing.key}`);
        continue;
      }
      for (const it of items) if (data?.[it.key] !== undefined) out[it.path] = data[it.key];
    } else {
      for (const [k, val] of Object.entries(data ?? {})) out[k] = val;
    }
    files[v.name] = out;
  }
  // One FailedMount event per failing volume: the messages are joined with newlines.
  if (failures.length > 0) return { ok: false, message: failures.join("\n"), blockedOn };
  return { ok: true, value: files };
}

/** Files as the container sees them: mountPath/fileName ⇒ content (subPath mounts one file). */
export function mountedFilesFor(c: Container, volumeFiles: Record<string, Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of c.volumeMounts ?? []) {
    const files = volumeFiles[m.name];
    if (!files) continue;
    const base = m.mountPath.replace(/\/+$/, "");
    if (m.subPath) {
      if (files[m.subPath] !== undefined) out[m.mountPath] = files[m.subPath];
      continue;
    }
    for (const [f, content] of Object.entries(files)) out[`${base}/${f}`] = content;
  }
  return out;
}
