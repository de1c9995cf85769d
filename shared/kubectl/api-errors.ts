/**
 * How kubectl prints API errors (cmd/util/helpers.go checkErr / StandardErrorMessage):
 * `Error from server (NotFound): pods "x" not found`, and for Invalid errors the
 * `The Deployment "web" is invalid: <cause>` form, causes listed with `* ` when several.
 */
import type { ApiError } from "../k8s/errors.ts";

/** AddSourceToErr: `error when creating "STDIN": ` before the server's message. */
export interface ErrorSource {
  verb: "creating" | "replacing" | "applying" | "retrieving current configuration of" | "deleting" | "patching";
  source: string;
}

export function formatApiError(e: ApiError, source?: ErrorSource): string {
  if (e.reason === "Invalid") {
    const m = /^([A-Za-z]+)(?:\.[a-z0-9.-]+)? "([^"]*)" is invalid/.exec(e.message);
    const head = m ? `The ${m[1]} "${m[2]}" is invalid` : "The request is invalid";
    const causes = e.causes ?? [];
    if (causes.length === 0) return m ? e.message.replace(/^[^"]*"[^"]*" is invalid/, head) : head;
    if (causes.length === 1) return `${head}: ${causes[0].message}`;
    return `${head}: \n${causes.map((c) => `* ${c.message}`).join("\n")}`;
  }
  const msg = source ? `error when ${source.verb} "${source.source}": ${e.message}` : e.message;
  return `Error from server (${e.reason}): ${msg}`;
}
