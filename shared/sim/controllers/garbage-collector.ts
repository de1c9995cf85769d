import type { Controller } from "../controller.ts";

/** Placeholder so the tick loop compiles; the workloads work replaces it with the real controller. */
export const garbageCollector: Controller = {
  name: "garbage-collector",
  sync() {},
};
