/**
 * From a level to the broken cluster the player meets: the blueprint (nodes, images, manifests)
 * with the `at: create` faults applied, createCluster, a healthy period, the `at: live` faults,
 * then the settle time during which the symptoms develop (pods crash-loop, rollouts stall).
 */
import { createCluster, type Cluster } from "../sim/cluster.ts";
import type { Result } from "../util/result.ts";
import { err, ok } from "../util/result.ts";
import { applyFaultLive, applyFaultToBlueprint, type ClusterBlueprint } from "../levels/faults/apply.ts";
import type { Level } from "../levels/schema.ts";
import { levelImages, levelManifests } from "../levels/addons.ts";
import type { NetworkInit } from "../net/state.ts";
import { configureTraffic } from "../net/traffic/configure.ts";

export function levelBlueprint(level: Level): Result<ClusterBlueprint, string[]> {
  let bp: ClusterBlueprint = {
    nodes: level.cluster.nodes,
    images: levelImages(level),
    manifests: levelManifests(level),
  };
  const problems: string[] = [];
  level.faults.forEach((f, i) => {
    if (f.at !== "create") return;
    const r = applyFaultToBlueprint(bp, f);
    if (r.ok) bp = r.value;
    else problems.push(`faults[${i}]: ${r.error}`);
  });
  return problems.length ? err(problems) : ok(bp);
}

export interface BuiltCluster {
  cluster: Cluster;
  /** What was injected, for the debrief ("at 09:00:30 ... was changed"). */
  injected: { tick: number; text: string }[];
}

/** Build and settle. Throws only when the level is broken (tests and `levels validate` catch that first). */
export function buildLevelCluster(level: Level, seed: number, opts: { freeze?: boolean } = {}): BuiltCluster {
  const bp = levelBlueprint(level);
  if (!bp.ok) throw new Error(`level ${level.id}: ${bp.error.join("; ")}`);
  const cluster = createCluster({
    seed,
    ...(level.cluster.epoch ? { epoch: level.cluster.epoch } : {}),
    nodes: bp.value.nodes,
    network: level.cluster.network as NetworkInit | undefined,
    images: bp.value.images,
    objects: bp.value.manifests,
    freeze: opts.freeze,
  });
  // Users start arriving with the cluster, so the SLO curve shows the incident begin.
  if (level.cluster.traffic) configureTraffic(cluster, level.cluster.traffic);
  const injected: BuiltCluster["injected"] = [];
  cluster.advance(level.settle.healthySeconds * 1000);
  level.faults.forEach((f, i) => {
    if (f.at !== "live") return;
    const r = applyFaultLive(cluster, f);
    if (!r.ok) throw new Error(`level ${level.id}: faults[${i}]: ${r.error}`);
    injected.push({ tick: cluster.tickCount, text: r.value });
  });
  cluster.advance(level.settle.seconds * 1000);
  return { cluster, injected };
}
