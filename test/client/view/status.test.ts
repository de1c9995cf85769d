import { describe, expect, it } from "vitest";
import { linkLook, nodeLook, PALETTE, podLook, pressureColor } from "../../../client/view/status.ts";

describe("pod looks: colour AND icon AND word for every status kubectl prints", () => {
  it.each([
    ["Running", "1/1", "ok", "✓", "Running"],
    ["Running", "0/1", "waiting", "!", "NotReady"],
    ["Running", "1/2", "waiting", "!", "NotReady"],
    ["Pending", "0/1", "waiting", "…", "Pending"],
    ["ContainerCreating", "0/1", "progress", "↻", "ContainerCreating"],
    ["PodInitializing", "0/1", "progress", "↻", "PodInitializing"],
    ["Init:0/1", "0/1", "progress", "↻", "Init:0/1"],
    ["Init:CrashLoopBackOff", "0/1", "failing", "✗", "Init:CrashLoopBackOff"],
    ["CrashLoopBackOff", "0/1", "failing", "✗", "CrashLoopBackOff"],
    ["ImagePullBackOff", "0/1", "failing", "✗", "ImagePullBackOff"],
    ["ErrImagePull", "0/1", "failing", "✗", "ErrImagePull"],
    ["CreateContainerConfigError", "0/1", "failing", "✗", "CreateContainerConfigError"],
    ["OOMKilled", "0/1", "failing", "✗", "OOMKilled"],
    ["Error", "0/1", "failing", "✗", "Error"],
    ["Evicted", "0/1", "gone", "⏏", "Evicted"],
    ["Terminating", "1/1", "gone", "↓", "Terminating"],
    ["Completed", "0/1", "done", "■", "Completed"],
    ["SomethingNew", "0/1", "waiting", "?", "SomethingNew"],
  ])("%s (%s) → %s %s", (status, ready, health, icon, label) => {
    const l = podLook(status, ready);
    expect([l.health, l.icon, l.label]).toEqual([health, icon, label]);
  });

  it("tells the health classes apart by icon, not only by colour", () => {
    const looks = ["Running|1/1", "Running|0/1", "ContainerCreating|0/1", "CrashLoopBackOff|0/1", "Evicted|0/1", "Completed|0/1"].map((k) => podLook(...(k.split("|") as [string, string])));
    expect(new Set(looks.map((l) => l.icon)).size).toBe(looks.length);
  });

  it("uses only Okabe–Ito palette colours", () => {
    const palette = new Set<number>(Object.values(PALETTE));
    for (const s of ["Running", "Pending", "CrashLoopBackOff", "Evicted", "Completed", "ContainerCreating"]) expect(palette.has(podLook(s, "0/1").color)).toBe(true);
  });
});

describe("node looks", () => {
  it.each([
    [{ ready: "True", status: "Ready", problems: [] }, PALETTE.green, "✓", "Ready"],
    [{ ready: "False", status: "NotReady", problems: [] }, PALETTE.vermillion, "✗", "NotReady"],
    [{ ready: "Unknown", status: "NotReady", problems: [] }, PALETTE.vermillion, "✗", "NotReady"],
    [{ ready: "True", status: "Ready", problems: ["MemoryPressure"] }, PALETTE.orange, "!", "Ready · MemoryPressure"],
    [{ ready: "True", status: "Ready,SchedulingDisabled", problems: [] }, PALETTE.yellow, "⊘", "Ready,SchedulingDisabled"],
  ])("%j", (n, color, icon, label) => {
    expect(nodeLook(n)).toEqual({ color, icon, label });
  });
});

describe("overlay links and pressure bars", () => {
  it("draws each link state with its own line style", () => {
    expect(linkLook("healthy").dash).toBeNull();
    expect(linkLook("degraded").dash).not.toEqual(linkLook("broken").dash);
    expect(linkLook("broken").color).toBe(PALETTE.vermillion);
  });

  it.each([
    [0.1, PALETTE.skyBlue],
    [0.8, PALETTE.orange],
    [0.95, PALETTE.vermillion],
  ])("fill %d → colour", (ratio, color) => {
    expect(pressureColor(ratio)).toBe(color);
  });
});
