import { appProfileSchema, type AppProfile, type AppProfileInput } from "../../shared/sim/apps/profile.ts";
import { DEFAULT_IMAGES } from "../../shared/sim/apps/default-images.ts";
import { logsUntil, startProcess, type ProcessPlan, type ProcessSpec } from "../../shared/sim/apps/process.ts";

/** 2025-01-01T09:00:00Z, a Wednesday. */
export const START_UNIX_MS = Date.UTC(2025, 0, 1, 9, 0, 0);

export function profileOf(input: AppProfileInput | string): AppProfile {
  return appProfileSchema.parse(typeof input === "string" ? DEFAULT_IMAGES[input] : input);
}

/** A busybox container running `sh -c script`. */
export function shellPlan(script: string, extra: Partial<ProcessSpec> = {}): ProcessPlan {
  return startProcess({
    image: "docker.io/library/busybox:1.36",
    profile: profileOf("busybox:1.36"),
    command: ["sh", "-c", script],
    env: {},
    mountedFiles: {},
    startedAtUnixMs: START_UNIX_MS,
    ...extra,
  });
}

/** A container of an application image described by `profile`. */
export function appPlan(profile: AppProfileInput | string, extra: Partial<ProcessSpec> = {}): ProcessPlan {
  return startProcess({
    image: typeof profile === "string" ? profile : "example.com/app:1.0",
    profile: profileOf(profile),
    env: {},
    mountedFiles: {},
    startedAtUnixMs: START_UNIX_MS,
    ...extra,
  });
}

/** Log lines as text, up to `runningForMs`. */
export function logText(plan: ProcessPlan, runningForMs: number): string[] {
  return logsUntil(plan, runningForMs).map((l) => l.line);
}
