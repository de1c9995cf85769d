/**
 * The hooks traceRoute uses when the caller passes none. DNS, NetworkPolicy and application
 * answers are filled in here by their owners (see README.md "Extension points"); until then a
 * name does not resolve, every packet is allowed and no application hop is added.
 */
import type { TraceHooks } from "./trace-types.ts";

export const DEFAULT_TRACE_HOOKS: TraceHooks = {};
