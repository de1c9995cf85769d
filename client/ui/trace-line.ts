/** `kubectl trace web-1 --to svc/shop/orders:80` → what the trace panel needs. */
import { tokenize } from "../../shared/kubectl/tokenize.ts";

export function parseTraceLine(line: string): { from: string; to: string; port?: number } | undefined {
  const t = tokenize(line);
  if (!t.ok || t.stages.length !== 1) return undefined;
  let argv = t.stages[0];
  if (argv[0] === "kubectl" || argv[0] === "k") argv = argv.slice(1);
  if (argv[0] !== "trace") return undefined;
  let from: string | undefined;
  let to: string | undefined;
  let ns = "default";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--to") to = argv[++i];
    else if (a.startsWith("--to=")) to = a.slice(5);
    else if (a === "-n" || a === "--namespace") ns = argv[++i] ?? ns;
    else if (a.startsWith("--namespace=")) ns = a.slice(12);
    else if (!a.startsWith("-") && from === undefined) from = a;
  }
  if (!from || !to) return undefined;
  if (from.startsWith("pod/")) from = from.slice(4);
  if (!from.includes("/")) from = `${ns}/${from}`;
  const m = /^(.*):(\d+)$/.exec(to);
  return m ? { from, to: m[1], port: Number(m[2]) } : { from, to };
}
