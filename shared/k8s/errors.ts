/**
 * API errors as the API server returns them (apimachinery/pkg/api/errors). kubectl prints
 * them as `Error from server (<reason>): <message>`.
 */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Forbidden"
  | "MethodNotAllowed"
  | "InternalError";

export interface ApiError {
  reason: StatusReason;
  code: number;
  message: string;
  /** For Invalid: one entry per field problem, `field: Invalid value: ...`. */
  causes?: { field: string; message: string }[];
}

/** `pods "web-0" not found` — the resource is the plural, lower-case, with the group: `deployments.apps`. */
export function notFound(resource: string, name: string): ApiError {
  return { reason: "NotFound", code: 404, message: `${resource} "${name}" not found` };
}

export function alreadyExists(resource: string, name: string): ApiError {
  return { reason: "AlreadyExists", code: 409, message: `${resource} "${name}" already exists` };
}

export function badRequest(message: string): ApiError {
  return { reason: "BadRequest", code: 400, message };
}

export function forbidden(message: string): ApiError {
  return { reason: "Forbidden", code: 403, message };
}

export function conflict(message: string): ApiError {
  return { reason: "Conflict", code: 409, message };
}

/** A field error, worded like field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export interface FieldError {
  field: string;
  type: "Invalid" | "Required" | "Forbidden" | "NotSupported" | "Duplicate" | "TooLong" | "NotFound";
  value?: unknown;
  detail?: string;
}

export function formatFieldError(e: FieldError): string {
  switch (e.type) {
    case "Required":
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ""}`;
    case "Forbidden":
      return `${e.field}: Forbidden${e.detail ? `: ${e.detail}` : ""}`;
    case "Duplicate":
      return `${e.field}: Duplicate value: ${goValue(e.value)}`;
    case "NotSupported":
      return `${e.field}: Unsupported value: ${goValue(e.value)}${e.detail ? `: ${e.detail}` : ""}`;
    case "NotFound":
      return `${e.field}: Not found: ${goValue(e.value)}`;
    case "TooLong":
      return `${e.field}: Too long: ${e.detail ?? ""}`;
    case "Invalid":
      return `${e.field}: Invalid value: ${goValue(e.value)}${e.detail ? `: ${e.detail}` : ""}`;
  }
}

/** How field errors print values: strings quoted, maps like Go's %#v (`map[string]string{"app":"web"}`). */
export function goValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  // A value already rendered as Go's %#v would print it (`v1.LabelSelector{...}`).
  if (v && typeof v === "object" && typeof (v as { goString?: unknown }).goString === "string") return (v as { goString: string }).goString;
  if (v === null || v === undefined) return "null";
  if (typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, x]) => typeof x === "string")) {
      return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(", ")}}`;
    }
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[]string{${v.map((x) => JSON.stringify(x)).join(", ")}}`;
  return String(v);
}

/** `Deployment.apps "web" is invalid: [a, b]` — one cause prints bare, several in brackets. */
export function invalid(kindWithGroup: string, name: string, errors: FieldError[]): ApiError {
  const msgs = errors.map(formatFieldError);
  const body = msgs.length === 1 ? msgs[0] : `[${msgs.join(", ")}]`;
  return {
    reason: "Invalid",
    code: 422,
    message: `${kindWithGroup} "${name}" is invalid: ${body}`,
    causes: errors.map((e) => ({ field: e.field, message: formatFieldError(e) })),
  };
}
