/** A modal dialog: focus moves in, Esc or the close button closes it, focus returns after. */
import { button, el, type Child } from "./dom.ts";

export interface Modal {
  close(): void;
  box: HTMLElement;
}

export function openModal(host: HTMLElement, title: string, body: Child | Child[], opts: { onClose?: () => void; actions?: HTMLElement[]; wide?: boolean } = {}): Modal {
  const previous = document.activeElement as HTMLElement | null;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    overlay.remove();
    opts.onClose?.();
    previous?.focus?.();
  };
  const closeBtn = button("Close (Esc)", close);
  const box = el("div", { class: `modal-box${opts.wide ? " wide" : ""}` }, [
    el("div", { class: "modal-head" }, [el("h2", {}, title), el("div", { class: "spacer" }), ...(opts.actions ?? []), closeBtn]),
    el("div", { class: "modal-body" }, body),
  ]);
  const overlay = el("div", { class: "modal", role: "dialog", "aria-label": title }, box);
  overlay.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
    }
  });
  host.append(overlay);
  (opts.actions?.[0] ?? closeBtn).focus();
  return { close, box };
}
