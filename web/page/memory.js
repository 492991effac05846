// The memory and stack panel: an address box that reads the REPL's address expressions (sp, fp+4,
// a label, 0104h), a follow-sp mode that shows the stack with the call stack's frames, an ASCII
// column, each word in both byte orders, the symbol table on both CPUs, and edits while paused
// (a register, a flag or a memory word: the debugger journals them, so Back undoes an edit).
import { hex4, hex2, esc, $ } from "./util.js";

/** The assembler's labels object as setLabels takes it: "name address name address ...". */
export function labelPairs(labels) {
  return Object.entries(labels || {}).map(([name, addr]) => name + " " + addr).join(" ");
}

/** Runs shorter than this show no rate. */
const RATE_SHOWN_FROM = 100000;

/** A finished run's figures for the status line: instructions run and, for a long run, the rate. */
export function runFigures(r) {
  if (!r || !r.ran) return "";
  const mips = r.mips >= 10 ? r.mips.toFixed(0) : r.mips >= 0.1 ? r.mips.toFixed(2) : r.mips.toFixed(4);
  // Over a few instructions the rate measures the page's messages, not the core: long runs only.
  const rate = r.ran >= RATE_SHOWN_FROM ? `, ${mips} MIPS` : "";
  return `${r.ran.toLocaleString("en")} instructions run${rate}` +
    (r.historyForgotten ? ` (Back reaches only the last ${r.historyLimit.toLocaleString("en")} steps and runs past them)` : "");
}

function printable(b) {
  return b >= 0x20 && b < 0x7F ? String.fromCharCode(b) : ".";
}

/** Draws the memory table from the address the box names (or sp), the stack and the symbol table. */
export async function renderMemory(app) {
  const d = app.dbg;
  if (!d.sid || !d.state) return;
  const box = $("#mem-addr");
  const follow = $("#mem-follow-sp").checked;
  const text = follow ? "sp" : box.value.trim() || "0100h";
  const v = await app.core.call("evaluate", d.sid, text);
  $("#mem-error").textContent = v.error ? v.error : "";
  const at = v.error ? 0x100 : v.value;
  const addr = follow ? at & 0xFFFE : at & 0xFFF0;
  const m = await app.core.call("memory", d.sid, addr, 64);
  if (m.error) return;
  const bytes = m.bytes.split(" ").map((h) => parseInt(h, 16));
  const written = new Set((d.lastStep && d.lastStep.writes || []).map((w) => w.address));
  const pc = d.state.pc;
  const pcLen = !d.state.stopped ? d.state.next.bytes.split(" ").length : 0;
  const sp = spOf(d.state);
  let html = "";
  for (let row = 0; row < 4; row++) {
    const base = (addr + row * 16) & 0xFFFF;
    let b = `<tr><td class="addr">${hex4(base)}</td>`;
    let be = `<tr><td class="addr w">BE</td>`, le = `<tr><td class="addr w">LE</td>`;
    // The bytes as text, a character under each byte: a column of its own would not fit a projector.
    let ascii = `<tr class="ascii"><td class="addr w">chr</td>`;
    for (let k = 0; k < 16; k++) {
      const a = (base + k) & 0xFFFF;
      const cls = [written.has(a) ? "written" : "", a >= pc && a < pc + pcLen ? "pcbyte" : "", a === sp ? "spbyte" : ""].join(" ").trim();
      b += `<td class="${cls}" data-addr="${a}" title="${hex4(a)}h">${hex2(bytes[row * 16 + k])}</td>`;
      ascii += `<td class="ascii">${esc(printable(bytes[row * 16 + k]))}</td>`;
      if (k % 2 === 0) {
        const hi = bytes[row * 16 + k], lo = bytes[row * 16 + k + 1];
        be += `<td class="w" colspan="2">${hex2(hi)}${hex2(lo)}</td>`;
        le += `<td class="w" colspan="2">${hex2(lo)}${hex2(hi)}</td>`;
      }
    }
    html += b + "</tr>" + ascii + "</tr>" + be + "</tr>" + le + "</tr>";
  }
  $("#memory tbody").innerHTML = html;
  await renderStack(app, sp);
  renderSymbols(app);
}

function spOf(s) {
  const r = s.registers.find((x) => x.name === "sp");
  return r ? r.value : -1;
}

/**
 * The stack from sp up: one word per row in the CPU's byte order, the frames the call stack knows
 * marked where their return addresses lie (a call pushed it just below the sp it had before).
 */
async function renderStack(app, sp) {
  const d = app.dbg, s = d.state;
  const body = $("#stack tbody");
  if (sp < 0 || sp >= 0xFFFE && (s.frames || []).length === 0) {
    body.innerHTML = `<tr><td class="small">the stack is empty (sp=${hex4(sp)}h)</td></tr>`;
    return;
  }
  const n = Math.min(16, (0x10000 - sp) >> 1);
  const m = await app.core.call("memory", d.sid, sp, n * 2);
  if (m.error) return;
  const bytes = m.bytes.split(" ").map((h) => parseInt(h, 16));
  const big = s.cpu === "armistice";
  const marks = new Map();
  (s.frames || []).forEach((f, i) => {
    marks.set((f.sp - 2) & 0xFFFF, `#${i + 1} return to ${hex4(f.returnTo)}h from ${f.label ? esc(f.label) : hex4(f.entry) + "h"}` +
      ` (called at ${hex4(f.callSite)}h)`);
  });
  let html = "";
  for (let i = 0; i < n; i++) {
    const a = (sp + 2 * i) & 0xFFFF;
    const w = big ? bytes[2 * i] << 8 | bytes[2 * i + 1] : bytes[2 * i + 1] << 8 | bytes[2 * i];
    html += `<tr class="${marks.has(a) ? "frame" : ""}"><td class="addr">${i === 0 ? "sp→" : ""}${hex4(a)}</td><td>${hex4(w)}</td>` +
      `<td class="small">${marks.get(a) || ""}</td></tr>`;
  }
  body.innerHTML = html;
}

/** Every label with its address on each CPU (the same source assembles to different addresses). */
function renderSymbols(app) {
  const a = (app.builds.armistice && app.builds.armistice.labels) || {};
  const i = (app.builds.intellio && app.builds.intellio.labels) || {};
  const names = [...new Set([...Object.keys(a), ...Object.keys(i)])];
  names.sort((x, y) => (a[x] ?? i[x]) - (a[y] ?? i[y]) || x.localeCompare(y));
  const cell = (v) => v === undefined ? "—" : hex4(v) + "h";
  $("#symbols tbody").innerHTML = names.length === 0 ? `<tr><td class="small">the program has no labels</td></tr>`
    : names.map((n) => `<tr data-label="${esc(n)}"><td>${esc(n)}</td><td>${cell(a[n])}</td><td>${cell(i[n])}</td></tr>`).join("");
}

/** Wires the panel: the address box, follow sp, a click on a label, and the edit form. */
export function initMemory(app, render) {
  $("#mem-addr").onchange = () => renderMemory(app);
  $("#mem-follow-sp").onchange = () => renderMemory(app);
  $("#symbols").onclick = (e) => {
    const tr = e.target.closest("tr[data-label]");
    if (!tr) return;
    $("#mem-follow-sp").checked = false;
    $("#mem-addr").value = tr.dataset.label;
    renderMemory(app);
  };
  $("#edit-form").onsubmit = async (e) => {
    e.preventDefault();
    const d = app.dbg;
    if (!d.sid || d.running) return;
    const r = await app.core.call("edit", d.sid, $("#edit-target").value, $("#edit-value").value);
    if (r.error) { $("#edit-error").textContent = r.error; return; }
    $("#edit-error").textContent = "";
    render(r, `set ${$("#edit-target").value.trim()} (Back undoes it)`);
  };
}
