// The editor: CodeMirror 6 with the portable assembly's highlighting, live diagnostics from the
// real assembler, breakpoints in the gutter and the line of the PC.
import { EditorState, StateField, StateEffect, RangeSet } from "@codemirror/state";
import {
  EditorView, gutter, GutterMarker, Decoration, lineNumbers, highlightActiveLineGutter, highlightSpecialChars,
  drawSelection, dropCursor, rectangularSelection, crosshairCursor, highlightActiveLine, keymap,
} from "@codemirror/view";
import { StreamLanguage, indentOnInput, syntaxHighlighting, defaultHighlightStyle, HighlightStyle, bracketMatching } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { linter, lintGutter, lintKeymap } from "@codemirror/lint";

/**
 * CodeMirror's basic setup without what does not fit assembly: no bracket or quote closing (a
 * string is typed as it is), no folding, no completion pop-ups.
 */
const setup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(HighlightStyle.define([
    // The theme's colours (style.css), so the source reads in the light, dark and high-contrast themes.
    { tag: tags.keyword, color: "var(--hl-keyword)" },
    { tag: tags.number, color: "var(--hl-number)" },
    { tag: tags.string, color: "var(--hl-string)" },
    { tag: tags.comment, color: "var(--hl-comment)", fontStyle: "italic" },
    { tag: tags.labelName, color: "var(--hl-label)", fontWeight: "bold" },
    { tag: tags.special(tags.variableName), color: "var(--hl-register)" },
  ])),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  rectangularSelection(),
  crosshairCursor(),
  highlightActiveLine(),
  highlightSelectionMatches(),
  // Long lines wrap: the editor never scrolls sideways, on a phone or in large type.
  EditorView.lineWrapping,
  keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
];

const REGISTERS = new Set(["a", "b", "c", "d", "e", "f", "fp", "sp"]);
for (let i = 0; i < 16; i++) REGISTERS.add("r" + i);

/** The portable assembly: mnemonics, directives, registers, numbers (10h, 42), labels, comments. */
export const pasm = StreamLanguage.define({
  name: "pasm",
  startState: () => ({ first: true }),
  token(stream, state) {
    if (stream.sol()) state.first = true;
    if (stream.eatSpace()) return null;
    const ch = stream.peek();
    if (ch === ";") { stream.skipToEnd(); return "comment"; }
    if (ch === '"' || ch === "'") {
      stream.next();
      let escaped = false, c;
      while ((c = stream.next()) != null) {
        if (c === ch && !escaped) break;
        escaped = !escaped && c === "\\";
      }
      return "string";
    }
    if (stream.match(/^\.[A-Za-z_]\w*/)) { state.first = false; return "keyword"; }
    if (stream.match(/^[0-9][0-9A-Fa-f]*[hH](?![\w])/) || stream.match(/^0[xX][0-9A-Fa-f]+/) || stream.match(/^0[bB][01]+/) || stream.match(/^[0-9]+(?![\w])/)) {
      return "number";
    }
    if (stream.match(/^[A-Za-z_$][\w$.]*/)) {
      const word = stream.current().toLowerCase();
      if (stream.peek() === ":") { stream.next(); return "labelName"; }
      if (state.first) { state.first = false; return "keyword"; }
      return REGISTERS.has(word) ? "variableName.special" : "variableName";
    }
    stream.next();
    return "operator";
  },
  languageData: { commentTokens: { line: ";" } },
});

// ------------------------------------------------------------------ breakpoints

const breakpointEffect = StateEffect.define({ map: (v, mapping) => ({ pos: mapping.mapPos(v.pos), on: v.on }) });
const breakpointMarker = new (class extends GutterMarker {
  toDOM() { return document.createTextNode("●"); }
})();

export const breakpointState = StateField.define({
  create() { return RangeSet.empty; },
  update(set, tr) {
    set = set.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(breakpointEffect)) continue;
      if (e.value.on) set = set.update({ add: [breakpointMarker.range(e.value.pos)] });
      else set = set.update({ filter: (from) => from !== e.value.pos });
    }
    return set;
  },
});

/** Sets or clears the breakpoint on the line that holds {@code pos}. */
export function toggleBreakpoint(view, pos) {
  pos = view.state.doc.lineAt(pos).from;
  let on = true;
  view.state.field(breakpointState).between(pos, pos, () => { on = false; });
  view.dispatch({ effects: breakpointEffect.of({ pos, on }) });
}

/** The 1-based lines that carry a breakpoint. */
export function breakpointLines(view) {
  const lines = [];
  const iter = view.state.field(breakpointState).iter();
  for (; iter.value; iter.next()) lines.push(view.state.doc.lineAt(iter.from).number);
  return lines;
}

// ------------------------------------------------------------------ the PC's line

const pcEffect = StateEffect.define();
const pcLine = Decoration.line({ class: "cm-pc-line" });
const pcState = StateField.define({
  create() { return Decoration.none; },
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(pcEffect)) continue;
      const line = e.value;
      deco = line > 0 && line <= tr.state.doc.lines ? Decoration.set([pcLine.range(tr.state.doc.line(line).from)]) : Decoration.none;
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function showPcLine(view, line) {
  view.dispatch({ effects: pcEffect.of(line || 0) });
}

// ------------------------------------------------------------------ diagnostics

/** The character range a diagnostic at line:column points at: the word there. */
export function diagnosticRange(doc, line, column) {
  const l = doc.line(Math.max(1, Math.min(doc.lines, line)));
  const from = l.from + Math.max(0, Math.min(l.length, column - 1));
  const rest = doc.sliceString(from, l.to);
  const m = /^[^\s,\[\]()+\-*]+/.exec(rest);
  let to = from + (m ? m[0].length : 1);
  if (to > l.to) to = l.to;
  if (from === to) return { from: Math.max(l.from, from - 1), to: Math.max(from, l.from + (l.length ? 1 : 0)) };
  return { from, to };
}

/**
 * Builds the editor. {@code check(source)} returns the combined diagnostics of both builds
 * ({line, column, severity, message}); it is called on every pause in typing.
 */
export function createEditor(parent, doc, check, onBreakpoints) {
  const lint = linter(async (view) => {
    const diags = await check(view.state.doc.toString());
    return diags.map((d) => {
      const r = diagnosticRange(view.state.doc, d.line, d.column);
      return { from: r.from, to: r.to, severity: d.severity === "warning" ? "warning" : "error", message: d.message + (d.hint ? "\nhint: " + d.hint : "") };
    });
  }, { delay: 250 });
  const view = new EditorView({
    parent,
    doc,
    extensions: [
      breakpointState,
      gutter({
        class: "cm-breakpoint-gutter",
        markers: (v) => v.state.field(breakpointState),
        initialSpacer: () => breakpointMarker,
        domEventHandlers: {
          mousedown(v, line) {
            toggleBreakpoint(v, line.from);
            return true;
          },
        },
      }),
      setup,
      pasm,
      lint,
      lintGutter(),
      pcState,
      EditorView.updateListener.of((u) => {
        if (u.transactions.some((t) => t.effects.some((e) => e.is(breakpointEffect))) || (u.docChanged && onBreakpoints)) onBreakpoints();
      }),
    ],
  });
  return view;
}
