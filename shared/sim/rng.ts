/**
 * The cluster's only source of randomness: sfc32, whose 4×32-bit state lives in ClusterState
 * (boardgame.io's lesson: random state inside the game state keeps moves pure and replays exact).
 */
export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  // splitmix32 spreads even tiny seeds (0, 1, 2...) over the whole state.
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [next(), next(), next(), next()];
  for (let i = 0; i < 12; i++) nextUint32(st);
  return st;
}

export function nextUint32(st: RngState): number {
  let [a, b, c, d] = st;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return t >>> 0;
}

/** Uniform float in [0, 1). */
export function nextFloat(st: RngState): number {
  return nextUint32(st) / 4294967296;
}

/** Uniform integer in [0, n). */
export function nextInt(st: RngState, n: number): number {
  return Math.floor(nextFloat(st) * n);
}

/** The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels (no words), no 0/1/3 (no confusion). */
export const K8S_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** `rand.String(n)`: the suffix of generated names such as `web-7d4b9c6f8-x2k9q`. */
export function randomSuffix(st: RngState, n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += K8S_ALPHANUMS[nextInt(st, K8S_ALPHANUMS.length)];
  return s;
}

/** `rand.SafeEncodeString`: how Kubernetes turns a hash into a pod-template-hash label. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += K8S_ALPHANUMS[s.charCodeAt(i) % K8S_ALPHANUMS.length];
  return out;
}
