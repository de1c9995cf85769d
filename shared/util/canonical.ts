/**
 * Canonical JSON (object keys sorted, `undefined` dropped) and a stable 64-bit FNV-1a hash of it.
 * The hash is what proves two runs (server and browser, or a replay) reached the same state.
 */
export function canonicalJSON(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join("");
}

function write(v: unknown, out: string[]): void {
  if (v === null || typeof v !== "object") {
    out.push(v === undefined ? "null" : JSON.stringify(v));
    return;
  }
  if (Array.isArray(v)) {
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(",");
      write(v[i], out);
    }
    out.push("]");
    return;
  }
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec).filter((k) => rec[k] !== undefined).sort();
  out.push("{");
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out.push(",");
    out.push(JSON.stringify(keys[i]), ":");
    write(rec[keys[i]], out);
  }
  out.push("}");
}

/** FNV-1a over UTF-16 code units, two 32-bit lanes with different offsets: 16 hex digits. */
export function hashString(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** FNV-1a 32-bit, as Kubernetes' `hash/fnv.New32a` computes it (used for pod-template-hash). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    // UTF-8 encode so non-ASCII input hashes like Go's byte-wise hasher.
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    const bytes = new TextEncoder().encode(s.slice(i, i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1)));
    if (c >= 0xd800 && c <= 0xdbff) i++;
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
    c = 0;
  }
  return h >>> 0;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
