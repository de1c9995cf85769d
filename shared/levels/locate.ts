/**
 * Mapping a path in a parsed YAML document (`goals.0.kind`) back to where it was written, using
 * the `yaml` package's source ranges, so a level author reads `levels/x.yaml:42:7` rather than a
 * JSON path. A path that does not exist (a missing key) maps to its nearest existing parent.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export interface SourcePos {
  line: number;
  col: number;
}

function child(node: unknown, key: string | number): Node | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === key);
    return pair && isNode(pair.value) ? pair.value : undefined;
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key];
    return isNode(item) ? item : undefined;
  }
  return undefined;
}

/** The key node of `key` in the map at `node` (to point at an unknown key itself). */
function keyNode(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair && isNode(pair.key) ? pair.key : undefined;
}

/** Where `path` is in `doc`; `unknownKey` points at a key of the object at `path` instead. */
export function locate(doc: Document, lines: LineCounter, path: readonly (string | number | symbol)[], unknownKey?: string): SourcePos | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (const key of path) {
    if (typeof key === "symbol") break;
    const next = child(node, key);
    if (!next) break;
    node = next;
    best = next;
  }
  if (unknownKey !== undefined && best && node === best) best = keyNode(node, unknownKey) ?? best;
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  return lines.linePos(offset);
}
