import { describe, expect, it } from "vitest";
import { resolveFenceposts, scaledValue } from "../../../../../shared/sim/controllers/workloads/deployment-util.ts";
import { computeHash, equalIgnoreHash } from "../../../../../shared/sim/controllers/workloads/pod-template-hash.ts";

describe("maxSurge / maxUnavailable fenceposts (deployment_util.go ResolveFenceposts)", () => {
  it.each<[number | string, number | string, number, [number, number]]>([
    ["25%", "25%", 4, [1, 1]],
    ["25%", "25%", 10, [3, 2]],
    ["25%", "25%", 1, [1, 0]],
    [0, 0, 5, [0, 1]],
    ["0%", "0%", 5, [0, 1]],
    [1, 0, 3, [1, 0]],
    ["50%", "50%", 3, [2, 1]],
    [2, "10%", 10, [2, 1]],
  ])("maxSurge %s, maxUnavailable %s of %i replicas ⇒ %j", (surge, unavailable, replicas, want) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual(want);
  });

  it("scales percentages rounding up or down", () => {
    expect(scaledValue("33%", 10, true)).toBe(4);
    expect(scaledValue("33%", 10, false)).toBe(3);
    expect(scaledValue(7, 10, false)).toBe(7);
  });
});

describe("pod-template-hash", () => {
  const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "nginx:1.25" }] } };

  it("is a stable short string of the Kubernetes alphabet", () => {
    const h = computeHash(template);
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(computeHash(structuredClone(template))).toBe(h);
  });

  it("changes with the template and with the collision count", () => {
    const h = computeHash(template);
    expect(computeHash({ ...template, spec: { containers: [{ name: "app", image: "nginx:1.26" }] } })).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
  });

  it("ignores the hash label itself when comparing templates", () => {
    const hashed = { ...template, metadata: { labels: { app: "web", "pod-template-hash": "abc" } } };
    expect(equalIgnoreHash(hashed, template)).toBe(true);
    expect(computeHash(hashed)).toBe(computeHash(template));
  });
});
