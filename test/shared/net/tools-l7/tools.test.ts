import { beforeAll, describe, expect, it } from "vitest";
import { COREDNS_IMAGES, coreDnsManifests } from "../../../../shared/net/dns/addon.ts";
import { L7_TOOLS } from "../../../../shared/net/tools-l7/index.ts";
import type { Cluster } from "../../../../shared/sim/cluster.ts";
import { DEFAULT_CONFIG } from "../../../../shared/sim/state.ts";
import { deployment, l7Cluster, must, service } from "../../../support/net-l7-builders.ts";

const client = { apiVersion: "v1", kind: "Pod", metadata: { name: "client", namespace: "default" }, spec: { containers: [{ name: "sh", image: "busybox:1.36", command: ["sleep", "3600"] }] } };

function world(): Cluster {
  const c = l7Cluster({
    seed: 21,
    nodes: [{ name: "n1" }, { name: "n2" }],
    images: COREDNS_IMAGES,
    network: { cni: { plugin: "calico" } },
    objects: [...coreDnsManifests(DEFAULT_CONFIG), client, deployment("web"), service("web"), service("empty", { selector: { app: "none" } }), deployment("api"), service("api", { targetPort: 8080 })],
  });
  c.advance(20_000);
  return c;
}

const run = (c: Cluster, cmd: string, where: { pod: string } | { node: string } = { pod: "default/client" }) => {
  const [name, ...argv] = cmd.split(" ");
  return L7_TOOLS[name](c, where, argv);
};

describe("curl, wget, nslookup, dig in a pod", () => {
  let c: Cluster;
  let ip: (name: string) => string;
  beforeAll(() => {
    c = world();
    ip = (name) => c.get("Service", "default", name)!.spec.clusterIP!;
  });

  it("curl prints the body of a working Service", () => {
    expect(run(c, "curl -s http://web")).toEqual({ stdout: "ok", stderr: "", exitCode: 0 });
  });

  it("curl -v shows the connection and the exchange", () => {
    const r = run(c, "curl -v http://web/");
    expect(r.stderr).toBe(
      `* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: ${ip("web")}\n*   Trying ${ip("web")}:80...\n* Connected to web (${ip("web")}) port 80\n` +
        "> GET / HTTP/1.1\n> Host: web\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n< HTTP/1.1 200 OK\n< Content-Length: 2\n<\n* Connection #0 to host web left intact\n",
    );
  });

  it.each([
    { cmd: "curl http://nope", stderr: () => "curl: (6) Could not resolve host: nope\n", code: 6 },
    { cmd: "curl http://empty", stderr: () => "curl: (7) Failed to connect to empty port 80 after 2 ms: Couldn't connect to server\n", code: 7 },
    { cmd: "curl -s http://empty", stderr: () => "", code: 7 },
    { cmd: "curl -sS http://api", stderr: () => "curl: (7) Failed to connect to api port 80 after 2 ms: Couldn't connect to server\n", code: 7 },
    { cmd: "curl http://web:81", stderr: () => "curl: (28) Failed to connect to web port 81 after 129985 ms: Couldn't connect to server\n", code: 28 },
    { cmd: "curl -m 5 http://web:81", stderr: () => "curl: (28) Connection timed out after 5001 milliseconds\n", code: 28 },
    { cmd: "wget http://nope", stderr: () => "wget: bad address 'nope'\n", code: 1 },
    { cmd: "wget -qO- http://empty", stderr: () => `wget: can't connect to remote host (${ip("empty")}): Connection refused\n`, code: 1 },
  ])("$cmd", ({ cmd, stderr, code }) => {
    const r = run(c, cmd);
    expect(r.stderr).toBe(stderr());
    expect(r.exitCode).toBe(code);
  });

  it("wget -qO- prints the body", () => {
    expect(run(c, "wget -qO- http://web")).toEqual({ stdout: "ok", stderr: "", exitCode: 0 });
  });

  it("nslookup answers from 10.96.0.10 with the FQDN the search list found", () => {
    expect(run(c, "nslookup web").stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip("web")}\n\n`);
  });

  it("nslookup of an unknown name lists NXDOMAIN for every name tried", () => {
    const r = run(c, "nslookup x");
    expect(r.stdout).toBe(
      "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find x.default.svc.cluster.local: NXDOMAIN\n\n** server can't find x.svc.cluster.local: NXDOMAIN\n\n** server can't find x.cluster.local: NXDOMAIN\n\n** server can't find x: NXDOMAIN\n\n",
    );
    expect(r.exitCode).toBe(1);
  });

  it("dig does not use the search list; +short prints the address", () => {
    expect(run(c, "dig +short web.default.svc.cluster.local").stdout).toBe(`${ip("web")}\n`);
    expect(run(c, "dig web").stdout).toContain("status: NXDOMAIN");
    expect(run(c, "dig web.default.svc.cluster.local").stdout).toContain(`;; ANSWER SECTION:\nweb.default.svc.cluster.local.\t\t30\tIN\tA\t${ip("web")}\n`);
  });

  it("a NetworkPolicy drop is a timeout for curl", () => {
    const d = l7Cluster({ seed: 2, nodes: [{ name: "n1" }], network: { cni: { plugin: "calico" } }, objects: [client, deployment("web"), service("web")] });
    d.advance(20_000);
    must(d.apply({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny", namespace: "default" }, spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"] } }));
    expect(run(d, "curl -m 5 http://web").stderr).toBe("curl: (28) Connection timed out after 5001 milliseconds\n");
    expect(run(d, "wget -T 5 -qO- http://web").stderr).toBe("wget: download timed out\n");
  });
});

describe("when CoreDNS is down", () => {
  it("nslookup times out, curl cannot resolve, dig reports no servers", () => {
    const c = world();
    const dep = c.get("Deployment", "kube-system", "coredns")!;
    must(c.update({ ...dep, spec: { ...dep.spec, replicas: 0 } }));
    c.advance(40_000);
    expect(run(c, "nslookup web")).toEqual({ stdout: ";; connection timed out; no servers could be reached\n\n", stderr: "", exitCode: 1 });
    expect(run(c, "curl http://web").stderr).toBe("curl: (6) Could not resolve host: web\n");
    const d = run(c, "dig web.default.svc.cluster.local");
    expect(d.exitCode).toBe(9);
    expect(d.stdout).toContain(";; communications error to 10.96.0.10#53: timed out\n");
    expect(d.stdout).toContain(";; no servers could be reached\n");
  });
});
