// Keyboard shortcuts for the debugger, in the keys MARS and RARS users know (F5 go, F7 step, F8
// back) and the IDE debuggers' (F10 step over, Shift+F11 finish, Ctrl+F10 run to cursor, F9
// breakpoint, Shift+F5 stop), and the overlay that lists them: ? or the ? button.
import { $, esc } from "./util.js";
import { stepOver, finish, runToCursor } from "./lecture.js";
import { toggleBreakpoint } from "./editor.js";

let app;
let showView, debuggerApi;

/** Each shortcut: its keys (as the overlay writes them), what it does, and the button it is. */
export const SHORTCUTS = [
  { keys: ["F5"], what: "Run from the start, or Continue when paused", button: "#btn-continue", run: () => (debuggerApi.started() ? click("#btn-continue") : click("#btn-run")) },
  { keys: ["F7"], what: "Step: one instruction", button: "#btn-step", run: () => click("#btn-step") },
  { keys: ["F10"], what: "Step over: a call runs until it returns", button: "#btn-over", run: () => stepOver() },
  { keys: ["Shift+F11"], what: "Finish: run until this routine returns", button: "#btn-finish", run: () => finish() },
  { keys: ["F8"], what: "Back: undo one instruction exactly", button: "#btn-back", run: () => click("#btn-back") },
  { keys: ["Shift+F5"], what: "Stop the running program", button: "#btn-stop", run: () => click("#btn-stop") },
  { keys: ["Ctrl+Shift+F5"], what: "Reset: load the program again", button: "#btn-reset", run: () => click("#btn-reset") },
  { keys: ["Ctrl+F10"], what: "Run to cursor: on to the editor's line under the cursor", button: "#btn-cursor", run: () => runToCursor() },
  { keys: ["F9"], what: "Breakpoint on the editor's line under the cursor (on or off)", run: () => toggleAtCursor() },
  { keys: ["?"], what: "This list of keys", run: () => openHelp() },
  { keys: ["Esc"], what: "Close this list, or the X-ray" },
];

function click(sel) {
  const b = $(sel);
  if (b && !b.disabled) b.click();
}

function toggleAtCursor() {
  const v = app.editor;
  toggleBreakpoint(v, v.state.selection.main.head);
}

/** The key as the table writes it: Ctrl+Shift+F5. */
function combo(e) {
  return (e.ctrlKey || e.metaKey ? "Ctrl+" : "") + (e.shiftKey ? "Shift+" : "") + (e.altKey ? "Alt+" : "") + e.key;
}

function typing(e) {
  const t = e.target;
  return t && (t.closest(".cm-editor") || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
}

export function openHelp() {
  $("#keys-help").hidden = false;
  $("#keys-close").focus();
}

function closeHelp() {
  $("#keys-help").hidden = true;
}

export function initKeys(a, page) {
  app = a;
  ({ showView, debuggerApi } = page);
  $("#keys-table tbody").innerHTML = SHORTCUTS.map((s) =>
    `<tr><td>${s.keys.map((k) => `<kbd>${esc(k)}</kbd>`).join(" ")}</td><td>${esc(s.what)}</td></tr>`).join("");
  for (const s of SHORTCUTS) {
    const b = s.button && $(s.button);
    if (b && !b.title.includes("(" + s.keys[0] + ")")) b.title += ` (${s.keys.join(", ")})`;
  }
  $("#btn-run").title += " (F5 when not started)";
  $("#keys-open").onclick = openHelp;
  $("#keys-close").onclick = closeHelp;
  $("#keys-help").onclick = (e) => { if (e.target.id === "keys-help") closeHelp(); };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("#keys-help").hidden) { closeHelp(); e.preventDefault(); return; }
    if (e.key === "?" && !typing(e)) { openHelp(); e.preventDefault(); return; }
    const k = combo(e);
    const s = SHORTCUTS.find((x) => x.keys.includes(k) && /F\d/.test(k));
    if (!s) return;
    e.preventDefault();
    // In the misdecode view, F5, F7 and F8 drive its lockstep.
    const lockstep = { F5: "#md-run", F7: "#md-step", F8: "#md-back" }[k];
    if (lockstep && $("#view-misdecode").classList.contains("active")) { click(lockstep); return; }
    // Otherwise the function keys are the debugger's wherever the focus is (the editor too); they bring its view.
    if (!$("#view-code").classList.contains("active")) showView("code");
    s.run();
  });
}
