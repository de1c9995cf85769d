/**
 * Writing plain data into schema without rebuilding it: only fields whose value changed are
 * assigned (each assignment is a change the next patch carries), map entries are added and
 * removed by key, arrays are updated in place. A quiet cluster therefore patches nothing.
 */
import { ArraySchema, MapSchema, Schema } from "@colyseus/schema";

type Primitive = string | number | boolean;

/** Assign the primitive fields of `source` that differ; nested values are the caller's job. */
export function assignChanged<T extends Schema>(target: T, source: Record<string, unknown>): boolean {
  let changed = false;
  const t = target as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(source)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") continue;
    if (t[k] !== v) {
      t[k] = v as Primitive;
      changed = true;
    }
  }
  return changed;
}

/** Make `map` hold exactly `items` (by key), creating entries with `make` and filling them with `fill`. */
export function syncMap<S extends Schema, D>(map: MapSchema<S>, items: readonly D[], keyOf: (d: D) => string, make: () => S, fill: (s: S, d: D) => void): void {
  const wanted = new Set<string>();
  for (const d of items) {
    const key = keyOf(d);
    wanted.add(key);
    let s = map.get(key);
    if (!s) {
      s = make();
      fill(s, d);
      map.set(key, s);
    } else fill(s, d);
  }
  for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key);
}

/** Make `arr` hold `items` in order, reusing the existing elements. */
export function syncArray<S extends Schema, D>(arr: ArraySchema<S>, items: readonly D[], make: () => S, fill: (s: S, d: D) => void): void {
  while (arr.length > items.length) arr.pop();
  items.forEach((d, i) => {
    const existing = arr[i];
    if (existing) fill(existing, d);
    else {
      const s = make();
      fill(s, d);
      arr.push(s);
    }
  });
}

/** Plain fields only: schema instances of `make()` get every primitive of `d`. */
export const fillPrimitives = <S extends Schema>(s: S, d: object): void => {
  assignChanged(s, d as Record<string, unknown>);
};
