/**
 * Boot: load the client's chunks one after another (renderer, terminal and editor, simulator,
 * levels) and report real progress: a step counts when its chunk has arrived and run.
 */
export interface BootStep {
  label: string;
  /** Relative size, so the bar moves by how much there is to load (Phaser is the big one). */
  weight: number;
  run(): Promise<unknown>;
}

export async function runBoot(steps: readonly BootStep[], progress: (fraction: number, label: string) => void): Promise<void> {
  const total = steps.reduce((s, x) => s + x.weight, 0) || 1;
  let done = 0;
  for (const step of steps) {
    progress(done / total, step.label);
    await step.run();
    done += step.weight;
  }
  progress(1, "Ready");
}
