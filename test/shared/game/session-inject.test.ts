/**
 * Live fault injection into a session (a drill facilitator's `inject`): applied like the level's
 * timeline faults, logged at its tick, and re-applied by replay so crash recovery and the
 * debrief's replay rebuild exactly the cluster the players had.
 */
import { describe, expect, it } from "vitest";
import { createSession, replaySession, type CommandLogEntry } from "../../../shared/game/session.ts";
import { faultSchema, type Fault } from "../../../shared/levels/faults/schema.ts";
import { scoreSession } from "../../../shared/scoring/score.ts";
import { tinyLevel } from "../../support/levels-builders.ts";

const FIX = `kubectl patch svc web -p '{"spec":{"selector":{"app":"web"}}}'`;
const fault = (input: unknown): Fault => faultSchema.parse(input);
const SCALE_UP = fault({ kind: "patchObject", at: "live", target: { kind: "Deployment", name: "web" }, patch: { spec: { replicas: 3 } } });
const CORDON = fault({ kind: "cordonNode", at: "live", node: "node-1" });

/** A command, an injection a few ticks later, another command, then the cluster runs on. */
function playedWithInjection(f: Fault = SCALE_UP) {
  const s = createSession(tinyLevel(), { seed: 3 });
  s.run("kubectl get pods", { player: "alice" });
  s.tick(5);
  const injected = s.inject(f, { player: "Facilitator" });
  s.tick(3);
  s.run(FIX, { player: "bob" });
  s.advance(4_000);
  return { s, injected };
}

describe("injecting a live fault into a session", () => {
  it("applies the fault to the cluster now, as the level's timeline would", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    const r = s.inject(CORDON, { player: "Facilitator" });
    expect(r).toEqual({ ok: true, value: "cordon node-1" });
    expect(s.cluster.get("Node", undefined, "node-1")?.spec?.unschedulable).toBe(true);
  });

  it("logs the injection at its tick, in order with the commands, with the fault's data", () => {
    const { s } = playedWithInjection();
    expect(s.log.map((e) => [e.tick, e.type ?? "kubectl", e.player])).toEqual([
      [200, "kubectl", "alice"],
      [205, "inject", "Facilitator"],
      [208, "kubectl", "bob"],
    ]);
    expect(s.log[1]).toEqual({ tick: 205, player: "Facilitator", line: 'inject patch deployment/web with {"spec":{"replicas":3}}', exitCode: 0, type: "inject", fault: SCALE_UP });
  });

  it("shows the injection in the debrief timeline under the facilitator's name", () => {
    const { s } = playedWithInjection(CORDON);
    expect(s.timeline()).toContainEqual({ tick: 205, type: "fault", player: "Facilitator", text: "cordon node-1" });
  });

  it("replays a command, an injection and another command to the same hash", () => {
    const { s } = playedWithInjection();
    const replayed = replaySession(tinyLevel(), 3, s.log, { untilTick: s.cluster.tickCount });
    expect(replayed.cluster.tickCount).toBe(s.cluster.tickCount);
    expect(replayed.cluster.list("Pod").length).toBe(3);
    expect(replayed.hash()).toBe(s.hash());
  });

  it("replays to the same hash from a log that went through JSON (the journal)", () => {
    const { s } = playedWithInjection();
    const log = JSON.parse(JSON.stringify(s.log)) as CommandLogEntry[];
    expect(replaySession(tinyLevel(), 3, log, { untilTick: s.cluster.tickCount }).hash()).toBe(s.hash());
  });

  it("differs from a replay that leaves the injection out (the injection matters)", () => {
    const { s } = playedWithInjection();
    const withoutInject = s.log.filter((e) => e.type !== "inject");
    expect(replaySession(tinyLevel(), 3, withoutInject, { untilTick: s.cluster.tickCount }).cluster.hash()).not.toBe(s.cluster.hash());
  });

  it("reports a fault that cannot apply as an error, logs it as failed, and replays it the same", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    const before = s.cluster.hash();
    const r = s.inject(fault({ kind: "cordonNode", at: "live", node: "node-9" }), { player: "Facilitator" });
    expect(r).toEqual({ ok: false, error: "no node named node-9" });
    expect(s.cluster.hash()).toBe(before);
    expect(s.log[0]).toMatchObject({ type: "inject", exitCode: 1 });
    expect(replaySession(tinyLevel(), 3, s.log).hash()).toBe(s.hash());
  });

  it("refuses to replay an inject entry that lost its fault (a corrupt log)", () => {
    const log: CommandLogEntry[] = [{ tick: 200, player: "Facilitator", line: "inject cordon node-1", exitCode: 0, type: "inject" }];
    expect(() => replaySession(tinyLevel(), 3, log)).toThrow(/no fault/);
  });
});

describe("scoring with injections", () => {
  it("does not count an injection as a player's command, even one that reads like a change", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    const look: CommandLogEntry = { tick: 210, player: "alice", line: "kubectl get svc web", exitCode: 0 };
    const inject: CommandLogEntry = { tick: 200, player: "Facilitator", line: FIX, exitCode: 0, type: "inject", fault: CORDON };
    const state = { ...s.state, nowTick: 300 };
    const diagnosis = (log: CommandLogEntry[]) => scoreSession(tinyLevel(), log, state).components.find((c) => c.id === "diagnosis");
    expect(diagnosis([inject, look])).toEqual(diagnosis([look]));
  });
});
