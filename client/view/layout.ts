/**
 * Where things go on the cluster map, as plain rectangles: a row of gateways (Services,
 * Ingresses) on top, then a grid of node panels with their pods as tiles inside. Pods not bound
 * to a node (Pending, unschedulable) sit in an extra "unscheduled" panel, because where a pod
 * is NOT is often the lesson. Pure: the same view and size give the same layout.
 */
import type { ClusterView } from "./types.ts";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const UNSCHEDULED = "(unscheduled)";
export const GATEWAY_ROW_H = 44;
/** Node panel header: name line, condition line, two pressure bars. */
export const PANEL_HEADER_H = 54;
/** Header of small panels (big clusters): name and status on one line, then the bars. */
export const COMPACT_HEADER_H = 36;
const COMPACT_BELOW_PANEL_H = 130;
/** Panels look best (names and bars readable) near this width:height. */
const PANEL_ASPECT = 1.8;
const GAP = 10;
const PAD = 6;
const MAX_TILE = 30;
const MIN_TILE = 6;
const TILE_GAP = 2;
const MAX_PANEL_H = 260;
const CHIP_GAP = 4;

export interface MapLayout {
  gateways: Map<string, Rect>;
  panels: Map<string, Rect>;
  /** The pod's tile (a square). */
  pods: Map<string, Rect>;
  tile: number;
  /** Width available for a name label right of each tile (0: tiles only, the cluster is too big for names). */
  labelW: number;
  /** Panel header height (PANEL_HEADER_H, or COMPACT_HEADER_H when panels are small). */
  headerH: number;
}

/** Labelled chips (tile + name + status) while they fit; plain tiles beyond. */
export const CHIP_TILE = 28;
export const CHIP_LABEL_W = 132;

/** The largest tile size (≤ MAX_TILE) so that `count` tiles fit in `w`×`h`. */
export function tileSizeFor(count: number, w: number, h: number): number {
  if (count <= 0) return MAX_TILE;
  for (let s = MAX_TILE; s > MIN_TILE; s--) {
    const cols = Math.floor((w + TILE_GAP) / (s + TILE_GAP));
    const rows = Math.floor((h + TILE_GAP) / (s + TILE_GAP));
    if (cols * rows >= count) return s;
  }
  return MIN_TILE;
}

/** Do `count` labelled chips fit in `w`×`h`? */
export function chipsFit(count: number, w: number, h: number): boolean {
  const cellW = Math.min(w, CHIP_TILE + CHIP_LABEL_W);
  if (cellW < CHIP_TILE + 90) return false;
  const cols = Math.floor((w + CHIP_GAP) / (cellW + CHIP_GAP));
  const rows = Math.floor((h + CHIP_GAP) / (CHIP_TILE + CHIP_GAP));
  return cols * rows >= count;
}

/** Grid columns for `n` panels in `w`×`h` that give the largest tile for the fullest panel. */
export function chooseColumns(n: number, maxPods: number, w: number, h: number): number {
  let best = 1;
  let bestTile = -1;
  let bestShape = Infinity;
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const rows = Math.ceil(n / cols);
    const pw = (w - GAP * (cols - 1)) / cols;
    const ph = Math.min((h - GAP * (rows - 1)) / rows, MAX_PANEL_H);
    const headerH = ph < COMPACT_BELOW_PANEL_H ? COMPACT_HEADER_H : PANEL_HEADER_H;
    if (pw < 60 || ph < headerH + 10) continue;
    const tile = tileSizeFor(maxPods, pw - 2 * PAD, ph - headerH - PAD);
    // Biggest tiles first; on a tie, the panel shape closest to PANEL_ASPECT.
    const shape = Math.abs(Math.log(pw / ph / PANEL_ASPECT));
    if (tile > bestTile || (tile === bestTile && shape < bestShape)) {
      best = cols;
      bestTile = tile;
      bestShape = shape;
    }
  }
  return best;
}

export function layoutMap(view: Pick<ClusterView, "nodes" | "pods" | "services">, width: number, height: number): MapLayout {
  const gateways = new Map<string, Rect>();
  const panels = new Map<string, Rect>();
  const pods = new Map<string, Rect>();
  const top = view.services.length ? GATEWAY_ROW_H + GAP * 2 : 0;
  if (view.services.length) {
    const n = view.services.length;
    const w = Math.min(170, (width - GAP * (n - 1)) / n);
    const startX = (width - (w * n + GAP * (n - 1))) / 2;
    view.services.forEach((s, i) => gateways.set(s.id, { x: startX + i * (w + GAP), y: 0, w, h: GATEWAY_ROW_H }));
  }
  const names = view.nodes.map((n) => n.name);
  const podsByPanel = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const p of view.pods) {
    const panel = p.node && podsByPanel.has(p.node) ? p.node : UNSCHEDULED;
    if (!podsByPanel.has(panel)) {
      podsByPanel.set(panel, []);
      names.push(panel);
    }
    podsByPanel.get(panel)!.push(p.id);
  }
  if (names.length === 0) return { gateways, panels, pods, tile: MAX_TILE, labelW: 0, headerH: PANEL_HEADER_H };
  const maxPods = Math.max(1, ...[...podsByPanel.values()].map((l) => l.length));
  const gridH = height - top;
  const cols = chooseColumns(names.length, maxPods, width, gridH);
  const rows = Math.ceil(names.length / cols);
  const pw = (width - GAP * (cols - 1)) / cols;
  const ph = Math.min((gridH - GAP * (rows - 1)) / rows, MAX_PANEL_H);
  const headerH = ph < COMPACT_BELOW_PANEL_H ? COMPACT_HEADER_H : PANEL_HEADER_H;
  const innerW = pw - 2 * PAD;
  const innerH = ph - headerH - PAD;
  const chips = chipsFit(maxPods, innerW, innerH);
  const tile = chips ? CHIP_TILE : tileSizeFor(maxPods, innerW, innerH);
  const cellW = chips ? Math.min(innerW, CHIP_TILE + CHIP_LABEL_W) : tile;
  const labelW = chips ? cellW - CHIP_TILE - 4 : 0;
  const sp = chips ? CHIP_GAP : TILE_GAP;
  names.forEach((name, i) => {
    const r: Rect = { x: (i % cols) * (pw + GAP), y: top + Math.floor(i / cols) * (ph + GAP), w: pw, h: ph };
    panels.set(name, r);
    const perRow = Math.max(1, Math.floor((innerW + sp) / (cellW + sp)));
    podsByPanel.get(name)!.forEach((id, k) => {
      pods.set(id, { x: r.x + PAD + (k % perRow) * (cellW + sp), y: r.y + headerH + Math.floor(k / perRow) * (tile + sp), w: tile, h: tile });
    });
  });
  return { gateways, panels, pods, tile, labelW, headerH };
}

export function center(r: Rect): { x: number; y: number } {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}
