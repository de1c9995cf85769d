/**
 * The image manager (pkg/kubelet/images/image_manager.go EnsureImageExists): pull policy,
 * pulls that take sizeBytes / the node's bandwidth, the node's image cache, pull failures for
 * references the registry does not know, and the per-image pull back-off (10 s doubling to 5 min).
 */
import type { Stored } from "../../k8s/kinds.ts";
import type { Container, Pod } from "../../k8s/schema/pod.ts";
import { normalizeImageRef } from "../apps/profile.ts";
import type { SimContext } from "../controller.ts";
import { goDuration, isInBackOffSinceUpdate, nextBackoff } from "./backoff.ts";
import type { ContainerRuntime } from "./runtime.ts";

export type EnsureImageResult =
  | { kind: "present"; imageRef: string }
  | { kind: "pulling"; doneMs: number }
  | { kind: "error"; reason: "ErrImagePull" | "ImagePullBackOff" | "ErrImageNeverPull" | "InvalidImageName"; message: string };

/** How long resolving a reference takes when nothing has to be downloaded (a manifest round trip). */
const RESOLVE_MS = 500;

/** API defaulting of imagePullPolicy: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function effectivePullPolicy(c: Container): "Always" | "IfNotPresent" | "Never" {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? "";
  if (image.includes("@")) return "IfNotPresent";
  const lastSlash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  const tag = colon > lastSlash ? image.slice(colon + 1) : "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

/** The error containerd returns for a reference the registry does not have. */
export function imageNotFoundError(ref: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/**
 * One step of making the container's image available on the node. Events go to the
 * container (fieldPath spec.containers{name}); `fieldPath` is passed in.
 */
export function ensureImage(
  ctx: SimContext,
  pod: Stored<Pod>,
  c: Container,
  crt: ContainerRuntime,
  fieldPath: string,
): EnsureImageResult {
  const node = pod.spec.nodeName ?? "";
  const nodeRt = ctx.state.nodes[node];
  const now = ctx.nowMs();
  const image = c.image ?? "";
  const source = { component: "kubelet", host: node };
  if (image.trim() === "") return { kind: "error", reason: "InvalidImageName", message: `Failed to apply default image tag "": couldn't parse image name "": invalid reference format` };
  const ref = normalizeImageRef(image);
  const present = nodeRt.images.includes(ref);
  const policy = effectivePullPolicy(c);

  // A pull under way: wait for it, then record how it went.
  if (crt.pull && crt.pull.imageRef === ref) {
    if (now < crt.pull.doneMs) return { kind: "pulling", doneMs: crt.pull.doneMs };
    const { startedMs, doneMs } = crt.pull;
    crt.pull = undefined;
    const profile = ctx.state.images[ref];
    if (!profile) {
      const error = imageNotFoundError(ref);
      ctx.recordEvent(pod, "Warning", "Failed", `Failed to pull image "${image}": ${error}`, source, fieldPath);
      crt.imagePullBackoff = nextBackoff(crt.imagePullBackoff, now, now);
      return { kind: "error", reason: "ErrImagePull", message: error };
    }
    if (!nodeRt.images.includes(ref)) nodeRt.images.push(ref);
    const took = goDuration(doneMs - startedMs);
    ctx.recordEvent(
      pod,
      "Normal",
      "Pulled",
      `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${profile.sizeBytes} bytes.`,
      source,
      fieldPath,
    );
    return { kind: "present", imageRef: ref };
  }
  crt.pull = undefined;

  if (policy === "Never" || (policy === "IfNotPresent" && present)) {
    if (!present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      ctx.recordEvent(pod, "Warning", "ErrImageNeverPull", message, source, fieldPath);
      return { kind: "error", reason: "ErrImageNeverPull", message };
    }
    ctx.recordEvent(pod, "Normal", "Pulled", `Container image "${image}" already present on machine`, source, fieldPath);
    return { kind: "present", imageRef: ref };
  }

  if (isInBackOffSinceUpdate(crt.imagePullBackoff, now)) {
    const message = `Back-off pulling image "${image}"`;
    ctx.recordEvent(pod, "Normal", "BackOff", message, source, fieldPath);
    return { kind: "error", reason: "ImagePullBackOff", message };
  }

  ctx.recordEvent(pod, "Normal", "Pulling", `Pulling image "${image}"`, source, fieldPath);
  const profile = ctx.state.images[ref];
  const durationMs = !profile || present ? RESOLVE_MS : Math.max(1, Math.round((profile.sizeBytes * 1000) / Math.max(1, nodeRt.pullBytesPerSec)));
  crt.pull = { imageRef: ref, startedMs: now, doneMs: now + durationMs };
  return { kind: "pulling", doneMs: now + durationMs };
}

/** When the image pull back-off of a container ends (for scheduling the next attempt). */
export function imageBackoffEndsMs(crt: ContainerRuntime): number | undefined {
  const b = crt.imagePullBackoff;
  return b ? b.lastUpdateMs + b.durationMs : undefined;
}
