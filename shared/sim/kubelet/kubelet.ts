import type { Controller } from "../controller.ts";

/** Placeholder so the tick loop compiles; the kubelet work replaces it with the real controller. */
export const kubeletController: Controller = {
  name: "kubelet",
  sync() {},
};
