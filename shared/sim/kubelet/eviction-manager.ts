import type { Controller } from "../controller.ts";

/** Placeholder so the tick loop compiles; the eviction work replaces it with the real controller. */
export const evictionManager: Controller = {
  name: "eviction-manager",
  sync() {},
};
