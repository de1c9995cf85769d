import type { Controller } from "../controller.ts";

/** Placeholder so the tick loop compiles; the endpoints work replaces it with the real controller. */
export const endpointSliceController: Controller = {
  name: "endpointslice",
  sync() {},
};
