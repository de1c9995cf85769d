import { z } from "zod";

/**
 * What a container image *does* when it runs: the part of an application a manifest cannot say.
 * The simulated registry maps image references (`shop/checkout:1.4`) to these profiles; an image
 * not in the registry does not exist, so pulling it fails like a real typo'd tag.
 * All times in milliseconds of simulated time, sizes in bytes, CPU in millicores.
 */
export const httpRouteSchema = z.strictObject({
  status: z.number().int().default(200),
  latencyMs: z.number().int().nonnegative().default(5),
  body: z.string().optional(),
});

export const appProfileSchema = z.strictObject({
  /** Compressed size; with the node's pull bandwidth it decides how long `Pulling` lasts. */
  sizeBytes: z.number().int().nonnegative().default(50_000_000),
  /** From process start until it listens on its ports and answers probes. */
  startupMs: z.number().int().nonnegative().default(0),
  /** Ports the process listens on once started (all containers of a pod share the pod's IP). */
  ports: z.array(z.number().int()).default([]),
  /** HTTP paths it serves; any other path answers `notFoundStatus`. */
  http: z.record(z.string(), httpRouteSchema).default({}),
  notFoundStatus: z.number().int().default(404),
  /** Extra time after start-up during which every path answers 503 (a cache warming up). */
  warmupMs: z.number().int().nonnegative().default(0),
  /** After running this long the process wedges: every HTTP path answers 500 (a deadlock). */
  healthyForMs: z.number().int().positive().optional(),
  /** The process exits by itself (a Job's work, or a crash) after `afterMs` with `code`. */
  exit: z.strictObject({ afterMs: z.number().int().nonnegative(), code: z.number().int() }).optional(),
  /** Environment variables it refuses to start without (exits 1 and logs why). */
  requiresEnv: z.array(z.string()).default([]),
  /**
   * Optional (added by the application model): what the process logs when a `requiresEnv`
   * variable is missing, `{name}` replaced by it. Default: `FATAL: environment variable {name} is not set`.
   */
  missingEnvLogs: z.array(z.string()).optional(),
  /** Files that exist in the container (for `exec` probes such as `cat /tmp/healthy`). */
  files: z.array(z.string()).default([]),
  /** Resident memory: `startBytes`, growing `growthBytesPerSec` up to `maxBytes` (a leak if uncapped). */
  memory: z
    .strictObject({
      startBytes: z.number().int().nonnegative(),
      growthBytesPerSec: z.number().nonnegative().default(0),
      maxBytes: z.number().int().positive().optional(),
    })
    .default({ startBytes: 20_000_000, growthBytesPerSec: 0 }),
  cpuMillis: z.number().int().nonnegative().default(5),
  /** Lines the app writes: at start, once listening, periodically while running, and when it exits. */
  logs: z
    .strictObject({
      startup: z.array(z.string()).default([]),
      ready: z.array(z.string()).default([]),
      periodic: z.array(z.string()).default([]),
      periodMs: z.number().int().positive().default(30_000),
      exit: z.array(z.string()).default([]),
    })
    .default({ startup: [], ready: [], periodic: [], periodMs: 30_000, exit: [] }),
  /**
   * A general-purpose image (busybox, alpine...): its behaviour comes from the container's
   * `command`/`args` shell script (sleep, exit, touch, rm...) rather than from this profile.
   */
  shell: z.boolean().default(false),
});
export type AppProfileInput = z.input<typeof appProfileSchema>;
export type AppProfile = z.output<typeof appProfileSchema>;

/**
 * `nginx` ⇒ `docker.io/library/nginx:latest`, as container runtimes normalise references,
 * so that `nginx:1.25` and `docker.io/library/nginx:1.25` are the same image.
 */
export function normalizeImageRef(image: string): string {
  let ref = image.trim();
  const at = ref.indexOf("@");
  let digest = "";
  if (at >= 0) {
    digest = ref.slice(at);
    ref = ref.slice(0, at);
  }
  const lastSlash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (!digest && colon <= lastSlash) ref += ":latest";
  const firstPart = ref.split("/")[0];
  const hasRegistry = ref.includes("/") && (firstPart.includes(".") || firstPart.includes(":") || firstPart === "localhost");
  if (!hasRegistry) ref = ref.includes("/") ? `docker.io/${ref}` : `docker.io/library/${ref}`;
  return ref + digest;
}
