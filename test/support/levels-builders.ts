/** Fixtures for level, scoring and session tests: a small valid level, as YAML text or parsed. */
import { loadLevel } from "../../shared/levels/loader.ts";
import type { Level } from "../../shared/levels/schema.ts";
import type { ScoreState } from "../../shared/scoring/types.ts";

export const WEB_IMAGE = `
    web/app:1.0:
      startupMs: 1000
      ports: [8080]
      http: { "/healthz": {} }
      memory: { startBytes: 50000000 }`;

/** A one-cause level: the `web` Service selects `app: wbe`. `extra` is appended to the level document. */
export function tinyLevelYaml(extra = ""): string {
  return `id: tiny
title: Tiny selector typo
category: selectors
difficulty: 2
parTimeSeconds: 120
briefing: The web Service has had no endpoints since the last deploy.
learningGoals: [Selectors must match pod labels]
debrief:
  whatWentWrong: The selector had a typo.
  why: Selectors are plain string matches.
  prevention: Validate selectors in CI.
  commands: [kubectl get endpointslices]
cluster:
  nodes: [{ name: node-1 }, { name: node-2 }]
  images:${WEB_IMAGE}
settle: { seconds: 20 }
faults:
  - kind: patchObject
    target: { kind: Service, name: web }
    patch: { spec: { selector: { app: wbe } } }
goals:
  - { id: web-endpoints, kind: serviceHasReadyEndpoints, service: web, min: 2 }
hints:
  - { text: "Look at the Service's endpoints.", cost: 10 }
  - { text: "Fix the selector to app=web.", cost: 50 }
solution:
  - line: "kubectl patch svc web -p '{\\"spec\\":{\\"selector\\":{\\"app\\":\\"web\\"}}}'"
${extra}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web/app:1.0
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 2 }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata: { name: other }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
`;
}

export function tinyLevel(extra = ""): Level {
  const r = loadLevel(tinyLevelYaml(extra), "tiny.yaml");
  if (!r.ok) throw new Error(r.error.map((p) => `${p.line}: ${p.path}: ${p.message}`).join("\n"));
  return r.value;
}

/** A score state for a session resolved `fixSeconds` after arrival. */
export function resolvedState(fixSeconds: number, over: Partial<ScoreState> = {}): ScoreState {
  const fixTick = fixSeconds * 10;
  return {
    msPerTick: 100,
    startTick: 0,
    nowTick: fixTick + 300,
    fixedTick: fixTick,
    resolvedTick: fixTick + 300,
    goalUnmetMs: { "web-endpoints": fixSeconds * 1000 },
    hintsRevealed: [],
    collateral: [],
    ...over,
  };
}
