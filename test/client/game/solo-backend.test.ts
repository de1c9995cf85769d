import { describe, expect, it } from "vitest";
import { SoloBackend, type Clock } from "../../../client/game/solo-backend.ts";
import { goalsFromState, scoreFromState, viewDataFromState } from "../../../client/net/room-state.ts";
import { bundledLevel } from "../../support/client-builders.ts";

/** A clock the test moves by hand; `step` is called explicitly. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return { now: () => now, every: () => () => undefined, advance: (ms) => void (now += ms) };
}

const LEVEL = bundledLevel("probes-readiness-wrong-path");

describe("solo mode: real time drives the in-browser session", () => {
  it("runs 10 ticks per real second at 1×, twice that at 2×, none while paused", () => {
    const clock = manualClock();
    const b = new SoloBackend(LEVEL, 1, clock);
    const t0 = b.session.cluster.tickCount;
    clock.advance(1000);
    b.step();
    expect(b.session.cluster.tickCount - t0).toBe(10);
    b.setSpeed(2);
    clock.advance(1000);
    b.step();
    expect(b.session.cluster.tickCount - t0).toBe(30);
    b.setPaused(true);
    clock.advance(5000);
    b.step();
    expect(b.session.cluster.tickCount - t0).toBe(30);
  });

  it("caps the simulated time of one step (a background tab does not freeze the page)", () => {
    const clock = manualClock();
    const b = new SoloBackend(LEVEL, 1, clock);
    const t0 = b.session.cluster.tickCount;
    clock.advance(60_000);
    b.step();
    expect(b.session.cluster.tickCount - t0).toBe(40);
  });

  it("runs the player's lines on the session (logged) and inspector lookups beside it (not logged)", async () => {
    const b = new SoloBackend(LEVEL, 1, manualClock());
    expect((await b.run("kubectl get deploy orders")).stdout).toContain("orders");
    expect((await b.inspect("kubectl describe deployment orders")).stdout).toContain("Name:");
    expect(b.session.log.map((e) => e.line)).toEqual(["kubectl get deploy orders"]);
  });

  it("plays to the end: the fix, the stable window, the debrief with score, timeline and curve", async () => {
    const clock = manualClock();
    const b = new SoloBackend(LEVEL, 1, clock);
    const snaps: boolean[] = [];
    b.subscribe((s) => snaps.push(s.ended));
    await b.run(LEVEL.solution[0].line);
    for (let i = 0; i < 200 && !b.snapshot().ended; i++) {
      clock.advance(4000);
      b.step();
    }
    const d = await b.debrief();
    expect(d.solved).toBe(true);
    expect(d.score.stars).toBeGreaterThan(0);
    expect(d.timeline.some((e) => e.type === "command" && e.player === "you")).toBe(true);
    expect(d.curve.at(-1)).toMatchObject({ goalsMet: 2, goalsTotal: 2 });
    expect(snaps.at(-1)).toBe(true);
  });

  it("traces a packet without changing the game", async () => {
    const b = new SoloBackend(bundledLevel("overlay-vxlan-blocked"), 2, manualClock());
    const before = b.session.hash();
    const { sources, targets } = b.traceEndpoints();
    const r = await b.trace(sources[0], targets[0], 80);
    expect(r.hops.length + (r.error ? 1 : 0)).toBeGreaterThan(0);
    expect(b.session.hash()).toBe(before);
  });

  it("completes kubectl words against the live cluster", () => {
    const b = new SoloBackend(LEVEL, 1, manualClock());
    expect(b.complete("kubectl get deploy or")).toContain("orders");
  });
});

describe("room snapshots", () => {
  const json = {
    phase: "running",
    simTimeMs: 12_000,
    goals: [{ id: "g1", text: "Service orders has ready endpoints", met: false, holding: true, detail: "3 ready" }],
    score: { total: 0, stars: 0, max: 240, resolved: false, breakdown: [{ id: "base", label: "Incident resolved", points: 200, detail: "" }] },
    cluster: {
      nodes: { "node-1": { name: "node-1", ready: "True", conditions: [{ type: "Ready", status: "True", reason: "KubeletReady" }], unschedulable: false, taints: 0, ip: "10.0.0.2", podCIDR: "10.244.0.0/24" } },
      pods: {},
      services: {},
      links: {},
      traffic: { hasTraffic: false, requestsPerSec: 0, successRate: 1, latencyMs: 0, sloTarget: 0, budgetRemaining: 1, burnRate: 0 },
    },
  };

  it("turn room maps into the protocol view, without traffic when the level has none", () => {
    const v = viewDataFromState(json as never);
    expect(v.nodes.map((n) => n.name)).toEqual(["node-1"]);
    expect(v.traffic).toBeUndefined();
    expect(viewDataFromState({ ...json, cluster: { ...json.cluster, traffic: { ...json.cluster.traffic, hasTraffic: true, sloTarget: 0.99 } } } as never).traffic?.sloTarget).toBe(0.99);
  });

  it("carry the goals and the score preview", () => {
    expect(goalsFromState(json as never)).toEqual([{ id: "g1", text: "Service orders has ready endpoints", met: false, holding: true, detail: "3 ready" }]);
    expect(scoreFromState(json as never)).toMatchObject({ max: 240, resolved: false, components: [{ id: "base", points: 200 }] });
  });
});
