// Debugging beyond one step, and a run shown at a speed a room can follow. Step over, Finish and
// Run to cursor are made of the core's step and run with a temporary breakpoint, so Back undoes
// them step by step like any run. The speed control turns Run and Continue into an animation: one
// instruction at a time at the chosen rate, the registers, memory and the source line following.
import { $, hex4 } from "./util.js";
import { breakpointLines } from "./editor.js";
import { setting, keepSetting } from "./storage.js";

/** Instructions a second a shown run may take; 0 is full speed. */
export const SPEEDS = [0, 100, 20, 10, 5, 2, 1];
/** Finish steps from the page; a routine that takes longer than this is left running to a Stop. */
const FINISH_LIMIT = 1000000;

let app;
let dbg;
let stopAsked = false;

export function initLecture(a, page) {
  app = a;
  dbg = page.debuggerApi;
  const speed = $("#speed");
  speed.innerHTML = SPEEDS.map((v) => `<option value="${v}">${v ? v + " / s" : "full"}</option>`).join("");
  speed.value = String(SPEEDS.includes(setting("speed", 0)) ? setting("speed", 0) : 0);
  speed.onchange = () => keepSetting("speed", Number(speed.value));
  app.lecture = { animated: () => Number($("#speed").value) > 0, animate };
  // Stop ends a shown run, a finish and a run to a temporary breakpoint as it ends a run.
  $("#btn-stop").addEventListener("click", () => { stopAsked = true; });
  $("#btn-over").onclick = stepOver;
  $("#btn-finish").onclick = finish;
  $("#btn-cursor").onclick = runToCursor;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Run (from the start) or Continue, one instruction at a time at the speed chosen. */
export async function animate(fromStart) {
  const d = app.dbg;
  if (d.running) return;
  if (!(await dbg.ensureLoaded(false))) return;
  if (fromStart) { d.echoes = []; dbg.render(await app.core.call("reset", d.sid)); }
  if (d.state.stopped) { dbg.render(d.state, "the program has stopped: reset it or go back"); return; }
  stopAsked = false;
  dbg.setRunning(true);
  let s = d.state, n = 0, note = null;
  while (true) {
    const rate = Number($("#speed").value) || 1000;
    const t0 = performance.now();
    d.runStart = d.state; // each shown step highlights what it changed
    s = await app.core.call("run", d.sid, 1);
    if (s.error) break;
    n++;
    dbg.render(s, `showing the run at ${rate} instructions a second: ${n} so far (Stop ends it)`);
    if (s.stopped) break;
    if (s.breakpoint) { note = "breakpoint at " + hex4(s.pc) + "h"; break; }
    if (s.waitingForInput) break;
    if (stopAsked) { note = "stopped at " + hex4(s.pc) + "h (Back undoes the last steps)"; break; }
    await sleep(Math.max(0, 1000 / rate - (performance.now() - t0)));
    if (stopAsked) { note = "stopped at " + hex4(s.pc) + "h (Back undoes the last steps)"; break; }
  }
  d.runStart = null;
  dbg.setRunning(false);
  d.resumeOnInput = !!s.waitingForInput;
  if (s.waitingForInput) $("#console-in").focus();
  dbg.render(s, note);
}

/** The next instruction's length and text, or null when the program has stopped. */
function next() {
  const s = app.dbg.state;
  if (!s || s.stopped || !s.next) return null;
  return { address: s.next.address, length: s.next.bytes.split(" ").length, text: s.next.text };
}

/** Runs on (at full speed, or shown) until the PC reaches {@code address} or a breakpoint. */
async function runTo(address, what) {
  const d = app.dbg;
  const addrs = (await dbg.breakpointAddresses()).concat([hex4(address)]);
  await app.core.call("setBreakpoints", d.sid, addrs.join(" "));
  try {
    await dbg.doRun(false);
  } finally {
    await dbg.syncBreakpoints();
  }
  if (d.state && !d.state.stopped && d.state.pc === address && !d.running) dbg.render(d.state, `${what} at ${hex4(address)}h`);
}

/** Step over: a call runs until it returns to the next instruction; anything else is one step. */
export async function stepOver() {
  const d = app.dbg;
  if (d.running) return;
  if (!(await dbg.ensureLoaded(false))) return;
  const n = next();
  if (!n) return dbg.doStep();
  if (!/^call\b/.test(n.text)) return dbg.doStep();
  return runTo((n.address + n.length) & 0xFFFF, "stepped over " + n.text + ": back");
}

/** Run to cursor: on to the first instruction of the editor's line under the cursor. */
export async function runToCursor() {
  const d = app.dbg;
  if (d.running) return;
  if (!(await dbg.ensureLoaded(false))) return;
  const build = app.builds[d.loadedFrom];
  if (d.loadedFrom !== d.cpu || !build || !build.ok) {
    dbg.render(d.state, "run to cursor follows the editor's lines: it needs the editor's build on its own CPU");
    return;
  }
  const view = app.editor;
  const line = view.state.doc.lineAt(view.state.selection.main.head).number;
  const row = build.listing.find((r) => r.line >= line);
  if (!row) { dbg.render(d.state, `no instruction on line ${line} or after it`); return; }
  await runTo(row.address, `ran to the cursor (line ${row.line})`);
}

/**
 * Finish: runs until the routine the PC is in returns — a return that leaves the stack pointer
 * above where it is now — or a breakpoint, or the end. It steps, so Back undoes it step by step.
 */
export async function finish() {
  const d = app.dbg;
  if (d.running) return;
  if (!(await dbg.ensureLoaded(false))) return;
  if (d.state.stopped) { dbg.render(d.state, "the program has stopped: reset it or go back"); return; }
  const sp = (s) => (s.registers.find((r) => r.name === "sp") || { value: 0 }).value;
  const sp0 = sp(d.state);
  const breakpoints = new Set((await dbg.breakpointAddresses()).map((h) => parseInt(h, 16)));
  stopAsked = false;
  dbg.setRunning(true);
  d.runStart = d.state;
  let s = d.state, note = "finish: the program ended before a return", last = performance.now();
  for (let n = 0; ; n++) {
    s = await app.core.call("step", d.sid);
    if (s.error || s.stopped || s.waitingForInput) { note = null; break; }
    if (s.step && /^ret\b/.test(s.step.instruction) && sp(s) > sp0) { note = `finish: returned to ${hex4(s.pc)}h`; break; }
    if (breakpoints.has(s.pc)) { note = "breakpoint at " + hex4(s.pc) + "h"; break; }
    if (stopAsked) { note = "stopped at " + hex4(s.pc) + "h (Back undoes the last steps)"; break; }
    if (n >= FINISH_LIMIT) { note = `finish: no return after ${FINISH_LIMIT} instructions; Continue runs on`; break; }
    if (performance.now() - last > 100) { last = performance.now(); dbg.render(s, "finishing…"); await sleep(0); }
  }
  dbg.setRunning(false);
  d.resumeOnInput = false;
  dbg.render(s, note);
}
