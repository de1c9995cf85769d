/**
 * Compact string forms of the view's lists for room state: one string field patches as a
 * whole only when it changes, which is far fewer bytes than a schema entry per endpoint.
 *   endpoints: pod names in the Service's namespace, comma-separated, `!` after a not-ready
 *              one (`web-1,web-2!`); a pod in another namespace keeps its `namespace/name`.
 *   reasons:   `count reason` lines (`5 connection refused\n2 HTTP 503`).
 * Neither `!`, `,` nor a newline can occur in a pod name, so both decode unambiguously.
 */
import type { EndpointView } from "./view.ts";

export function encodeEndpoints(namespace: string, endpoints: readonly EndpointView[]): string {
  const prefix = `${namespace}/`;
  return endpoints.map((e) => `${e.pod.startsWith(prefix) ? e.pod.slice(prefix.length) : e.pod}${e.ready ? "" : "!"}`).join(",");
}

export function decodeEndpoints(namespace: string, text: string): EndpointView[] {
  if (!text) return [];
  return text.split(",").map((item) => {
    const ready = !item.endsWith("!");
    const name = ready ? item : item.slice(0, -1);
    return { pod: name.includes("/") ? name : `${namespace}/${name}`, ready };
  });
}

export function encodeReasons(reasons: Record<string, number>): string {
  return Object.entries(reasons)
    .map(([r, n]) => `${n} ${r.replace(/\n/g, " ")}`)
    .join("\n");
}

export function decodeReasons(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text ? text.split("\n") : []) {
    const space = line.indexOf(" ");
    if (space <= 0) continue;
    const n = Number(line.slice(0, space));
    if (Number.isFinite(n)) out[line.slice(space + 1)] = n;
  }
  return out;
}
