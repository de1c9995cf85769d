/**
 * Bounded work for large flows: at most `max` members of a sorted list, evenly spaced, with an
 * offset that rotates between recomputations so every member is looked at over time.
 *
 * Simplification: a flow over more than `max` endpoints (or source nodes) is estimated from
 * this sample; a fault on a single member of a large set is seen at the sample's weight.
 */
export function sampleEvenly<T>(items: readonly T[], max: number, rotate: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  const offset = rotate % Math.max(1, Math.floor(step));
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[(Math.floor(i * step) + offset) % items.length]);
  return out;
}

export const MAX_ENDPOINTS = 8;
export const MAX_SOURCE_NODES = 4;
