/**
 * The manifests a level's cluster is built from: the add-ons it asks for (CNI, kube-proxy,
 * CoreDNS, exactly as shared/net/addons.ts writes them) followed by the level's own manifests,
 * and the images those add-ons run.
 */
import { clusterAddons } from "../net/addons.ts";
import { NETWORK_IMAGES } from "../net/images.ts";
import type { AppProfileInput } from "../sim/apps/profile.ts";
import type { Level } from "./schema.ts";

export function levelManifests(level: Level): Record<string, unknown>[] {
  const a = level.cluster.addons;
  const addons = a ? (clusterAddons({ cni: a.cni, kubeProxy: a.kubeProxy, coreDNS: a.coreDNS, ...(a.backend ? { backend: a.backend } : {}), ...(a.vni ? { vni: a.vni } : {}), ...(a.vxlanPort ? { vxlanPort: a.vxlanPort } : {}) }) as Record<string, unknown>[]) : [];
  return [...addons, ...level.cluster.manifests];
}

export function levelImages(level: Level): Record<string, AppProfileInput> {
  return level.cluster.addons ? { ...NETWORK_IMAGES, ...level.cluster.images } : level.cluster.images;
}
