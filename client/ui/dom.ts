/**
 * DOM building without innerHTML: every string becomes a text node, so player names, chat and
 * kubectl output can never become markup.
 */
export type Child = Node | string | number | false | null | undefined;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, children: Child | Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? "" : v);
  }
  append(node, children);
  return node;
}

export function append(node: Node, children: Child | Child[]): void {
  for (const c of Array.isArray(children) ? children : [children]) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

export function button(label: string, onClick: () => void, variant: "primary" | "plain" | "danger" = "plain", attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el("button", { type: "button", class: `btn btn-${variant}`, ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

export function clear(node: Element): void {
  node.replaceChildren();
}

/** Minutes:seconds of a simulated duration (`12:05`, or `1:02:03` past an hour). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export function stars(n: number, of = 3): string {
  return "★".repeat(Math.max(0, Math.min(of, n))) + "☆".repeat(Math.max(0, of - Math.max(0, n)));
}
