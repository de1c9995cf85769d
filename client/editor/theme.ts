/** A dark, high-contrast editor theme readable on a projector (large monospace text, light token colours). */
import { EditorView } from "@codemirror/view";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const theme = EditorView.theme(
  {
    "&": { color: "#e6e9ef", backgroundColor: "#0d1016", fontSize: "15px", height: "100%" },
    ".cm-content": { fontFamily: "'DejaVu Sans Mono', Menlo, monospace", caretColor: "#f0e442" },
    ".cm-gutters": { backgroundColor: "#141821", color: "#8a8f98", border: "none" },
    ".cm-activeLine": { backgroundColor: "#1b2130" },
    ".cm-activeLineGutter": { backgroundColor: "#1b2130" },
    "&.cm-focused .cm-selectionBackground, ::selection": { backgroundColor: "#56b4e955" },
    ".cm-scroller": { overflow: "auto" },
  },
  { dark: true },
);

/** Okabe–Ito hues, lightened for a dark background. */
const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: "#7cc7f2" },
  { tag: [t.string, t.special(t.string), t.content], color: "#e8dc6a" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "#f2b54a" },
  { tag: [t.comment, t.lineComment, t.meta], color: "#9aa3b5", fontStyle: "italic" },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: "#cfd6e4" },
  { tag: [t.keyword, t.typeName, t.labelName], color: "#e59ac4" },
]);

export const oneDarkish = [theme, syntaxHighlighting(highlight)];
