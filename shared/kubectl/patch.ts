/**
 * The three patch types of `kubectl patch --type`: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902) and strategic merge patch for the common cases — lists of named things
 * (containers, env, volumes, ports...) merge by their key, `$patch: delete|replace` honoured.
 */
import { err, ok, type Result } from "../util/result.ts";

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** RFC 7386: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** patchMergeKey of the list fields strategic merge knows (from the API types' struct tags). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  ports: "containerPort",
  conditions: "type",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
  ownerReferences: "uid",
};

/** Lists of scalars merged as sets (patchStrategy:"merge" without key). */
const SET_LISTS = new Set(["finalizers"]);

/** Strategic merge patch, simplified to the patch-merge-keys above (the rest replaces like RFC 7386). */
export function strategicMergePatch(target: Json, patch: Json, field = "", parentKind = ""): Json {
  if (!isObject(patch)) return patch;
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === "delete") return undefined;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    // Service ports merge by port; container ports by containerPort.
    const key = k === "ports" && parentKind === "service" ? "port" : MERGE_KEYS[k];
    if (Array.isArray(v) && key && Array.isArray(out[k])) {
      out[k] = mergeKeyedList(out[k] as Json[], v, key, k);
    } else if (Array.isArray(v) && SET_LISTS.has(k) && Array.isArray(out[k])) {
      out[k] = [...new Set([...(out[k] as Json[]), ...v])];
    } else {
      const nextKind = k === "spec" && field === "" && typeof out.kind === "string" ? String(out.kind).toLowerCase() : parentKind;
      const merged = strategicMergePatch(out[k], v, k, nextKind);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

function mergeKeyedList(base: Json[], patch: Json[], key: string, field: string): Json[] {
  const out = [...base];
  for (const item of patch) {
    if (!isObject(item) || !(key in item)) {
      out.push(item);
      continue;
    }
    const i = out.findIndex((b) => isObject(b) && b[key] === item[key]);
    if (item.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategicMergePatch(out[i], item, field);
    else out.push(item);
  }
  return out;
}

/** RFC 6901 pointer segments. */
function pointer(path: string): Result<string[], string> {
  if (path === "") return ok([]);
  if (!path.startsWith("/")) return err(`the server rejected our request due to an error in our request`);
  return ok(path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** RFC 6902 JSON patch. Errors read like the API server's (`doc is missing path: ...`). */
export function jsonPatch(target: Json, ops: Json): Result<Json, string> {
  if (!Array.isArray(ops)) return err("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = clone(target);
  for (const op of ops) {
    if (!isObject(op) || typeof op.op !== "string" || typeof op.path !== "string") return err("Unexpected kind: ");
    const p = pointer(op.path);
    if (!p.ok) return p;
    const r = applyOp(doc, op, p.value);
    if (!r.ok) return r;
    doc = r.value;
  }
  return ok(doc);
}

function applyOp(doc: Json, op: JsonObject, path: string[]): Result<Json, string> {
  const get = (segs: string[]): { found: boolean; value?: Json } => {
    let cur: Json = doc;
    for (const s of segs) {
      if (Array.isArray(cur)) {
        const i = Number(s);
        if (!Number.isInteger(i) || i < 0 || i >= cur.length) return { found: false };
        cur = cur[i];
      } else if (isObject(cur) && s in cur) cur = cur[s];
      else return { found: false };
    }
    return { found: true, value: cur };
  };
  const parentOf = (segs: string[]) => get(segs.slice(0, -1));
  const put = (segs: string[], value: Json, insert: boolean): Result<Json, string> => {
    if (segs.length === 0) return ok(value);
    const parent = get(segs.slice(0, -1));
    const k = segs[segs.length - 1];
    if (!parent.found) return err(`doc is missing path: "${op.path}": missing value`);
    const pv = parent.value;
    if (Array.isArray(pv)) {
      const i = k === "-" ? pv.length : Number(k);
      if (!Number.isInteger(i) || i < 0 || i > pv.length || (!insert && i === pv.length)) return err(`Unable to access invalid index: ${k}: invalid index referenced`);
      if (insert) pv.splice(i, 0, value);
      else pv[i] = value;
    } else if (isObject(pv)) {
      if (!insert && !(k in pv)) return err(`doc is missing key: ${op.path}: missing value`);
      pv[k] = value;
    } else return err(`doc is missing path: "${op.path}": missing value`);
    return ok(doc);
  };
  const remove = (segs: string[]): Result<Json, string> => {
    const parent = parentOf(segs);
    const k = segs[segs.length - 1];
    if (!parent.found || segs.length === 0) return err(`doc is missing path: "${op.path}": missing value`);
    const pv = parent.value;
    if (Array.isArray(pv)) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= pv.length) return err(`Unable to remove nonexistent key: ${k}: missing value`);
      pv.splice(i, 1);
    } else if (isObject(pv) && k in pv) delete pv[k];
    else return err(`Unable to remove nonexistent key: ${k}: missing value`);
    return ok(doc);
  };
  switch (op.op) {
    case "add":
      return put(path, clone(op.value), true);
    case "replace":
      return put(path, clone(op.value), false);
    case "remove":
      return remove(path);
    case "test": {
      const cur = get(path);
      return cur.found && JSON.stringify(cur.value) === JSON.stringify(op.value) ? ok(doc) : err(`testing value ${String(op.path)} failed: test failed`);
    }
    case "move":
    case "copy": {
      if (typeof op.from !== "string") return err(`missing from for ${op.op}`);
      const from = pointer(op.from);
      if (!from.ok) return from;
      const v = get(from.value);
      if (!v.found) return err(`doc is missing from path: "${op.from}": missing value`);
      const value = clone(v.value);
      if (op.op === "move") {
        const r = remove(from.value);
        if (!r.ok) return r;
      }
      return put(path, value, true);
    }
    default:
      return err(`Unexpected kind: ${String(op.op)}`);
  }
}
