import type { Controller } from "../controller.ts";

/** Placeholder so the tick loop compiles; the scheduler work replaces it with the real controller. */
export const taintEvictionController: Controller = {
  name: "taint-eviction",
  sync() {},
};
