/**
 * How statuses look: a colour from a colour-blind-safe palette (Okabe–Ito) AND an icon and a
 * word for every pod status kubectl prints, so no state is told apart by colour alone.
 */
import type { LinkState, ViewNode } from "./types.ts";

/** Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies. */
export const PALETTE = {
  blue: 0x0072b2,
  skyBlue: 0x56b4e9,
  green: 0x009e73,
  yellow: 0xf0e442,
  orange: 0xe69f00,
  vermillion: 0xd55e00,
  purple: 0xcc79a7,
  grey: 0x8a8f98,
  black: 0x000000,
  white: 0xffffff,
} as const;

export type PodHealth = "ok" | "progress" | "waiting" | "failing" | "gone" | "done";

export interface PodLook {
  health: PodHealth;
  color: number;
  /** One glyph drawn on the tile (ASCII-safe shapes so every font has them). */
  icon: string;
  /** Short legend text. */
  label: string;
}

const LOOKS: Record<PodHealth, Omit<PodLook, "label">> = {
  ok: { health: "ok", color: PALETTE.green, icon: "✓" },
  progress: { health: "progress", color: PALETTE.skyBlue, icon: "↻" },
  waiting: { health: "waiting", color: PALETTE.yellow, icon: "…" },
  failing: { health: "failing", color: PALETTE.vermillion, icon: "✗" },
  gone: { health: "gone", color: PALETTE.purple, icon: "⏏" },
  done: { health: "done", color: PALETTE.grey, icon: "■" },
};

const FAILING = new Set(["CrashLoopBackOff", "Error", "OOMKilled", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "ContainerCannotRun", "StartError", "Unknown", "NodeLost", "CrashLoopBackOff"]);
const GONE = new Set(["Evicted", "Terminating", "Preempting", "NodeAffinity", "OutOfmemory", "OutOfcpu", "UnexpectedAdmissionError", "Shutdown"]);
const PROGRESS = new Set(["ContainerCreating", "PodInitializing"]);

/**
 * The look of a pod from its STATUS and READY columns. A Running pod whose containers are not
 * all ready is "NotReady": running, but out of every Service.
 */
export function podLook(status: string, ready: string): PodLook {
  if (status === "Running") {
    const [r, t] = ready.split("/").map((n) => parseInt(n, 10));
    if (Number.isFinite(r) && Number.isFinite(t) && r < t) return { ...LOOKS.waiting, icon: "!", label: "NotReady" };
    return { ...LOOKS.ok, label: "Running" };
  }
  if (status === "Completed" || status === "Succeeded") return { ...LOOKS.done, label: status };
  if (status === "Pending") return { ...LOOKS.waiting, label: "Pending" };
  if (PROGRESS.has(status)) return { ...LOOKS.progress, label: status };
  if (status === "Terminating") return { ...LOOKS.gone, icon: "↓", label: status };
  if (GONE.has(status)) return { ...LOOKS.gone, label: status };
  if (status.startsWith("Init:")) {
    const reason = status.slice(5);
    if (FAILING.has(reason)) return { ...LOOKS.failing, label: status };
    return { ...LOOKS.progress, label: status };
  }
  if (FAILING.has(status) || status.startsWith("Signal:") || status.startsWith("ExitCode:")) return { ...LOOKS.failing, label: status };
  return { ...LOOKS.waiting, icon: "?", label: status };
}

export interface NodeLook {
  color: number;
  icon: string;
  label: string;
}

export function nodeLook(n: Pick<ViewNode, "ready" | "status" | "problems">): NodeLook {
  if (n.ready !== "True") return { color: PALETTE.vermillion, icon: "✗", label: n.status };
  if (n.problems.length) return { color: PALETTE.orange, icon: "!", label: `${n.status} · ${n.problems.join(", ")}` };
  if (n.status.includes("SchedulingDisabled")) return { color: PALETTE.yellow, icon: "⊘", label: n.status };
  return { color: PALETTE.green, icon: "✓", label: n.status };
}

/** Overlay links: colour plus a line style (solid, dashed, dotted), never colour alone. */
export function linkLook(state: LinkState): { color: number; dash: [number, number] | null; label: string } {
  switch (state) {
    case "healthy":
      return { color: PALETTE.skyBlue, dash: null, label: "overlay healthy" };
    case "degraded":
      return { color: PALETTE.orange, dash: [10, 6], label: "overlay degraded (large packets die)" };
    case "broken":
      return { color: PALETTE.vermillion, dash: [3, 5], label: "overlay broken" };
  }
}

/** Fill ratio colour for pressure bars: fine, high, near the eviction threshold. */
export function pressureColor(ratio: number): number {
  if (ratio >= 0.9) return PALETTE.vermillion;
  if (ratio >= 0.75) return PALETTE.orange;
  return PALETTE.skyBlue;
}

export function cssColor(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}
