import type { Kind, KindMap, Stored } from "../../k8s/kinds.ts";
import { KINDS } from "../../k8s/kinds.ts";
import { badRequest, type ApiError } from "../../k8s/errors.ts";
import { err, ok, type Result } from "../../util/result.ts";
import type { Store } from "../store.ts";

/**
 * Placeholder admission: schema check only. The validation work replaces this with the API
 * server's defaulting (pkg/apis/core/v1/defaults.go) and validation (validation.go).
 * `input` is decoded (kind and apiVersion known); `old` is the stored object on update.
 */
export function admit<K extends Kind>(
  kind: K,
  input: unknown,
  old: Stored<KindMap[K]> | undefined,
  _store: Store,
): Result<KindMap[K], ApiError> {
  const parsed = KINDS[kind].schema.safeParse(input);
  if (!parsed.success) return err(badRequest(parsed.error.message));
  void old;
  return ok(parsed.data as KindMap[K]);
}
