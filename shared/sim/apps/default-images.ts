import { NETWORK_IMAGES } from "../../net/images.ts";
import { COREDNS_IMAGES } from "../../net/dns/addon.ts";
import { INGRESS_IMAGES } from "../../net/ingress/addon.ts";
import type { AppProfileInput } from "./profile.ts";

const Mi = 1024 * 1024;

const nginx: AppProfileInput = {
  sizeBytes: 70_000_000,
  startupMs: 300,
  ports: [80],
  http: { "/": { status: 200, latencyMs: 2 }, "/index.html": { status: 200, latencyMs: 2 } },
  memory: { startBytes: 8 * Mi },
  cpuMillis: 2,
  logs: {
    startup: [
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
      "nginx: [notice] using the \"epoll\" event method",
      "nginx: [notice] start worker processes",
    ],
  },
};

const shell: AppProfileInput = { sizeBytes: 2_200_000, shell: true, memory: { startBytes: 1 * Mi }, cpuMillis: 0 };

const redis: AppProfileInput = {
  sizeBytes: 45_000_000,
  startupMs: 200,
  ports: [6379],
  memory: { startBytes: 6 * Mi },
  cpuMillis: 3,
  logs: { startup: ["# Server initialized", "* Ready to accept connections tcp"] },
};

const postgres: AppProfileInput = {
  sizeBytes: 150_000_000,
  startupMs: 3000,
  ports: [5432],
  requiresEnv: ["POSTGRES_PASSWORD"],
  missingEnvLogs: [
    "Error: Database is uninitialized and superuser password is not specified.",
    "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
    '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  ],
  memory: { startBytes: 40 * Mi },
  cpuMillis: 10,
  logs: { startup: ["PostgreSQL init process complete; ready for start up."], ready: ["LOG:  database system is ready to accept connections"] },
};

/**
 * The public images every cluster's registry knows, so manifests from the Kubernetes docs
 * run unchanged. Levels add their own application images. Tags not listed do not exist:
 * `nginx:1.255` fails to pull, as it would from Docker Hub.
 */
export const DEFAULT_IMAGES: Record<string, AppProfileInput> = {
  ...NETWORK_IMAGES,
  ...COREDNS_IMAGES,
  ...INGRESS_IMAGES,
  "nginx:1.25": nginx,
  "nginx:1.25.3": nginx,
  "nginx:1.26": nginx,
  "nginx:1.27": nginx,
  "nginx:1.14.2": nginx,
  "nginx:latest": nginx,
  "nginx:stable": nginx,
  "nginx:alpine": { ...nginx, sizeBytes: 20_000_000 },
  "httpd:2.4": { ...nginx, logs: { startup: ["AH00094: Command line: 'httpd -D FOREGROUND'"] } },
  "busybox:1.36": shell,
  "busybox:latest": shell,
  "busybox:1.28": shell,
  "alpine:3.20": { ...shell, sizeBytes: 3_600_000 },
  "alpine:latest": { ...shell, sizeBytes: 3_600_000 },
  "registry.k8s.io/busybox:latest": shell,
  "redis:7": redis,
  "redis:7.2": redis,
  "redis:latest": redis,
  "postgres:16": postgres,
  "postgres:15": postgres,
  "registry.k8s.io/pause:3.9": { sizeBytes: 300_000, memory: { startBytes: 256 * 1024 }, cpuMillis: 0 },
  /** The docs' liveness example: /healthz answers 200 for 10 s, then 500. */
  "registry.k8s.io/e2e-test-images/agnhost:2.40": {
    sizeBytes: 25_000_000,
    startupMs: 100,
    ports: [8080],
    http: { "/healthz": { status: 200, latencyMs: 1 } },
    healthyForMs: 10_000,
    memory: { startBytes: 10 * Mi },
  },
  /** The docs' TCP probe example. */
  "registry.k8s.io/goproxy:0.1": { sizeBytes: 5_000_000, startupMs: 500, ports: [8080], memory: { startBytes: 5 * Mi } },
};
