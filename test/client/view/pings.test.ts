/** The drill ping marker model: who pointed at what, pulsing for 3 s, one marker per player. */
import { describe, expect, it } from "vitest";
import { mapTargetIdOf, PING_LIFETIME_MS, PING_PULSE_MS, PingBoard, pingTargetOf } from "../../../client/view/pings.ts";

const ping = (player: string, target: string, name = player) => ({ player, name, target, atMs: 0 });

describe("ping targets", () => {
  it.each([
    [{ id: "Pod:default/web-1", kind: "Pod" as const, namespace: "default", name: "web-1" }, "pod/default/web-1"],
    [{ id: "Service:shop/api", kind: "Service" as const, namespace: "shop", name: "api" }, "svc/shop/api"],
    [{ id: "Ingress:shop/front", kind: "Ingress" as const, namespace: "shop", name: "front" }, "ing/shop/front"],
    [{ id: "Node:node-1", kind: "Node" as const, name: "node-1" }, "node/node-1"],
  ])("sends %o as %s and maps it back to the same map target", (t, wire) => {
    expect(pingTargetOf(t)).toBe(wire);
    expect(mapTargetIdOf(wire)).toBe(t.id);
  });

  it("ignores a target kind the map does not draw", () => {
    expect(mapTargetIdOf("secret/default/x")).toBeUndefined();
    expect(new PingBoard().add(ping("p1", "configmap/default/x"), 0)).toBe(false);
  });
});

describe("PingBoard", () => {
  it("shows a marker with the player's name until it expires after 3 s", () => {
    const board = new PingBoard();
    board.add(ping("p1", "node/node-1", "<b>alice</b>"), 1_000);
    expect(board.live(1_000)).toMatchObject([{ name: "<b>alice</b>", targetId: "Node:node-1", age: 0, alpha: 1 }]);
    expect(board.live(1_000 + PING_LIFETIME_MS - 1)).toHaveLength(1);
    expect(board.live(1_000 + PING_LIFETIME_MS)).toEqual([]);
  });

  it("pulses repeatedly and fades out over the last third of its life", () => {
    const board = new PingBoard();
    board.add(ping("p1", "node/node-1"), 0);
    expect(board.live(PING_PULSE_MS / 2)[0].pulse).toBeCloseTo(0.5);
    expect(board.live(PING_PULSE_MS)[0].pulse).toBe(0);
    expect(board.live(PING_LIFETIME_MS / 2)[0].alpha).toBe(1);
    expect(board.live(PING_LIFETIME_MS * (5 / 6))[0].alpha).toBeCloseTo(0.5);
  });

  it("keeps one marker per player: a new ping moves it; other players' stay", () => {
    const board = new PingBoard();
    board.add(ping("p1", "node/node-1"), 0);
    board.add(ping("p2", "svc/default/web"), 100);
    board.add(ping("p1", "pod/default/web-1"), 200);
    expect(board.live(300).map((p) => [p.player, p.targetId])).toEqual([
      ["p2", "Service:default/web"],
      ["p1", "Pod:default/web-1"],
    ]);
  });
});
