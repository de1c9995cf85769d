/**
 * The shape of a ProcessPlan: plain, compact JSON (it is stored per container in the cluster
 * state and hashed). Times are ms since the process started; log lines and file contents may
 * hold markers (shell/markers.ts) rendered when read. Nothing here grows with running time:
 * a loop that runs forever is one `cycle` repeated every `periodMs`.
 */
export type LogLine = [atMs: number, line: string];
/** A file written (content) or removed (null). */
export type FileEvent = [atMs: number, path: string, content: string | null];

export interface PlanCycle {
  /** First iteration starts here; iteration k covers [startMs + k·periodMs, startMs + (k+1)·periodMs). */
  startMs: number;
  periodMs: number;
  /** Offsets within one iteration, in [0, periodMs). */
  logs: LogLine[];
  files: FileEvent[];
  /** The cycle stops before this time (the process exits). */
  untilMs?: number;
}

export interface HttpRoute {
  status: number;
  latencyMs: number;
  body?: string;
}

export interface ProcessPlan {
  /** What PID 1 runs (for `ps`, and the message when it cannot start). */
  argv: string[];
  /**
   * The container cannot start (the runtime's error, as containerd words it): the kubelet reports
   * the container terminated with reason `StartError`, exit code 128, and this message.
   */
  startError?: string;
  /** The process exits by itself at `afterMs` with `exitCode`; absent ⇒ it runs until stopped. */
  exit?: { afterMs: number; exitCode: number };
  /** Unix ms at which the process started (what `date` prints from). */
  startedAtUnixMs: number;
  /** One-off log lines, sorted by time. */
  logs: LogLine[];
  /** Files present at start (image files, mounted ConfigMaps/Secrets). */
  files: Record<string, string>;
  /** One-off file changes, sorted by time. */
  fileEvents: FileEvent[];
  cycle?: PlanCycle;
  /** Listening sockets: from `fromMs` until the exit. */
  listen?: { fromMs: number; ports: number[] };
  http?: {
    routes: Record<string, HttpRoute>;
    notFoundStatus: number;
    /** Until then every path answers 503 (still warming up). */
    warmupUntilMs: number;
    /** From then every path answers 500 (wedged). */
    wedgedFromMs?: number;
  };
  env: Record<string, string>;
  hostname: string;
  /** Which utilities `exec` finds: busybox applets, or a Debian-based image's. */
  toolset: "busybox" | "debian";
  memory: { startBytes: number; growthBytesPerSec: number; maxBytes?: number };
  cpuMillis: number;
  /** DNS names the process looked up without an answer (e.g. an init container waiting for a Service). */
  unresolved?: string[];
}
