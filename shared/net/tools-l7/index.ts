/**
 * The application-layer network tools, by command name, in the same shape as the data plane's
 * NET_TOOLS (shared/net/tools): `(cluster, where, argv) => { stdout, stderr, exitCode }` for
 * `kubectl exec` (where = { pod }) and `kubectl debug node/…` (where = { node }).
 * Also `execHooks`: the same model for the application shell's built-in wget/curl/nslookup.
 */
import type { Cluster } from "../../sim/cluster.ts";
import type { HttpOutcome } from "../../sim/apps/process.ts";
import { firstAddress, resolveName } from "../dns/resolve.ts";
import type { NetTool } from "../tools/where.ts";
import { curlTool } from "./curl.ts";
import { digTool } from "./dig.ts";
import { nslookupTool } from "./nslookup.ts";
import { requestOnce } from "./request-once.ts";
import { wgetTool } from "./wget.ts";

export const L7_TOOLS: Readonly<Record<string, NetTool>> = {
  curl: curlTool,
  wget: wgetTool,
  nslookup: nslookupTool,
  dig: digTool,
};

/**
 * ExecOptions.resolve / remoteHttp for shared/sim/apps (kubectl exec into a shell image).
 * Simplification: HttpOutcome has no timeout, so silent drops read as refused there; the
 * L7_TOOLS commands word every case exactly.
 */
export function execHooks(cluster: Cluster, podKey: string): { resolve: (name: string) => string | undefined; remoteHttp: (host: string, port: number, path: string) => HttpOutcome | undefined } {
  return {
    resolve: (name) => firstAddress(resolveName(cluster, { pod: podKey }, name)),
    remoteHttp: (host, port, path) => {
      const o = requestOnce(cluster, { pod: podKey }, { scheme: "http", host, port, path }, undefined, `exec ${host}:${port}${path}`);
      if ("error" in o || o.reason === "NXDOMAIN" || o.reason === "DNS timeout") return undefined;
      if (o.status === undefined) return o.ok ? { kind: "response", status: 200, latencyMs: Math.round(o.latencyMs), body: o.body ?? "" } : { kind: "refused" };
      return { kind: "response", status: o.status, latencyMs: Math.round(o.latencyMs), body: o.body ?? "" };
    },
  };
}
