/**
 * Rooms are instantiated by Colyseus (locally, or on another process through the driver), so
 * their dependencies cannot travel in the create options: each room class is bound to this
 * process's ServerDeps by a subclass.
 */
import type { Room } from "@colyseus/core";
import type { ServerDeps } from "../deps.ts";

type RoomClass = abstract new (...args: any[]) => Room & { deps: ServerDeps };

export function bindRoom<T extends RoomClass>(Base: T, deps: ServerDeps): T {
  // @ts-expect-error: a concrete subclass of a (possibly abstract-typed) room class.
  return class extends Base {
    override deps = deps;
  };
}
