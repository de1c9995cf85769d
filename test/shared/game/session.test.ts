import { describe, expect, it } from "vitest";
import { createSession, replaySession } from "../../../shared/game/session.ts";
import { tinyLevel } from "../../support/levels-builders.ts";

const FIX = `kubectl patch svc web -p '{"spec":{"selector":{"app":"web"}}}'`;

describe("a game session", () => {
  it("meets the player with the fault's symptom: goals not holding after settling", () => {
    const s = createSession(tinyLevel(), { seed: 3, freeze: true });
    expect(s.cluster.elapsedMs).toBe(20_000);
    expect(s.goals()).toEqual([expect.objectContaining({ id: "web-endpoints", holding: false, met: false, detail: "0 ready endpoint(s), want at least 2" })]);
    expect(s.solved()).toBe(false);
    expect(s.score()).toMatchObject({ total: 0, stars: 0, resolved: false });
  });

  it("is resolved once the goals held for the stable window, not before", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    expect(s.run(FIX, { player: "alice" }).exitCode).toBe(0);
    s.advance(5_000);
    expect(s.goals()[0]).toMatchObject({ holding: true, met: false });
    expect(s.solved()).toBe(false);
    s.advance(30_000);
    expect(s.goals()[0]).toMatchObject({ holding: true, met: true });
    expect(s.solved()).toBe(true);
    expect(s.score().resolved).toBe(true);
    expect(s.score().total).toBeGreaterThan(0);
  });

  it("logs every command with its tick, player and exit code", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    s.run("kubectl get svc", { player: "alice" });
    s.tick(7);
    s.run("kubectl get nope", { player: "bob" });
    expect(s.log).toEqual([
      { tick: 200, player: "alice", line: "kubectl get svc", exitCode: 0 },
      { tick: 207, player: "bob", line: "kubectl get nope", exitCode: 1 },
    ]);
  });

  it("refuses verbs a role does not allow, as RBAC would, without touching the cluster", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    const before = s.cluster.hash();
    const r = s.run("kubectl delete svc web", { player: "carol", allowedVerbs: ["get", "describe", "logs"] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error from server \(Forbidden\): svc is forbidden: User "carol" cannot delete/);
    expect(s.cluster.hash()).toBe(before);
    expect(s.log[0]).toMatchObject({ refused: true });
    expect(s.run("kubectl get svc", { player: "carol", allowedVerbs: ["get"] }).exitCode).toBe(0);
  });

  it("reveals hints in order, logs them and charges them", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    expect(s.nextHint()).toEqual({ index: 0, text: "Look at the Service's endpoints.", cost: 10 });
    expect(s.nextHint()?.index).toBe(1);
    expect(s.nextHint()).toBeUndefined();
    expect(s.log.filter((e) => e.type === "hint")).toHaveLength(2);
    expect(s.score().components.find((c) => c.id === "hints")?.points).toBe(-60);
  });

  it("records collateral damage when a healthy object is deleted", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    s.run("kubectl delete svc other", { player: "p" });
    s.run(FIX, { player: "p" });
    s.advance(40_000);
    expect(s.state.collateral).toEqual([expect.objectContaining({ object: "service/other", what: "deleted" })]);
    expect(s.score().components.find((c) => c.id === "collateral")?.points).toBe(-100);
  });

  it("keeps a debrief timeline of commands, goal transitions and resolution", () => {
    const s = createSession(tinyLevel(), { seed: 3 });
    s.run(FIX, { player: "p" });
    s.advance(40_000);
    const types = s.timeline().map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["command", "goal", "resolved"]));
  });

  it("injects timeline faults at their simulated time", () => {
    const level = tinyLevel(`timeline:\n  - atSeconds: 10\n    note: cleanup job deletes the other Service\n    fault: { kind: deleteObject, at: live, target: { kind: Service, name: other } }`);
    const s = createSession(level, { seed: 3 });
    s.advance(9_000);
    expect(s.cluster.get("Service", "default", "other")).toBeDefined();
    s.advance(2_000);
    expect(s.cluster.get("Service", "default", "other")).toBeUndefined();
    expect(s.timeline()).toContainEqual(expect.objectContaining({ type: "fault", text: "cleanup job deletes the other Service" }));
  });

  it("replays a command log to the same state hash", () => {
    const level = tinyLevel();
    const s = createSession(level, { seed: 11 });
    s.run("kubectl get pods", { player: "a" });
    s.advance(3_000);
    s.nextHint("a");
    s.run("kubectl delete pods -l app=web", { player: "b", allowedVerbs: ["get"] });
    s.advance(1_500);
    s.run(FIX, { player: "b" });
    s.advance(35_000);
    const replayed = replaySession(level, 11, s.log, { untilTick: s.cluster.tickCount });
    expect(replayed.cluster.tickCount).toBe(s.cluster.tickCount);
    expect(replayed.hash()).toBe(s.hash());
    expect(replayed.score()).toEqual(s.score());
  });

  it("gives a different cluster for a different seed", () => {
    const level = tinyLevel();
    expect(createSession(level, { seed: 1 }).hash()).not.toBe(createSession(level, { seed: 2 }).hash());
  });
});
