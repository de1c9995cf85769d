/**
 * Some field errors print a Go struct with %#v, e.g. the famous
 * `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`.
 *
 * errors.ts's goValue quotes strings and prints plain maps; a value made by `goLiteral` prints
 * verbatim. Workaround: goValue falls back to String(v) for non-objects, so the literal is a
 * function whose toString returns the text. (Core change proposed: let goValue accept
 * `{ goString: string }` and drop this trick.)
 */
export type GoLiteral = (() => string) & { goString: string };

export function goLiteral(text: string): GoLiteral {
  const f = (() => text) as GoLiteral;
  f.goString = text;
  f.toString = () => text;
  return f;
}

const q = (s: string): string => JSON.stringify(s);

function goStringMap(m: Record<string, string> | undefined): string {
  if (!m) return "map[string]string(nil)";
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(m[k])}`).join(", ")}}`;
}

function goStrings(v: string[] | undefined): string {
  return v ? `[]string{${v.map(q).join(", ")}}` : "[]string(nil)";
}

interface SelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** %#v of a metav1.LabelSelector. */
export function goLabelSelector(sel: SelectorLike | undefined): GoLiteral {
  if (!sel) return goLiteral("null");
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${goStrings(e.values)}}`)
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return goLiteral(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`);
}

/** %#v of a core.Toleration. */
export function goToleration(t: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number | null }): GoLiteral {
  const secs = t.tolerationSeconds === undefined || t.tolerationSeconds === null ? "(*int64)(nil)" : `(*int64)(${t.tolerationSeconds})`;
  return goLiteral(
    `core.Toleration{Key:${q(t.key ?? "")}, Operator:${q(t.operator ?? "")}, Value:${q(t.value ?? "")}, Effect:${q(t.effect ?? "")}, TolerationSeconds:${secs}}`,
  );
}
