/**
 * The manifests a level's cluster is built from: the add-ons it asks for (CNI, kube-proxy,
 * CoreDNS, exactly as shared/net/addons.ts writes them; ingress-nginx as its upstream deploy
 * manifest installs it) followed by the level's own manifests, and the images those add-ons run.
 */
import { clusterAddons } from "../net/addons.ts";
import { NETWORK_IMAGES } from "../net/images.ts";
import { INGRESS_CONTROLLER, INGRESS_IMAGES, INGRESS_NAMESPACE, ingressNginxManifests } from "../net/ingress/addon.ts";
import type { AppProfileInput } from "../sim/apps/profile.ts";
import type { Level } from "./schema.ts";

/**
 * Whether the level needs an ingress controller installed for it: its users arrive at an
 * Ingress host (a `traffic.entries[].via.kind: ingress`) and the level does not ship its own
 * `ingress-nginx/ingress-nginx-controller` Service. Without a controller an Ingress is only
 * data — nothing listens for its hosts — so such traffic implies the add-on, installed as the
 * bare-metal deploy manifest does (NodePort Service; users hit a node port on every node).
 *
 * Simplification: implied by the traffic section rather than a `cluster.addons` switch.
 */
export function wantsIngressController(level: Level): boolean {
  const entries = level.cluster.traffic?.entries ?? [];
  if (!entries.some((e) => e.via.kind === "ingress")) return false;
  return !level.cluster.manifests.some((m) => {
    const meta = m.metadata as { name?: string; namespace?: string } | undefined;
    return m.kind === "Service" && meta?.name === INGRESS_CONTROLLER && meta.namespace === INGRESS_NAMESPACE;
  });
}

export function levelManifests(level: Level): Record<string, unknown>[] {
  const a = level.cluster.addons;
  const addons = a ? (clusterAddons({ cni: a.cni, kubeProxy: a.kubeProxy, coreDNS: a.coreDNS, ...(a.backend ? { backend: a.backend } : {}), ...(a.vni ? { vni: a.vni } : {}), ...(a.vxlanPort ? { vxlanPort: a.vxlanPort } : {}) }) as Record<string, unknown>[]) : [];
  const ingress = wantsIngressController(level) ? (ingressNginxManifests() as Record<string, unknown>[]) : [];
  return [...addons, ...ingress, ...level.cluster.manifests];
}

export function levelImages(level: Level): Record<string, AppProfileInput> {
  const ingress = wantsIngressController(level) ? INGRESS_IMAGES : {};
  return level.cluster.addons ? { ...NETWORK_IMAGES, ...ingress, ...level.cluster.images } : { ...ingress, ...level.cluster.images };
}
