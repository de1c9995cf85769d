/**
 * Fixtures for the game-server tests: a tiny level that settles in seconds, a booted server on
 * a port of the test file's own (vitest runs files in parallel), and small waiting helpers
 * (colyseus.js's waitForNextPatch never resolves with 0.16: wait on onStateChange instead).
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room as ClientRoom } from "colyseus.js";
import { loadLevel, formatProblem } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";
import { createServer, type CreateServerOptions } from "../../server/app.ts";
import { LevelCatalogue } from "../../server/levels/catalogue.ts";
import { MemoryJournal } from "../../server/persistence/journal.ts";
import type { ServerDeps } from "../../server/deps.ts";

/** A Service whose selector has a typo; one replica; settles in 5 s; goals must hold 2 s. */
export const TINY_LEVEL_YAML = `
id: tiny-selector
title: "Tiny: the Service that selects nothing"
category: selectors
difficulty: 1
parTimeSeconds: 120
briefing: "The web Service answers nothing since this morning's label tidy-up."
learningGoals: ["A Service routes only to pods its selector matches."]
debrief:
  whatWentWrong: "The Service selector said app: wbe."
  why: "Selectors are plain string matches."
  prevention: "Alert on Services without endpoints."
  commands: ["kubectl get endpointslices"]
cluster:
  nodes:
    - { name: node-1, cpu: "2", memory: 4Gi }
  images:
    demo/web:1.0:
      startupMs: 500
      ports: [8080]
      http: { "/": {} }
      memory: { startBytes: 50000000 }
settle: { healthySeconds: 0, seconds: 5 }
stableWindowSeconds: 2
faults:
  - kind: patchObject
    target: { kind: Service, name: web }
    patch: { spec: { selector: { app: wbe } } }
goals:
  - { id: web-endpoints, kind: serviceHasReadyEndpoints, service: web, min: 1 }
hints:
  - { text: "What does the Service select?", cost: 20 }
  - { text: "Compare the selector with the pod labels.", cost: 40 }
solution:
  - line: "kubectl patch svc web -p '{\\"spec\\":{\\"selector\\":{\\"app\\":\\"web\\"}}}'"
wrongFixes:
  - name: delete the pods
    steps: [{ line: kubectl delete pods -l app=web }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: demo/web:1.0
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
`;

export const FIX_LINE = `kubectl patch svc web -p '{"spec":{"selector":{"app":"web"}}}'`;

export function tinyLevel(): Level {
  const r = loadLevel(TINY_LEVEL_YAML, "tiny-selector.yaml");
  if (!r.ok) throw new Error(r.error.map(formatProblem).join("\n"));
  return r.value;
}

export interface TestServer {
  colyseus: ColyseusTestServer;
  deps: ServerDeps;
  journal: MemoryJournal;
}

export async function bootTestServer(port: number, opts: CreateServerOptions = {}): Promise<TestServer> {
  const journal = new MemoryJournal();
  const { config, deps } = createServer({ journal, catalogue: new LevelCatalogue([tinyLevel()]), clientRoot: false, ...opts });
  const colyseus = await boot(config, port);
  quietUnhandledMessages(colyseus);
  return { colyseus, deps, journal };
}

/** Messages a test does not wait for (welcome, hint...) are dropped silently instead of warned about. */
function quietUnhandledMessages(colyseus: ColyseusTestServer): void {
  for (const method of ["create", "join", "joinOrCreate", "joinById", "reconnect"] as const) {
    const original = colyseus.sdk[method] as (...args: unknown[]) => Promise<ClientRoom>;
    (colyseus.sdk as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const room = await original(...args);
      room.onMessage("*", () => {});
      return room;
    };
  }
}

/** The next message of `type` on a client room (optionally the first matching `pred`). */
export function nextMessage<T = any>(room: ClientRoom, type: string, pred: (m: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no "${type}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = room.onMessage(type, (m: T) => {
      if (!pred(m)) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

/** Collect every message of `type` from now on. */
export function collect<T = any>(room: ClientRoom, type: string): T[] {
  const out: T[] = [];
  room.onMessage(type, (m: T) => out.push(m));
  return out;
}

/** Resolve once the client's copy of the state satisfies `pred`. */
export function waitForState<S = any>(room: ClientRoom<S>, pred: (s: S) => boolean, timeoutMs = 8_000): Promise<S> {
  return new Promise((resolve, reject) => {
    if (room.state && pred(room.state)) return resolve(room.state);
    const timer = setTimeout(() => {
      room.onStateChange.remove(check);
      reject(new Error(`state condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = (s: S) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      room.onStateChange.remove(check);
      resolve(s);
    };
    room.onStateChange(check);
  });
}

let ids = 0;
/** Send one kubectl line and wait for its one result. */
export async function kubectl(room: ClientRoom, line: string, stdin?: string): Promise<{ id: string; stdout: string; stderr: string; exitCode: number }> {
  const id = `c${++ids}`;
  const result = nextMessage<{ id: string; stdout: string; stderr: string; exitCode: number }>(room, "kubectl:result", (m) => m.id === id);
  room.send("kubectl", { id, line, ...(stdin !== undefined ? { stdin } : {}) });
  return result;
}
