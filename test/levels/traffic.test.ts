/**
 * Levels with live traffic: players watch the incident happen and recover in the users'
 * success rate. For each such level, the users at the goal's entry point fail for the reason
 * the incident is about when the player arrives, and succeed again (≥ the goal) after the
 * reference solution. Plus the wiring: every traffic section names objects the level has, and
 * users at an Ingress host get an ingress controller installed for them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { autoplay } from "../../shared/game/autoplay.ts";
import { createSession } from "../../shared/game/session.ts";
import { levelManifests, wantsIngressController } from "../../shared/levels/addons.ts";
import { formatProblem, loadLevel } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";
import { trafficStats } from "../../shared/net/traffic/stats.ts";

const DIR = join(import.meta.dirname, "../../levels");
const levels: Level[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => {
    const r = loadLevel(readFileSync(join(DIR, f), "utf8"), `levels/${f}`);
    if (!r.ok) throw new Error(r.error.map(formatProblem).join("\n"));
    return r.value;
  });
const byId = new Map(levels.map((l) => [l.id, l]));
const withTraffic = levels.filter((l) => l.cluster.traffic);

/** The level, the entry its goal watches, and the failure reason users see before the fix. */
const INCIDENTS = [
  ["ingress-wrong-service-port", "shop-api", "503 no endpoints"],
  ["selectors-service-typo", "checkout-page", "connection refused"],
  ["dns-coredns-scaled-to-zero", "checkout", "DNS timeout"],
  ["network-policy-default-deny", "checkout", "dropped by NetworkPolicy"],
  ["overlay-vxlan-blocked", "checkout", "i/o timeout"],
] as const;

function successGoal(level: Level, entry: string) {
  const g = level.goals.find((x) => x.kind === "requestSuccessRate" && x.entry === entry);
  if (!g || g.kind !== "requestSuccessRate") throw new Error(`${level.id}: no requestSuccessRate goal on ${entry}`);
  return g;
}

describe("the levels with live traffic", () => {
  it("are at least four, each with a requestSuccessRate goal on one of its entry points", () => {
    expect(withTraffic.length).toBeGreaterThanOrEqual(4);
    for (const lv of withTraffic) {
      const entries = new Set(lv.cluster.traffic!.entries.map((e) => e.name));
      const goals = lv.goals.filter((g) => g.kind === "requestSuccessRate");
      expect(goals.length, lv.id).toBeGreaterThan(0);
      for (const g of goals) if (g.kind === "requestSuccessRate") expect(entries.has(g.entry), `${lv.id}: ${g.entry}`).toBe(true);
    }
  });

  it("make calls only from Services the level defines", () => {
    for (const lv of withTraffic) {
      const services = new Set(levelManifests(lv).filter((m) => m.kind === "Service").map((m) => {
        const meta = m.metadata as { name: string; namespace?: string };
        return `${meta.namespace ?? "default"}/${meta.name}`;
      }));
      for (const c of lv.cluster.traffic!.calls) expect(services.has(c.from), `${lv.id}: ${c.from}`).toBe(true);
    }
  });

  it("install ingress-nginx exactly when users arrive at an Ingress host", () => {
    for (const lv of levels) {
      const viaIngress = (lv.cluster.traffic?.entries ?? []).some((e) => e.via.kind === "ingress");
      expect(wantsIngressController(lv), lv.id).toBe(viaIngress);
      const controller = levelManifests(lv).some((m) => m.kind === "Deployment" && (m.metadata as { name: string }).name === "ingress-nginx-controller");
      expect(controller, lv.id).toBe(viaIngress);
    }
  });
});

describe.each(INCIDENTS.map(([id, entry, reason]) => [id, entry, reason] as const))("traffic of level %s at entry %s", (id, entry, reason) => {
  const level = byId.get(id)!;
  const goal = successGoal(level, entry);
  const windowMs = goal.windowSeconds * 1000;

  it(`fails users with "${reason}" when the player arrives`, () => {
    const s = trafficStats(createSession(level).cluster, { windowMs }).entries[entry];
    expect(s.successRate).toBeLessThan(goal.min);
    const worst = Object.entries(s.reasons).sort((a, b) => b[1] - a[1])[0];
    expect(worst?.[0]).toBe(reason);
  });

  it("serves users at or above the goal after the reference solution", () => {
    const r = autoplay(level, level.solution);
    expect(r.solved).toBe(true);
    const s = trafficStats(r.session.cluster, { windowMs }).entries[entry];
    expect(s.successRate).toBeGreaterThanOrEqual(goal.min);
    expect(s.requestsPerSec).toBeGreaterThan(0);
  });
});
