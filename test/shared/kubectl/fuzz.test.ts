import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl/run.ts";
import { completeKubectl } from "../../../shared/kubectl/complete.ts";
import { freshShopCluster } from "../../support/kubectl-builders.ts";

/** mulberry32: a seeded generator, so every run fuzzes the same 10,000 lines. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "kubectl", "k", "get", "describe", "logs", "apply", "create", "edit", "patch", "set", "image", "resources", "label", "annotate",
  "scale", "delete", "rollout", "restart", "status", "undo", "history", "cordon", "uncordon", "drain", "taint", "expose", "top",
  "auth", "can-i", "explain", "exec", "version", "cluster-info", "api-resources", "config", "view", "help", "trace", "deployment",
  "namespace", "configmap", "secret", "generic", "pods", "po", "deploy", "rs", "ds", "svc", "ep", "ns", "no", "nodes", "cm", "ev",
  "all", "pod/debug", "deploy/web", "svc/web", "node-1", "node-2", "web", "debug", "app-config", "-n", "shop", "-A", "-l",
  "app=web", "-o", "wide", "yaml", "json", "name", "jsonpath={.items[*].metadata.name}", "custom-columns=N:.metadata.name",
  "--replicas=3", "--replicas", "-1", "--force", "--grace-period=0", "--all", "--overwrite", "a=b", "a-", "--", "ls", "sh", "-c",
  "--sort-by=.metadata.name", "--field-selector", "status.phase=Running", "-p", '{"spec":{"replicas":1}}', "--type", "json", "merge",
  "-f", "-", "--image=nginx", "web=nginx:1.26", "dedicated=x:NoSchedule", "dedicated-", "--ignore-daemonsets", "--tail", "2",
  "-c", "web", "--previous", "-h", "--help", "|", "grep", "-v", "head", "-n", "wc", "-l", "tail", "'", '"', "\\", "{", "}", "[", "]",
  "=", ",", "/", "--port=80", "--to-revision=1", "--containers", "--show-labels", "-L", "app", "--no-headers", "pods.spec.containers",
];

const VERBS = ["get", "get", "get", "describe", "logs", "apply", "create", "edit", "patch", "set", "label", "annotate", "scale", "delete", "rollout", "cordon", "drain", "taint", "expose", "top", "auth", "explain", "exec", "version", "api-resources", "config"];

const STDINS = [
  undefined,
  "",
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fuzz\n",
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {replicas: -1}\n",
  "- a\n- b\n",
  "kind: [\n",
  "---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fuzz-ns}\n",
];

function randomLine(r: () => number): string {
  const n = Math.floor(r() * 8);
  // Most lines start like a player's would: a prefix and a verb; the rest is noise.
  const words: string[] = r() < 0.8 ? [["kubectl", "k", ""][Math.floor(r() * 3)], VERBS[Math.floor(r() * VERBS.length)]] : [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
  let line = words.join(" ");
  // Mutations: drop, duplicate or insert a random printable character.
  const mutations = Math.floor(r() * 3);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(r() * (line.length + 1));
    const kind = r();
    if (kind < 0.33) line = line.slice(0, at) + line.slice(at + 1);
    else if (kind < 0.66) line = line.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + line.slice(at);
    else line = line.slice(0, at) + line.slice(at, at + 4) + line.slice(at);
  }
  return line;
}

describe("kubectl never throws, never hangs, always answers like kubectl", () => {
  it("survives 10,000 random and mutated command lines", () => {
    const r = rng(20250101);
    let cluster = freshShopCluster();
    const outcomes = { ok: 0, failed: 0 };
    for (let i = 0; i < 10_000; i++) {
      if (i % 1000 === 999) cluster = freshShopCluster();
      const line = randomLine(r);
      const stdin = STDINS[Math.floor(r() * STDINS.length)];
      const res = runKubectl(cluster, line, stdin === undefined ? {} : { stdin });
      const where = `line ${i}: ${JSON.stringify(line)} stdin=${JSON.stringify(stdin)}`;
      outcomes[res.exitCode === 0 ? "ok" : "failed"]++;
      expect(typeof res.stdout, where).toBe("string");
      expect(Number.isInteger(res.exitCode), where).toBe(true);
      expect(res.stderr, where).not.toContain("internal error");
      // A failing command explains itself on stderr (grep finding nothing is the one silent failure).
      if (res.exitCode !== 0 && !line.includes("|")) expect(res.stderr, where).not.toBe("");
      if (res.stderr) expect(res.stderr, where).toMatch(/^(error: |Error from server|The |bash: |No resources found|Warning: |You must|Found \d|Defaulted container|evicting pod|There are pending|cannot delete|label "|annotation "|\(Crashloop|command terminated|grep: |head: |tail: |Usage: )/m);
      expect(Array.isArray(completeKubectl(cluster, line)), where).toBe(true);
    }
    // The generator reaches both working commands and failures.
    expect(outcomes.ok).toBeGreaterThan(400);
    expect(outcomes.failed).toBeGreaterThan(1000);
  }, 60_000);
});
