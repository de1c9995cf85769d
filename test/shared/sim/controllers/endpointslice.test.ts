import { describe, expect, it } from "vitest";
import { restoreCluster } from "../../../../shared/sim/cluster.ts";
import { endpointsForService } from "../../../../shared/sim/controllers/endpointslice.ts";
import {
  addPod, endpointConditions, endpointsCluster, mustApply, relabelPod, service, setPodStatus, slicesOf,
} from "../../../support/endpoints-builders.ts";

describe("EndpointSlice controller: which pods, which conditions", () => {
  it("writes one managed slice listing the selected pods with ready/serving/terminating", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    addPod(c, "web-2", { ip: "10.244.1.7", node: "node-b", ready: false });
    addPod(c, "web-3", { ip: "10.244.0.9" });
    addPod(c, "web-4", { ip: "10.244.0.11", phase: "Succeeded" });
    addPod(c, "web-5", {});
    addPod(c, "other", { ip: "10.244.0.12", labels: { app: "db" } });
    mustApply(c, service("web", { app: "web" }));
    c.delete({ kind: "Pod", namespace: "default", name: "web-3" });
    c.tick();

    const [slice, ...rest] = slicesOf(c, "web");
    expect(rest).toEqual([]);
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe("web-");
    expect(slice.metadata.labels).toEqual({ "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
    const svc = c.get("Service", "default", "web")!;
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Service", name: "web", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.addressType).toBe("IPv4");
    expect(slice.ports).toEqual([{ name: "", port: 8080, protocol: "TCP" }]);
    const web1 = c.get("Pod", "default", "web-1")!;
    expect(slice.endpoints![0]).toEqual({
      addresses: ["10.244.0.5"],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: "Pod", namespace: "default", name: "web-1", uid: web1.metadata.uid },
      nodeName: "node-a",
      zone: "zone-a",
    });
    expect(endpointConditions(c, "web")).toEqual(["web-1: true/true/false", "web-2: false/false/false", "web-3: false/true/true"]);
    expect(slice.endpoints![1]).not.toHaveProperty("zone");
  });

  it("publishNotReadyAddresses makes every endpoint ready, serving still tells the truth", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5", ready: false });
    mustApply(c, service("web", { app: "web" }, { publishNotReadyAddresses: true }));
    c.tick();
    expect(endpointConditions(c, "web")).toEqual(["web-1: true/false/false"]);
  });

  it("follows readiness in place: same slice, new conditions", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5", ready: false });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    const before = slicesOf(c, "web")[0].metadata.name;
    setPodStatus(c, "default/web-1", { ip: "10.244.0.5", ready: true });
    c.tick();
    expect(slicesOf(c, "web").map((s) => s.metadata.name)).toEqual([before]);
    expect(endpointConditions(c, "web")).toEqual(["web-1: true/true/false"]);
  });
});

describe("EndpointSlice controller: ports", () => {
  it("resolves a named targetPort per pod and groups pods by their resolved ports", () => {
    const c = endpointsCluster();
    addPod(c, "v1-a", { ip: "10.244.0.5", ports: { http: 8080 } });
    addPod(c, "v1-b", { ip: "10.244.0.6", ports: { http: 8080 } });
    addPod(c, "v2-a", { ip: "10.244.0.7", ports: { http: 9090 } });
    addPod(c, "bare", { ip: "10.244.0.8", ports: { metrics: 9100 } });
    mustApply(c, service("web", { app: "web" }, {}, [{ name: "web", port: 80, targetPort: "http" }]));
    c.tick();
    const byPorts = Object.fromEntries(
      slicesOf(c, "web").map((s) => [JSON.stringify(s.ports), (s.endpoints ?? []).map((e) => e.targetRef!.name)]),
    );
    // A pod where the name resolves nowhere is not dropped: it lands in a slice without ports.
    expect(byPorts).toEqual({
      [JSON.stringify([{ name: "web", port: 8080, protocol: "TCP" }])]: ["v1-a", "v1-b"],
      [JSON.stringify([{ name: "web", port: 9090, protocol: "TCP" }])]: ["v2-a"],
      [JSON.stringify(null)]: ["bare"],
    });
  });

  it("defaults targetPort to port and keeps several ports together", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("web", { app: "web" }, {}, [{ name: "http", port: 80 }, { name: "dns", port: 53, protocol: "UDP", targetPort: 5353 }]));
    c.tick();
    expect(slicesOf(c, "web")[0].ports).toEqual([{ name: "http", port: 80, protocol: "TCP" }, { name: "dns", port: 5353, protocol: "UDP" }]);
  });
});

describe("EndpointSlice controller: which Services", () => {
  it("gives a Service without a selector no managed slice, nor an ExternalName Service", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("manual", null));
    mustApply(c, service("ext", { app: "web" }, { type: "ExternalName", externalName: "example.com", ports: undefined }));
    mustApply(c, service("empty", {}));
    c.tick();
    expect(c.list("EndpointSlice")).toEqual([]);
  });

  it("keeps one placeholder slice, without endpoints or ports, for a selector that matches nothing", () => {
    const c = endpointsCluster();
    mustApply(c, service("web", { app: "nothing" }));
    c.tick();
    const [placeholder, ...rest] = slicesOf(c, "web");
    expect(rest).toEqual([]);
    expect(placeholder.endpoints).toBeNull();
    expect(placeholder.ports).toBeNull();
    expect(endpointsForService(c.store, "default/web").text).toBe("<none>");

    // The first matching pod reuses the placeholder's name instead of a delete and a create.
    addPod(c, "web-1", { ip: "10.244.0.5", labels: { app: "nothing" } });
    c.tick();
    expect(slicesOf(c, "web").map((s) => [s.metadata.name, s.endpoints?.length])).toEqual([[placeholder.metadata.name, 1]]);
  });

  it("moves the endpoints when the selector changes", () => {
    const c = endpointsCluster();
    addPod(c, "blue-1", { ip: "10.244.0.5", labels: { app: "web", track: "blue" } });
    addPod(c, "green-1", { ip: "10.244.0.6", labels: { app: "web", track: "green" } });
    mustApply(c, service("web", { app: "web", track: "blue" }));
    c.tick();
    expect(endpointsForService(c.store, "default/web").ready).toEqual(["10.244.0.5:8080"]);
    mustApply(c, service("web", { app: "web", track: "green" }));
    c.tick();
    expect(endpointsForService(c.store, "default/web").ready).toEqual(["10.244.0.6:8080"]);
  });

  it("follows a pod whose labels change into and out of the selector", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    relabelPod(c, "default/web-1", { app: "debug" });
    c.tick();
    expect(slicesOf(c, "web").flatMap((s) => s.endpoints ?? [])).toEqual([]);
    relabelPod(c, "default/web-1", { app: "web" });
    c.tick();
    expect(endpointsForService(c.store, "default/web").text).toBe("10.244.0.5:8080");
  });

  it("deletes the slices of a deleted Service", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    c.delete({ kind: "Service", namespace: "default", name: "web" });
    c.tick();
    expect(c.list("EndpointSlice")).toEqual([]);
  });

  it("skips pods whose node does not exist", () => {
    const c = endpointsCluster();
    addPod(c, "ghost", { ip: "10.244.9.5", node: "gone" });
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    expect(endpointConditions(c, "web")).toEqual(["web-1: true/true/false"]);
  });

  it("recreates a managed slice a player deleted, after the 1 s minimum sync delay", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    c.delete({ kind: "EndpointSlice", namespace: "default", name: slicesOf(c, "web")[0].metadata.name });
    c.tick();
    expect(slicesOf(c, "web")).toEqual([]);
    c.advance(1000);
    expect(endpointConditions(c, "web")).toEqual(["web-1: true/true/false"]);
  });
});

describe("EndpointSlice controller: size and cost", () => {
  it("puts at most 100 endpoints in a slice", () => {
    const c = endpointsCluster();
    for (let i = 0; i < 150; i++) addPod(c, `web-${String(i).padStart(3, "0")}`, { ip: `10.244.${i >> 8}.${i & 255}` });
    mustApply(c, service("web", { app: "web" }));
    c.tick();
    expect(slicesOf(c, "web").map((s) => s.endpoints!.length).sort()).toEqual([100, 50]);
    expect(endpointsForService(c.store, "default/web").text).toBe("10.244.0.0:8080,10.244.0.1:8080,10.244.0.2:8080 + 147 more...");
  });

  it("resyncs only the Services a pod leaves or joins, and rewrites only their slices", () => {
    const c = endpointsCluster();
    for (let s = 0; s < 20; s++) {
      mustApply(c, service(`svc-${s}`, { app: `app-${s}` }));
      for (let p = 0; p < 10; p++) addPod(c, `pod-${s}-${p}`, { ip: `10.244.${s}.${p + 1}`, labels: { app: `app-${s}`, tier: "x" } });
    }
    c.tick();
    const versions = () => Object.fromEntries(c.list("EndpointSlice").map((s) => [s.metadata.labels!["kubernetes.io/service-name"], s.metadata.resourceVersion]));
    const before = versions();

    relabelPod(c, "default/pod-3-0", { app: "app-4", tier: "x" });
    expect(c.state.queues.endpointslice).toEqual(["default/svc-3", "default/svc-4"]);
    // A status write that changes nothing an endpoint shows queues nothing.
    setPodStatus(c, "default/pod-5-0", { ip: "10.244.5.1" });
    expect(c.state.queues.endpointslice).toEqual(["default/svc-3", "default/svc-4"]);
    c.tick();

    const after = versions();
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]).sort();
    expect(changed).toEqual(["svc-3", "svc-4"]);
    expect(endpointsForService(c.store, "default/svc-4").ready).toContain("10.244.3.1:8080");
  });

  it("reaches the same state after a restore as without one", () => {
    const run = (restore: boolean) => {
      let c = endpointsCluster();
      for (let p = 0; p < 5; p++) addPod(c, `web-${p}`, { ip: `10.244.0.${p + 1}`, ready: p % 2 === 0 });
      mustApply(c, service("web", { app: "web" }));
      c.tick();
      if (restore) c = restoreCluster(c.toJSON(), { freeze: true });
      setPodStatus(c, "default/web-1", { ip: "10.244.0.2", ready: true });
      relabelPod(c, "default/web-2", { app: "other" });
      c.tick(3);
      return c;
    };
    const a = run(false);
    const b = run(true);
    expect(endpointConditions(b, "web")).toEqual(["web-0: true/true/false", "web-1: true/true/false", "web-3: false/false/false", "web-4: true/true/false"]);
    expect(b.hash()).toBe(a.hash());
  });
});

describe("endpointsForService (the kubectl get/describe endpoints view)", () => {
  it("lists ready addresses, keeps not-ready ones apart and leaves terminating ones out", () => {
    const c = endpointsCluster();
    addPod(c, "web-1", { ip: "10.244.0.5" });
    addPod(c, "web-2", { ip: "10.244.0.7", ready: false });
    addPod(c, "web-3", { ip: "10.244.0.9" });
    mustApply(c, service("web", { app: "web" }));
    c.delete({ kind: "Pod", namespace: "default", name: "web-3" });
    c.tick();
    const ep = endpointsForService(c.store, "default/web");
    expect(ep.ready).toEqual(["10.244.0.5:8080"]);
    expect(ep.notReady).toEqual(["10.244.0.7:8080"]);
    expect(ep.text).toBe("10.244.0.5:8080");
    expect(ep.subsets[0].addresses[0]).toEqual({ ip: "10.244.0.5", nodeName: "node-a", targetRef: { kind: "Pod", namespace: "default", name: "web-1" } });
  });
});
