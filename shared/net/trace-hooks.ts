/**
 * The hooks traceRoute uses when the caller passes none: cluster DNS, NetworkPolicy and the
 * application's answer, from the layers above the packet path (see README.md "Extension
 * points"). They delegate lazily: the L7 modules import trace.ts themselves, so binding them
 * at load time would be an import cycle.
 */
import type { TraceHooks } from "./trace-types.ts";
import { L7_TRACE_HOOKS } from "./traffic/trace-hooks-l7.ts";

export const DEFAULT_TRACE_HOOKS: TraceHooks = {
  resolve: (...a) => L7_TRACE_HOOKS.resolve!(...a),
  policy: (...a) => L7_TRACE_HOOKS.policy!(...a),
  answer: (...a) => L7_TRACE_HOOKS.answer!(...a),
};
