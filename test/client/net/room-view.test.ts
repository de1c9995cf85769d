import { describe, expect, it } from "vitest";
import { Encoder } from "@colyseus/schema";
import { ClusterState } from "../../../server/rooms/schema/cluster-state.ts";
import { projectCluster } from "../../../server/rooms/schema/project.ts";
import { viewDataFromState } from "../../../client/net/room-state.ts";
import { fromProtocolView } from "../../../client/view/from-protocol.ts";
import { createSession } from "../../../shared/game/session.ts";
import { clusterView, newViewMemo, type ClusterViewData } from "../../../shared/protocol/view.ts";
import { decodeEndpoints, decodeReasons, encodeEndpoints, encodeReasons } from "../../../shared/protocol/wire-codec.ts";
import { bundledLevel } from "../../support/client-builders.ts";

/** What a drill player's browser gets: the view projected into schema, then read back as JSON. */
function throughRoom(view: ClusterViewData, state = new ClusterState()): ClusterViewData {
  projectCluster(state, view);
  return viewDataFromState({ cluster: state.toJSON() as never });
}

const byKey = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : 1));

describe("the cluster view through room state", () => {
  it("arrives with the endpoint pods, their readiness and the nodes' usage as the server computed them", () => {
    const s = createSession(bundledLevel("probes-readiness-wrong-path"), { seed: 1 });
    const sent = clusterView(s.cluster);
    const got = throughRoom(sent);
    expect(byKey(got.services)).toEqual(byKey(sent.services));
    expect([...got.nodes].sort((a, b) => a.name.localeCompare(b.name))).toEqual(sent.nodes);
    const orders = fromProtocolView(got, { tick: 0, elapsedMs: 0 }).services.find((x) => x.id === "default/orders")!;
    expect(orders.endpoints?.map((e) => e.ready)).toEqual([false, false, false]);
  });

  it("draws usage bars and endpoint lines on a drill player's map like solo mode does", () => {
    const s = createSession(bundledLevel("probes-readiness-wrong-path"), { seed: 1 });
    const drill = fromProtocolView(throughRoom(clusterView(s.cluster)), { tick: 0, elapsedMs: 0 });
    for (const n of drill.nodes) {
      expect(n.memory!.capacityBytes).toBe(8 * 1024 ** 3);
      expect(n.memory!.usedBytes).toBeGreaterThan(0);
    }
    expect(drill.services.find((x) => x.id === "default/orders")?.endpoints).toHaveLength(3);
  });

  it("patches nothing when the same view is projected again", () => {
    const s = createSession(bundledLevel("probes-readiness-wrong-path"), { seed: 1 });
    const state = new ClusterState();
    const encoder = new Encoder(state);
    const memo = newViewMemo();
    projectCluster(state, clusterView(s.cluster, memo));
    encoder.encode();
    encoder.discardChanges();
    projectCluster(state, clusterView(s.cluster, memo));
    expect(encoder.hasChanges).toBe(false);
  });
});

describe("the wire forms of endpoint lists and failure reasons", () => {
  it.each([
    ["shop", [], ""],
    ["shop", [{ pod: "shop/web-1", ready: true }, { pod: "shop/web-2", ready: false }], "web-1,web-2!"],
    ["shop", [{ pod: "other/db-0", ready: false }], "other/db-0!"],
  ])("endpoints of a Service in %s: %j ⇄ %j", (ns, endpoints, text) => {
    expect(encodeEndpoints(ns, endpoints)).toBe(text);
    expect(decodeEndpoints(ns, text)).toEqual(endpoints);
  });

  it("failure reasons keep their counts and their spaces", () => {
    const reasons = { "connection refused": 5, "HTTP 503": 2 };
    expect(encodeReasons(reasons)).toBe("5 connection refused\n2 HTTP 503");
    expect(decodeReasons(encodeReasons(reasons))).toEqual(reasons);
    expect(decodeReasons("")).toEqual({});
  });
});
