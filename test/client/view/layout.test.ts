import { describe, expect, it } from "vitest";
import { chipsFit, chooseColumns, GATEWAY_ROW_H, layoutMap, PANEL_HEADER_H, tileSizeFor, UNSCHEDULED, type Rect } from "../../../client/view/layout.ts";
import { bigView, clusterViewOf, viewNode, viewPod, viewService } from "../../support/client-builders.ts";

const inside = (inner: Rect, outer: Rect) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w + 0.001 && inner.y + inner.h <= outer.y + outer.h + 0.001;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("tile sizes", () => {
  it("gives few pods big tiles and many pods small ones", () => {
    expect(tileSizeFor(3, 400, 200)).toBe(30);
    expect(tileSizeFor(400, 400, 200)).toBeLessThan(15);
  });

  it("always fits the tiles it chose", () => {
    for (const n of [1, 7, 20, 60, 200]) {
      const s = tileSizeFor(n, 180, 90);
      expect(Math.floor(182 / (s + 2)) * Math.floor(92 / (s + 2))).toBeGreaterThanOrEqual(Math.min(n, 1000));
    }
  });
});

describe("layoutMap", () => {
  it("puts gateways in a row on top and node panels below", () => {
    const view = clusterViewOf({ nodes: [viewNode("node-1"), viewNode("node-2")], services: [viewService("default/web"), viewService("default/api")] });
    const l = layoutMap(view, 960, 400);
    for (const g of l.gateways.values()) expect(g.y + g.h).toBeLessThanOrEqual(GATEWAY_ROW_H);
    for (const p of l.panels.values()) expect(p.y).toBeGreaterThan(GATEWAY_ROW_H);
  });

  it("places every pod inside its node's panel, below the header, without overlaps", () => {
    const view = bigView(5, 12);
    const l = layoutMap(view, 960, 400);
    for (const p of view.pods) {
      const r = l.pods.get(p.id)!;
      const panel = l.panels.get(p.node!)!;
      expect(inside(r, panel)).toBe(true);
      expect(r.y).toBeGreaterThanOrEqual(panel.y + l.headerH);
    }
    const rects = [...l.pods.values()];
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j])).toBe(false);
  });

  it("fits 20 nodes with 400 pods into a 1280×720 map area", () => {
    const view = bigView(20, 20);
    const l = layoutMap(view, 940, 380);
    expect(l.panels.size).toBe(20);
    expect(l.pods.size).toBe(400);
    for (const p of view.pods) expect(inside(l.pods.get(p.id)!, l.panels.get(p.node!)!)).toBe(true);
    expect(l.labelW).toBe(0);
  });

  it("labels pods with their names while a small cluster leaves room", () => {
    const view = clusterViewOf({ nodes: [viewNode("node-1")], pods: [viewPod("default/a", "node-1"), viewPod("default/b", "node-1")] });
    expect(layoutMap(view, 900, 380).labelW).toBeGreaterThan(80);
  });

  it("shows pods bound to no node in an unscheduled panel", () => {
    const view = clusterViewOf({ nodes: [viewNode("node-1")], pods: [viewPod("default/web-0", undefined, "Pending", "0/1")] });
    const l = layoutMap(view, 900, 380);
    expect(l.panels.has(UNSCHEDULED)).toBe(true);
    expect(inside(l.pods.get("default/web-0")!, l.panels.get(UNSCHEDULED)!)).toBe(true);
  });

  it("is pure: the same view and size give the same layout", () => {
    const view = bigView(4, 9);
    expect(layoutMap(view, 800, 400)).toEqual(layoutMap(view, 800, 400));
  });

  it("prefers panels of a readable shape when tile sizes tie", () => {
    expect(chooseColumns(2, 3, 926, 300)).toBe(2);
    expect(chooseColumns(1, 3, 926, 300)).toBe(1);
  });

  it("only uses labelled chips when they all fit", () => {
    expect(chipsFit(4, 400, 100)).toBe(true);
    expect(chipsFit(40, 400, 100)).toBe(false);
  });
});
