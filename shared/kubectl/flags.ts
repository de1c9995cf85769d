/**
 * Command-line flags the way spf13/pflag parses them for kubectl: `--flag=value`,
 * `--flag value`, `-n value`, `-nvalue`, `-n=value`, grouped boolean shorthands (`-Aw`),
 * `--` ends flag parsing, and flags may appear anywhere among the arguments (interspersed).
 * Errors carry pflag's exact wording; the caller adds kubectl's `error: ` prefix and the
 * `See 'kubectl <cmd> --help' for usage.` line.
 */
import { err, ok, type Result } from "../util/result.ts";

export type FlagType = "bool" | "string" | "int" | "stringArray";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  usage: string;
  /** Shown in help as `--name=<default>`; also the value when the flag is absent. */
  default?: string | number | boolean;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  /** Values of the flags that were given, by long name. */
  flags: Map<string, FlagValue>;
  /** Positional arguments, in order (including those after `--`). */
  args: string[];
  /** Index in `args` where `--` appeared (cobra's ArgsLenAtDash), or -1. */
  dashAt: number;
}

/** pflag's name for a flag in `invalid argument` errors: `-n, --namespace` or `--replicas`. */
function flagTitle(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** strconv.ParseBool's accepted spellings. */
const BOOL_VALUES: Record<string, boolean> = {
  "1": true, t: true, T: true, true: true, TRUE: true, True: true,
  "0": false, f: false, F: false, false: false, FALSE: false, False: false,
};

function convert(spec: FlagSpec, raw: string): Result<FlagValue, string> {
  switch (spec.type) {
    case "bool": {
      const b = BOOL_VALUES[raw];
      if (b === undefined) return err(`invalid argument "${raw}" for "${flagTitle(spec)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return ok(b);
    }
    case "int": {
      if (!/^[+-]?\d+$/.test(raw)) return err(`invalid argument "${raw}" for "${flagTitle(spec)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 31 - 1) {
        return err(`invalid argument "${raw}" for "${flagTitle(spec)}" flag: strconv.ParseInt: parsing "${raw}": value out of range`);
      }
      return ok(n);
    }
    case "string":
    case "stringArray":
      return ok(raw);
  }
}

function store(flags: Map<string, FlagValue>, spec: FlagSpec, value: FlagValue): void {
  if (spec.type === "stringArray") {
    const prev = (flags.get(spec.name) as string[] | undefined) ?? [];
    flags.set(spec.name, [...prev, value as string]);
  } else flags.set(spec.name, value);
}

/** Parse `argv` against `specs`. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Result<ParsedArgs, string> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, FlagValue>();
  const args: string[] = [];
  let dashAt = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      dashAt = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      // pflag normalises `_` to `-` for kubectl (WordSepNormalizeFunc).
      const spec = byName.get(name.replace(/_/g, "-"));
      if (!spec || name === "") return err(`unknown flag: --${name}`);
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (spec.type === "bool") raw = "true";
      else if (i + 1 < argv.length) raw = argv[++i];
      else return err(`flag needs an argument: --${name}`);
      const v = convert(spec, raw);
      if (!v.ok) return v;
      store(flags, spec, v.value);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // A run of shorthands: each boolean takes no value; the first non-boolean takes the rest.
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) return err(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.type === "bool") {
          if (a[j + 1] === "=") {
            const v = convert(spec, a.slice(j + 2));
            if (!v.ok) return v;
            store(flags, spec, v.value);
            break;
          }
          store(flags, spec, true);
          continue;
        }
        let raw: string;
        if (j + 1 < a.length) raw = a[j + 1] === "=" ? a.slice(j + 2) : a.slice(j + 1);
        else if (i + 1 < argv.length) raw = argv[++i];
        else return err(`flag needs an argument: '${c}' in -${c}`);
        const v = convert(spec, raw);
        if (!v.ok) return v;
        store(flags, spec, v.value);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return ok({ flags, args, dashAt });
}

/** Typed readers over ParsedArgs with the spec's default as fallback. */
export class FlagReader {
  constructor(
    private readonly parsed: ParsedArgs,
    private readonly specs: readonly FlagSpec[],
  ) {}

  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }

  private spec(name: string): FlagSpec | undefined {
    return this.specs.find((s) => s.name === name);
  }

  str(name: string): string {
    const v = this.parsed.flags.get(name);
    if (typeof v === "string") return v;
    const d = this.spec(name)?.default;
    return typeof d === "string" ? d : "";
  }

  bool(name: string): boolean {
    const v = this.parsed.flags.get(name);
    if (typeof v === "boolean") return v;
    return this.spec(name)?.default === true;
  }

  int(name: string): number | undefined {
    const v = this.parsed.flags.get(name);
    if (typeof v === "number") return v;
    const d = this.spec(name)?.default;
    return typeof d === "number" ? d : undefined;
  }

  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : [];
  }
}
