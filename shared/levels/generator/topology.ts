/**
 * The application topology of a generated incident: a plausible shop (frontend → checkout →
 * payments, catalog, cart...), each service a Deployment + Service running its own image, with
 * health endpoints, an optional ConfigMap, and realistic resources.
 */
import type { AppProfileInput } from "../../sim/apps/profile.ts";

/** A tiny seeded generator (mulberry32) kept in a closure: pure, no module state. */
export function seededRandom(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; shuffle<T>(xs: readonly T[]): T[] } {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]) => xs[int(xs.length)],
    shuffle: <T>(xs: readonly T[]) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

export interface ServiceSpec {
  name: string;
  image: string;
  version: string;
  replicas: number;
  port: number;
  readyPath: string;
  memoryMi: number;
  /** Env read from the service's ConfigMap (`<name>-config`). */
  configKey?: string;
  node?: string;
}

const CATALOG: { name: string; port: number; readyPath: string; memoryMi: number; configKey?: string }[] = [
  { name: "frontend", port: 8080, readyPath: "/healthz", memoryMi: 128 },
  { name: "checkout", port: 8080, readyPath: "/ready", memoryMi: 192, configKey: "PAYMENTS_URL" },
  { name: "payments", port: 8443, readyPath: "/healthz", memoryMi: 256, configKey: "DATABASE_URL" },
  { name: "catalog", port: 8080, readyPath: "/health/ready", memoryMi: 160 },
  { name: "cart", port: 8080, readyPath: "/ready", memoryMi: 128, configKey: "REDIS_URL" },
  { name: "search", port: 9200, readyPath: "/_health", memoryMi: 512 },
  { name: "orders", port: 8080, readyPath: "/health/ready", memoryMi: 192, configKey: "DATABASE_URL" },
  { name: "shipping", port: 8080, readyPath: "/healthz", memoryMi: 128 },
];

export function pickServices(rnd: ReturnType<typeof seededRandom>, count: number): ServiceSpec[] {
  const chosen = ["frontend", ...rnd.shuffle(CATALOG.slice(1).map((c) => c.name)).slice(0, count - 1)];
  return chosen.map((name) => {
    const c = CATALOG.find((x) => x.name === name)!;
    const version = `${1 + rnd.int(4)}.${rnd.int(10)}.${rnd.int(10)}`;
    return { ...c, image: `shop/${name}`, version, replicas: 2 + rnd.int(2) };
  });
}

export function imageProfile(s: ServiceSpec): AppProfileInput {
  return {
    startupMs: 500 + (s.memoryMi > 256 ? 3000 : 1000),
    ports: [s.port],
    http: { [s.readyPath]: {}, "/metrics": {} },
    requiresEnv: s.configKey ? [s.configKey] : [],
    memory: { startBytes: Math.round(s.memoryMi * 0.6 * 1024 * 1024) },
    logs: { startup: [`${s.name} ${s.version} starting`], ready: [`${s.name} listening on :${s.port}`] },
  };
}

export function serviceManifests(s: ServiceSpec): Record<string, unknown>[] {
  const labels = { app: s.name };
  const out: Record<string, unknown>[] = [];
  if (s.configKey) {
    out.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${s.name}-config` }, data: { [s.configKey]: `http://${s.name}-upstream:8080`, LOG_LEVEL: "info" } });
  }
  out.push({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: s.name, labels },
    spec: {
      replicas: s.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: s.name,
              image: `${s.image}:${s.version}`,
              ports: [{ name: "http", containerPort: s.port }],
              ...(s.configKey ? { env: [{ name: s.configKey, valueFrom: { configMapKeyRef: { name: `${s.name}-config`, key: s.configKey } } }] } : {}),
              readinessProbe: { httpGet: { path: s.readyPath, port: "http" }, periodSeconds: 5 },
              resources: { requests: { cpu: "100m", memory: `${s.memoryMi}Mi` }, limits: { memory: `${s.memoryMi}Mi` } },
            },
          ],
        },
      },
    },
  });
  out.push({ apiVersion: "v1", kind: "Service", metadata: { name: s.name }, spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] } });
  return out;
}
