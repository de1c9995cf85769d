/**
 * Deterministic identifiers the container runtime would make up: container and sandbox ids
 * (64 hex digits) and image digests. They derive from stable inputs (pod uid, container name,
 * restart count, image reference) so replays and restores agree without touching the RNG.
 */
import { hashString } from "../../util/canonical.ts";

/** 64 hex digits from a seed string (four 16-digit hashes). */
export function hex64(seed: string): string {
  return [0, 1, 2, 3].map((i) => hashString(`${i}\0${seed}`)).join("");
}

export function containerIdFor(podUid: string, container: string, attempt: number): string {
  return hex64(`container\0${podUid}\0${container}\0${attempt}`);
}

export function sandboxIdFor(podUid: string, attempt: number): string {
  return hex64(`sandbox\0${podUid}\0${attempt}`);
}

/** `containerd://<id>`, as containerStatuses[].containerID reads. */
export function runtimeContainerID(id: string): string {
  return `containerd://${id}`;
}

/**
 * The repo digest containerd reports as imageID: `docker.io/library/nginx@sha256:<hex>` for
 * `docker.io/library/nginx:1.25`. References already pinned by digest keep their digest.
 */
export function imageIdFor(normalizedRef: string): string {
  const at = normalizedRef.indexOf("@");
  if (at >= 0) return normalizedRef;
  const lastSlash = normalizedRef.lastIndexOf("/");
  const colon = normalizedRef.lastIndexOf(":");
  const repo = colon > lastSlash ? normalizedRef.slice(0, colon) : normalizedRef;
  return `${repo}@sha256:${hex64(`image\0${normalizedRef}`)}`;
}
