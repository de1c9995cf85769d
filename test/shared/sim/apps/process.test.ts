import { describe, expect, it } from "vitest";
import {
  cpuMillisAt,
  httpGet,
  logsUntil,
  memoryBytesAt,
  MISSING_ENV_EXIT_MS,
  plannedExit,
  tcpConnect,
} from "../../../../shared/sim/apps/process.ts";
import { canonicalJSON, hashString } from "../../../../shared/util/canonical.ts";
import { appPlan, logText, shellPlan } from "../../../support/apps-builders.ts";

const Mi = 1024 * 1024;
const web = {
  startupMs: 2000,
  warmupMs: 3000,
  healthyForMs: 60_000,
  ports: [8080],
  http: { "/healthz": { status: 200, latencyMs: 3 }, "/slow": { status: 200, latencyMs: 5000 }, "/broken": { status: 502 } },
  memory: { startBytes: 50 * Mi, growthBytesPerSec: Mi, maxBytes: 100 * Mi },
  cpuMillis: 25,
  logs: { startup: ["booting"], ready: ["listening on :8080"], periodic: ["heartbeat"], periodMs: 10_000 },
};

describe("an application image follows its profile over time", () => {
  const plan = appPlan(web);

  it.each([
    [0, 8080, "/healthz", { kind: "refused" }],
    [1999, 8080, "/healthz", { kind: "refused" }],
    [2000, 8080, "/healthz", { kind: "response", status: 503, latencyMs: 3, body: "Service Unavailable" }],
    [5000, 8080, "/healthz", { kind: "response", status: 200, latencyMs: 3, body: "ok" }],
    [5000, 8080, "/healthz?verbose=1", { kind: "response", status: 200, latencyMs: 3, body: "ok" }],
    [5000, 8080, "/nope", { kind: "response", status: 404, latencyMs: 1, body: "Not Found" }],
    [5000, 8080, "/broken", { kind: "response", status: 502, latencyMs: 5, body: "HTTP 502" }],
    [5000, 9090, "/healthz", { kind: "refused" }],
    [59_999, 8080, "/healthz", { kind: "response", status: 200, latencyMs: 3, body: "ok" }],
    [60_000, 8080, "/healthz", { kind: "response", status: 500, latencyMs: 3, body: "Internal Server Error" }],
  ])("at %i ms, GET :%i%s", (t, port, path, outcome) => {
    expect(httpGet(plan, t, port, path)).toEqual(outcome);
  });

  it.each([
    [1999, 8080, false],
    [2000, 8080, true],
    [2000, 80, false],
  ])("at %i ms, TCP :%i connects: %s", (t, port, connects) => {
    expect(tcpConnect(plan, t, port)).toBe(connects);
  });

  it.each([
    [0, 50 * Mi],
    [10_000, 60 * Mi],
    [50_000, 100 * Mi],
    [3_600_000, 100 * Mi],
  ])("memory at %i ms is %i bytes (growth capped at maxBytes)", (t, bytes) => {
    expect(memoryBytesAt(plan, t)).toBe(bytes);
  });

  it("memory without a cap keeps growing: a leak", () => {
    const leak = appPlan({ ports: [80], memory: { startBytes: 10 * Mi, growthBytesPerSec: 2 * Mi } });
    expect(memoryBytesAt(leak, 3_600_000)).toBe(10 * Mi + 7200 * Mi);
  });

  it("uses its cpuMillis while running", () => {
    expect(cpuMillisAt(plan, 1000)).toBe(25);
  });

  it("logs startup lines at 0, ready lines once listening, periodic lines every periodMs", () => {
    expect(logsUntil(plan, 31_000)).toEqual([
      { atMs: 0, line: "booting" },
      { atMs: 2000, line: "listening on :8080" },
      { atMs: 12_000, line: "heartbeat" },
      { atMs: 22_000, line: "heartbeat" },
    ]);
    expect(logsUntil(plan, 1000)).toEqual([{ atMs: 0, line: "booting" }]);
  });

  it("periodic logs cost nothing to store: a day of heartbeats is counted, not kept", () => {
    expect(logsUntil(plan, 86_400_000, { tail: 2 })).toEqual([
      { atMs: 86_382_000, line: "heartbeat" },
      { atMs: 86_392_000, line: "heartbeat" },
    ]);
    expect(logsUntil(plan, 2 * 86_400_000).length).toBe(10_000); // capped like rotated container logs
  });
});

describe("a process that exits by itself", () => {
  const job = appPlan({ startupMs: 100, ports: [8080], exit: { afterMs: 30_000, code: 2 }, logs: { periodic: ["working"], periodMs: 10_000, exit: ["panic: boom"] } });

  it("plans its exit and logs its last words at that moment", () => {
    expect(plannedExit(job)).toEqual({ afterMs: 30_000, exitCode: 2 });
    expect(logsUntil(job, 40_000)).toEqual([
      { atMs: 10_100, line: "working" },
      { atMs: 20_100, line: "working" },
      { atMs: 30_000, line: "panic: boom" },
    ]);
  });

  it("stops listening and using resources once exited", () => {
    expect(tcpConnect(job, 29_999, 8080)).toBe(true);
    expect(tcpConnect(job, 30_000, 8080)).toBe(false);
    expect(memoryBytesAt(job, 30_000)).toBe(0);
  });
});

describe("requiresEnv: a missing variable makes the process give up", () => {
  const profile = { startupMs: 1000, ports: [8080], requiresEnv: ["DATABASE_URL"] };

  it("exits 1 shortly after start, saying which variable is missing", () => {
    const plan = appPlan(profile);
    expect(plannedExit(plan)).toEqual({ afterMs: MISSING_ENV_EXIT_MS, exitCode: 1 });
    expect(logText(plan, 1000)).toEqual(["FATAL: environment variable DATABASE_URL is not set"]);
    expect(tcpConnect(plan, 1000, 8080)).toBe(false);
  });

  it("an empty value counts as missing", () => {
    expect(plannedExit(appPlan(profile, { env: { DATABASE_URL: "" } }))).toEqual({ afterMs: 50, exitCode: 1 });
  });

  it("runs normally once the variable is set", () => {
    const plan = appPlan(profile, { env: { DATABASE_URL: "postgres://db" } });
    expect(plannedExit(plan)).toBeUndefined();
    expect(tcpConnect(plan, 1000, 8080)).toBe(true);
  });

  it("postgres says it the way postgres does", () => {
    const plan = appPlan("postgres:16");
    expect(logText(plan, 1000)[0]).toBe("Error: Database is uninitialized and superuser password is not specified.");
  });
});

describe("application images and command overrides", () => {
  it("`command: [sh, -c, ...]` in an application image runs the script", () => {
    const plan = appPlan("nginx:1.25", { command: ["sh", "-c", "echo overridden; exit 4"] });
    expect(logText(plan, 0)).toEqual(["overridden"]);
    expect(plannedExit(plan)).toEqual({ afterMs: 0, exitCode: 4 });
  });

  it("a command that is the application's own keeps the profile's behaviour", () => {
    const plan = appPlan("nginx:1.25", { command: ["nginx", "-g", "daemon off;"] });
    expect(plan.argv).toEqual(["nginx", "-g", "daemon off;"]);
    expect(tcpConnect(plan, 1000, 80)).toBe(true);
  });
});

describe("plans are compact, pure JSON and deterministic", () => {
  it.each([
    ["app", () => appPlan(web)],
    ["counter loop", () => shellPlan('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done')],
    ["liveness exec example", () => shellPlan("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600")],
  ])("%s", (_name, make) => {
    const a = make();
    const b = make();
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(hashString(canonicalJSON(a))).toBe(hashString(canonicalJSON(b)));
    expect(JSON.stringify(a).length).toBeLessThan(2000);
  });
});
