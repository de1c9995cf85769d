import type { Probe } from "../../../k8s/schema/pod.ts";

/**
 * DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
 * Missing numbers read as the API server's probe defaults (timeout 1, period 10, success 1,
 * failure 3), since stored probes are always defaulted.
 */
export function describeProbe(probe: Probe): string {
  const attrs =
    `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s ` +
    `#success=${probe.successThreshold ?? 1} #failure=${probe.failureThreshold ?? 3}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const scheme = (g.scheme ?? "HTTP").toLowerCase();
    const port = String(g.port);
    const host = port.length > 0 ? joinHostPort(g.host ?? "", port) : g.host ?? "";
    let path = g.path ?? "";
    // url.URL.String() puts a slash between a host and a relative path.
    if (path !== "" && !path.startsWith("/") && host !== "") path = "/" + path;
    return `http-get ${scheme}://${host}${path} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ""}:${String(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

/** net.JoinHostPort: IPv6 hosts in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
