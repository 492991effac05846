// The misdecode, live: one binary loaded on both CPUs and stepped in lockstep. The bytes are drawn
// as a row of cells with each CPU's instruction boundaries as boxes above (Armistice) and below
// (Intellio), the bytes one CPU ate as operands where the other began an instruction, the point
// where they part, and how each run ends — all from the real decoders' steps.
import { $, esc, hex4, hex2 } from "./util.js";

const CPUS = ["armistice", "intellio"];
const NAMES = { armistice: "Armistice", intellio: "Intellio" };
/** The budget `toyisa compare` gives each CPU: a comparison is for looking at. */
const BUDGET = 10000;
/** Instructions drawn per CPU; a longer run is finished without drawing each step. */
const DRAWN = 64;
const ORIGIN = 0x100;
/** Bytes a row of the drawing holds: 16, or 8 where the width is short (a phone, large type on a small screen). */
function bytesPerRow() {
  const pic = $("#md-picture");
  const em = parseFloat(getComputedStyle(pic).fontSize) || 14;
  return pic.clientWidth > 0 && pic.clientWidth / em < 48 ? 8 : 16;
}

let app;
const md = { key: null, source: "intellio", bytes: [], runs: null, busy: false };

export function initMisdecode(a) {
  app = a;
  $("#md-step").onclick = () => serial(stepBoth);
  $("#md-back").onclick = () => serial(backBoth);
  $("#md-run").onclick = () => serial(runBoth);
  $("#md-reset").onclick = () => serial(() => load(true));
  for (const r of document.querySelectorAll('input[name="md-source"]')) r.onchange = () => serial(() => load(true));
  $("#md-hex").onchange = () => { $('input[name="md-source"][value="hex"]').checked = true; serial(() => load(true)); };
  app.listeners.push(() => { if ($("#view-misdecode").classList.contains("active")) serial(() => load(false)); });
  app.core.restartListeners.push(() => { md.key = null; md.runs = null; });
  // The X-ray of a box reads the same bytes on both CPUs.
  app.misdecode = { bytes: () => md.bytes.map(hex2).join(" ") };
  let resized = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(() => { if ($("#view-misdecode").classList.contains("active")) draw(); }, 100);
  });
}

/** Loads the view's bytes if they changed, and draws it again (to the width it has now). */
export function refreshMisdecode() {
  return serial(async () => { await load(false); draw(); });
}

let queue = Promise.resolve();
function serial(f) {
  queue = queue.then(f).catch((e) => { $("#md-notes").textContent = String(e); });
  return queue;
}

/** The bytes typed into the view, as a build: {ok, bytes} or a message. */
function typedBytes() {
  const text = $("#md-hex").value.replace(/[\s,]+/g, " ").trim();
  if (!/^([0-9A-Fa-f]{2}( |$))*$/.test(text)) return { ok: false, error: "the bytes must be pairs of hex digits, e.g. 20 10 22 2A" };
  if (!text) return { ok: false, error: "type some bytes in hex first" };
  return { ok: true, bytes: text.toUpperCase() };
}

async function load(force) {
  const source = document.querySelector('input[name="md-source"]:checked').value;
  const build = source === "hex" ? typedBytes() : app.builds[source];
  if (build && build.error && source === "hex") {
    md.runs = null;
    md.key = null;
    $("#md-picture").innerHTML = "";
    $("#md-notes").textContent = build.error;
    return;
  }
  if (!build || !build.ok) {
    md.runs = null;
    md.key = null;
    $("#md-picture").innerHTML = "";
    $("#md-notes").textContent = `The source does not assemble for ${NAMES[source]}: fix it in the editor first.`;
    return;
  }
  const key = source + "|" + build.bytes;
  if (!force && md.key === key && md.runs && md.runs.every((r) => r.sid)) return;
  if (md.runs) for (const r of md.runs) if (r.sid) app.core.call("dispose", r.sid);
  md.key = key;
  md.source = source;
  md.bytes = build.bytes ? build.bytes.split(" ").map((h) => parseInt(h, 16)) : [];
  md.runs = [];
  const text = await app.core.call("compare", build.bytes, BUDGET);
  $("#md-text").textContent = text.error || text.text;
  for (const cpu of CPUS) {
    const s = await app.core.call("load", cpu, build.bytes, "", BUDGET, 0);
    if (s.error) throw new Error(s.error);
    md.runs.push({ cpu, sid: s.id, steps: [], state: s, beyond: 0 });
  }
  draw();
}

async function stepBoth() {
  await load(false);
  if (!md.runs) return;
  for (const r of md.runs) {
    if (r.state.stopped) continue;
    const s = await app.core.call("step", r.sid);
    if (s.error) throw new Error(s.error);
    r.state = s;
    if (s.step) r.steps.push(s.step);
  }
  draw();
}

async function backBoth() {
  if (!md.runs) return;
  // Lockstep backwards: the CPU that took more steps goes back first.
  const most = Math.max(...md.runs.map((r) => r.steps.length));
  for (const r of md.runs) {
    if (r.steps.length === 0 || r.steps.length < most || r.beyond) continue;
    const s = await app.core.call("back", r.sid, 1);
    if (s.error) throw new Error(s.error);
    r.state = s;
    r.steps.pop();
  }
  draw();
}

async function runBoth() {
  await load(false);
  if (!md.runs) return;
  while (md.runs.some((r) => !r.state.stopped && r.steps.length < DRAWN)) {
    for (const r of md.runs) {
      if (r.state.stopped || r.steps.length >= DRAWN) continue;
      const s = await app.core.call("step", r.sid);
      r.state = s;
      if (s.step) r.steps.push(s.step);
    }
  }
  for (const r of md.runs) {
    if (r.state.stopped) continue;
    const before = r.state.steps;
    const s = await app.core.call("run", r.sid, BUDGET);
    r.state = s;
    r.beyond = s.steps - before;
  }
  draw();
}

// ------------------------------------------------------------------ the analysis

/** Index of the first step at each address (a loop's instructions are drawn once). */
function firsts(steps) {
  const seen = new Map();
  steps.forEach((s, i) => { if (!seen.has(s.pc)) seen.set(s.pc, i); });
  return seen;
}

function isIllegal(s) {
  return s.outcome === "FAULT" && s.instruction === "(illegal)";
}

/** Bytes one CPU took as operands where the other began an instruction. */
function eatenBytes(runs) {
  const out = [];
  for (let i = 0; i < 2; i++) {
    const a = runs[i], b = runs[1 - i];
    const fa = firsts(a.steps), fb = firsts(b.steps);
    a.steps.forEach((x, xi) => {
      if (fa.get(x.pc) !== xi || isIllegal(x)) return;
      b.steps.forEach((y, yi) => {
        if (fb.get(y.pc) !== yi) return;
        const offset = (y.pc - x.pc) & 0xFFFF;
        if (offset === 0 || offset >= x.length) return;
        const len = Math.min(y.length, x.length - offset);
        const bytes = x.bytes.split(" ").slice(offset, offset + len);
        out.push({ eater: a.cpu, n: xi + 1, insn: x.instruction, at: x.pc, address: y.pc, bytes, other: b.cpu, m: yi + 1, otherInsn: y.instruction });
      });
    });
  }
  return out;
}

/** The first instruction at which the two CPUs read different bytes. */
function parting(runs) {
  const [x, y] = runs.map((r) => r.steps);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i].pc !== y[i].pc || x[i].length !== y[i].length) {
      const address = x[i].pc === y[i].pc ? x[i].pc + Math.min(x[i].length, y[i].length) : Math.min(x[i].pc, y[i].pc);
      return { n: i + 1, a: x[i], b: y[i], address };
    }
  }
  return null;
}

function signalName(status) {
  return { 132: "SIGILL", 139: "SIGSEGV", 135: "SIGBUS", 136: "SIGFPE", 159: "SIGSYS" }[status] || "";
}

function ending(r) {
  const s = r.state;
  if (!s.stopped) return `${NAMES[r.cpu]}: still running at ${hex4(s.pc)}h after ${s.steps} instructions`;
  let t = `${NAMES[r.cpu]}: `;
  if (s.fault) {
    const sig = signalName(s.exitStatus);
    t += `${s.fault.signal}${sig ? " (" + sig + ")" : ""} at ${hex4(s.fault.pc)}h (bytes ${s.fault.bytes}` +
      (s.fault.instruction === "(illegal)" ? "" : ": " + s.fault.instruction) + ")";
  } else if (s.outcome === "BUDGET") {
    t += `hang: the budget of ${s.steps} instructions ran out at ${hex4(s.pc)}h`;
  } else if (s.outcome === "OUTPUT_CAP") {
    t += "output cap exceeded";
  } else {
    t += s.outcome === "HALT" ? "halt" : "exit";
  }
  t += ` after ${s.steps} instruction${s.steps === 1 ? "" : "s"}; printed ${s.output ? JSON.stringify(s.output) : "nothing"}; exit status ${s.exitStatus}`;
  return t;
}

// ------------------------------------------------------------------ drawing

function draw() {
  const runs = md.runs;
  if (!runs) return;
  const eaten = eatenBytes(runs);
  const part = parting(runs);
  const eatenSet = new Set();
  for (const e of eaten) e.bytes.forEach((_, k) => eatenSet.add(e.address + k));
  let end = ORIGIN + md.bytes.length;
  for (const r of runs) for (const s of r.steps) if (s.pc >= ORIGIN && s.pc < ORIGIN + 256) end = Math.max(end, s.pc + s.length);
  end = Math.min(end, ORIGIN + 128);
  const perRow = bytesPerRow();
  let html = "";
  for (let row = ORIGIN; row < end; row += perRow) {
    const rowEnd = Math.min(end, row + perRow);
    // The row takes the width there is: each byte a column of an equal share, boxes wrap their text.
    html += `<div class="md-row" style="grid-template-columns: var(--md-label) repeat(${rowEnd - row}, minmax(0, 1fr)); width: calc(var(--md-label) + (100% - var(--md-label)) * ${end - ORIGIN <= perRow ? 1 : (rowEnd - row) / perRow}); max-width: calc(var(--md-label) + ${rowEnd - row} * 8em)">`;
    let line = 1;
    const boxLines = (r) => {
      const rows = layout(r, row, rowEnd);
      let h = "";
      for (const boxes of rows) {
        h += `<div class="md-label cpu-${r.cpu}" style="grid-row:${line};grid-column:1">${NAMES[r.cpu]}</div>`;
        for (const b of boxes) {
          const cls = ["md-box", r.cpu, b.dead ? "dead" : "", b.current ? "current" : ""].join(" ");
          h += `<div class="${cls}" data-cpu="${r.cpu}" data-pc="${b.pc}" data-n="${b.n}" title="${esc(`#${b.n} ${hex4(b.pc)}h ${b.bytes}  ${b.text} (click: the X-ray)`)}" ` +
            `style="grid-row:${line};grid-column:${b.col + 2} / span ${b.span}"><span class="md-text">${b.n}${b.dead ? "!" : ""} ${esc(b.text)}</span></div>`;
        }
        line++;
      }
      return h;
    };
    html += boxLines(runs[0]);
    html += `<div class="md-label" style="grid-row:${line};grid-column:1">${hex4(row)}h +</div>`;
    for (let a = row; a < rowEnd; a++) html += `<div class="md-addr" style="grid-row:${line};grid-column:${a - row + 2}">${hex2(a - row)}</div>`;
    line++;
    html += `<div class="md-label" style="grid-row:${line};grid-column:1">bytes</div>`;
    for (let a = row; a < rowEnd; a++) {
      const i = a - ORIGIN;
      const v = i < md.bytes.length ? md.bytes[i] : 0;
      const cls = ["md-cell", eatenSet.has(a) ? "eaten" : "", part && part.address === a ? "part" : ""].join(" ");
      html += `<div class="${cls}" data-addr="${a}" style="grid-row:${line};grid-column:${a - row + 2}">${hex2(v)}</div>`;
    }
    line++;
    html += boxLines(runs[1]);
    html += "</div>";
  }
  $("#md-picture").innerHTML = html;

  for (const r of runs) {
    $("#md-list-" + r.cpu).innerHTML = r.steps.map((s) =>
      `<li class="${isIllegal(s) || s.outcome === "FAULT" ? "dead" : ""}">${hex4(s.pc)}h  ${esc(s.bytes.padEnd(11))}  ${esc(s.instruction)}</li>`).join("") +
      (r.beyond ? `<li class="more">… and ${r.beyond} more instructions, not drawn</li>` : "");
  }

  let notes = `<p>${md.bytes.length} bytes ${md.source === "hex" ? "typed here" : "of the " + NAMES[md.source] + " build"} at 0100h. ` +
    `Step ${Math.max(...runs.map((r) => r.steps.length))} of the lockstep.</p>`;
  for (const e of eaten) {
    notes += `<p class="eaten-note"><span class="cpu-${e.eater}">${NAMES[e.eater]} #${e.n} ${esc(e.insn)}</span> (${hex4(e.at)}h) ate ` +
      `<b>${e.bytes.join(" ")}</b> at ${hex4(e.address)}h, which <span class="cpu-${e.other}">${NAMES[e.other]} ran as #${e.m} ${esc(e.otherInsn)}</span></p>`;
  }
  if (part) {
    notes += `<p class="part-note">They part ways at instruction ${part.n}: Armistice reads ${part.a.length} bytes at ${hex4(part.a.pc)}h, ` +
      `Intellio ${part.b.length} at ${hex4(part.b.pc)}h.</p>`;
  }
  for (const r of runs) notes += `<p class="ending cpu-${r.cpu}" data-cpu="${r.cpu}">${esc(ending(r))}</p>`;
  $("#md-notes").innerHTML = notes;
}

/** The boxes of one CPU within a row of cells; an instruction overlapping another goes to a new line. */
function layout(r, from, to) {
  const lines = [];
  const seen = new Set();
  const last = r.steps.length - 1;
  r.steps.forEach((s, n) => {
    if (seen.has(s.pc)) return;
    seen.add(s.pc);
    const a = s.pc, e = s.pc + s.length;
    if (e <= from || a >= to) return;
    const col = Math.max(a, from) - from;
    const span = Math.min(e, to) - Math.max(a, from);
    const box = { pc: s.pc, n: n + 1, col, span, bytes: s.bytes, text: s.instruction, dead: s.outcome === "FAULT", current: n === last };
    let target = lines.find((l) => l.every((b) => b.col + b.span <= col || col + span <= b.col));
    if (!target) { target = []; lines.push(target); }
    target.push(box);
  });
  if (lines.length === 0) lines.push([]);
  return lines;
}
