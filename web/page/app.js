// toyisa in the browser: the page. Every byte, decode and run comes from the project's own Java
// core (assembler, interpreters, translator), compiled by TeaVM and run in a Web Worker.
import { Core } from "./core-client.js";
import { labelPairs, runFigures, renderMemory as renderMemoryPanel, initMemory } from "./memory.js";
import { createEditor, breakpointLines, showPcLine } from "./editor.js";
import { initMisdecode, refreshMisdecode } from "./misdecode.js";
import { initTranslation } from "./translation.js";
import { initTour } from "./tour.js";
import { initExercises } from "./exercises.js";
import { initStorage, initialSource, setting, keepSetting } from "./storage.js";
import { initXray } from "./xray.js";
import { initKeys } from "./keys.js";
import { initLecture } from "./lecture.js";
import { initTheme } from "./theme.js";
import { hex4, hex2, bytesHex, combineDiagnostics, esc, $ } from "./util.js";

const PRINT_42 = [
  "; Print(42): the same source for both CPUs",
  "mov a, 10h      ; HAL service 10h: print a number",
  "mov c, 42       ; the number",
  "int 13h         ; call the HAL",
  "halt",
  "",
].join("\n");

const CPUS = ["armistice", "intellio"];
const NAMES = { armistice: "Armistice", intellio: "Intellio" };

const app = {
  core: new Core(),
  builds: { armistice: null, intellio: null },
  print42: PRINT_42,
  source: "",
  listeners: [],
  dbg: { sid: null, key: null, cpu: "armistice", prev: null, state: null, running: false, lastStep: null, loadedFrom: null, echoes: [] },
};
window.toyisa = app; // for the console and the tests

// ------------------------------------------------------------------ assembling

let assembleSeq = 0;
async function assembleBoth(source) {
  const seq = ++assembleSeq;
  const [a, i] = await Promise.all(CPUS.map((cpu) => app.core.call("assemble", source, cpu)));
  if (seq !== assembleSeq) return null; // a newer edit is on its way
  app.source = source;
  app.builds = { armistice: a, intellio: i };
  renderBuilds();
  renderDiagnostics();
  for (const f of app.listeners) f();
  return app.builds;
}

/** Both builds' diagnostics, each once; one only a single CPU reports is tagged with it. */
function combinedDiagnostics() {
  const a = app.builds.armistice, i = app.builds.intellio;
  if (!a || !i) return [];
  return combineDiagnostics([["armistice", a], ["intellio", i]]);
}

function renderDiagnostics() {
  const box = $("#diagnostics");
  const diags = combinedDiagnostics();
  const err = app.builds.armistice && app.builds.armistice.error;
  if (err) { box.innerHTML = `<div class="error">${esc(err)}</div>`; return; }
  if (diags.length === 0) {
    box.innerHTML = `<div class="ok">assembled for both CPUs without a message</div>`;
    return;
  }
  box.innerHTML = diags.map((d) => `<div class="${d.severity}">${esc(d.text)}</div>`).join("");
}

function renderBuilds() {
  for (const cpu of CPUS) {
    const b = app.builds[cpu];
    const bytes = $("#bytes-" + cpu);
    const body = $("#listing-" + cpu + " tbody");
    if (!b || b.error || !b.ok) {
      bytes.textContent = b && b.error ? b.error : "no bytes: the source has errors for " + NAMES[cpu];
      body.innerHTML = "";
      continue;
    }
    const n = b.bytes ? b.bytes.split(" ").length : 0;
    bytes.innerHTML = `<span class="count">${n} bytes: ${esc(b.bytes)}</span> <span class="downloads"><button data-dl="bin" data-cpu="${cpu}" title="The raw binary, loaded at 0100h">.bin</button>` +
      `<button data-dl="txf" data-cpu="${cpu}" title="The TXF executable: header, segment, symbols, line table">.txf</button></span>`;
    body.innerHTML = b.listing.map((r) =>
      `<tr data-address="${r.address}" data-line="${r.line}" title="Click: the X-ray of this instruction"><td class="addr">${hex4(r.address)}</td><td>${esc(r.bytes)}</td><td>${esc(r.text)}</td></tr>`).join("");
  }
  highlightListing();
}

// ------------------------------------------------------------------ the debugger

function selectedCpu() {
  return document.querySelector('input[name="target"]:checked').value;
}

function programFor(cpu) {
  if (app.dbg.file) return { from: "file", build: { ok: true, bytes: app.dbg.file.hex } };
  const from = $("#wrong-build").checked ? CPUS.find((c) => c !== cpu) : cpu;
  return { from, build: app.builds[from] };
}

function hexToBytes(hex) {
  return Uint8Array.from(hex ? hex.split(" ") : [], (h) => parseInt(h, 16));
}

/** Saves a build as a file: the raw binary or the TXF executable. */
function download(cpu, kind) {
  const b = app.builds[cpu];
  if (!b || !b.ok) return;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([hexToBytes(kind === "txf" ? b.txf : b.bytes)], { type: "application/octet-stream" }));
  a.download = `program.${cpu}.${kind}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A binary from disk runs instead of the editor's build until it is closed. */
async function openBinary(file) {
  if (file.size > 0x20000) { setStatus("error", `${file.name} is too large for a program (${file.size} bytes; memory is 64 KiB)`); return; }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hex = bytesHex(bytes);
  app.dbg.file = { name: file.name, hex };
  $("#bin-name").textContent = file.name;
  $("#bin-close").hidden = false;
  await ensureLoaded(true);
}

async function closeBinary() {
  app.dbg.file = null;
  $("#bin-name").textContent = "";
  $("#bin-close").hidden = true;
  await ensureLoaded(true);
}

/** What would be loaded now: the selected CPU, whose build, its bytes, the input. */
function currentKey() {
  const cpu = selectedCpu();
  const { from, build } = programFor(cpu);
  return build && build.ok ? [cpu, from, build.bytes, $("#stdin").value].join("|") : null;
}

/** Says so when the machine on screen no longer runs what the editor holds. */
function noteStale() {
  const d = app.dbg;
  if (!d.sid || d.running || !d.state) return;
  if (currentKey() !== d.key) {
    renderStatus(d.state, "the program changed: Run, Step or Reset loads the new build (the machine below is the old one)");
  }
}

/** Loads the current build on the selected CPU unless that very program is loaded already. */
async function ensureLoaded(force) {
  const cpu = selectedCpu();
  const { from, build } = programFor(cpu);
  if (!build || !build.ok) {
    setStatus("error", `nothing to run: the source does not assemble for ${NAMES[from]} (see the messages under the editor)`);
    return false;
  }
  const input = $("#stdin").value;
  const key = currentKey();
  const d = app.dbg;
  if (!force && d.sid && d.key === key) return true;
  if (d.sid) app.core.call("dispose", d.sid);
  const s = await app.core.call("load", cpu, build.bytes, input, 0, 0);
  if (s.error) { setStatus("error", (from === "file" ? app.dbg.file.name + ": " : "") + s.error); return false; }
  d.sid = s.id; d.key = key; d.cpu = cpu; d.loadedFrom = from; d.prev = null; d.lastStep = null; d.resumeOnInput = false;
  await app.core.call("setInteractive", d.sid, true);
  if (build.labels) await app.core.call("setLabels", d.sid, labelPairs(build.labels));
  await syncBreakpoints();
  render(s);
  return true;
}

/** The gutter's breakpoints as addresses (hex) of the loaded build: each line's first instruction. */
function breakpointAddresses() {
  const build = app.builds[app.dbg.loadedFrom];
  const addrs = [];
  if (build && build.ok && app.editor) {
    for (const line of breakpointLines(app.editor)) {
      const row = build.listing.find((r) => r.line === line);
      if (row) addrs.push(hex4(row.address));
    }
  }
  return addrs;
}

async function syncBreakpoints() {
  const d = app.dbg;
  if (!d.sid || !app.editor) return;
  await app.core.call("setBreakpoints", d.sid, breakpointAddresses().join(" "));
}

function setRunning(on) {
  app.dbg.running = on;
  for (const id of ["#btn-run", "#btn-step", "#btn-back", "#btn-continue", "#btn-reset"]) $(id).disabled = on;
  $("#btn-stop").disabled = !on;
}

async function doRun(fromStart) {
  if (app.dbg.running) return;
  if (app.lecture && app.lecture.animated()) return app.lecture.animate(fromStart);
  if (!(await ensureLoaded(false))) return;
  if (fromStart) { app.dbg.echoes = []; render(await app.core.call("reset", app.dbg.sid)); }
  if (app.dbg.state && app.dbg.state.stopped) { render(app.dbg.state, "the program has stopped: reset it or go back"); return; }
  setRunning(true);
  app.dbg.runStart = app.dbg.state;
  setStatus("running", "running…");
  const r = await app.core.go(app.dbg.sid, (progress) => render(progress, "running… " + runFigures(progress)));
  app.dbg.lastRun = r;
  setRunning(false);
  if (r.abandoned) { app.dbg.sid = null; setStatus("error", r.error); return; }
  app.dbg.resumeOnInput = !!r.waitingForInput;
  if (r.waitingForInput) $("#console-in").focus();
  render(r, r.userStopped ? "stopped at " + hex4(r.pc) + "h (Back undoes the last steps)" : r.breakpoint ? "breakpoint at " + hex4(r.pc) + "h" : r.note || null);
  if (r.ran) $("#status").textContent += "\n" + runFigures(r);
}

async function doStep() {
  if (app.dbg.running) return;
  if (!(await ensureLoaded(false))) return;
  render(await app.core.call("step", app.dbg.sid));
}

async function doBack() {
  if (app.dbg.running || !app.dbg.sid) return;
  const r = await app.core.call("back", app.dbg.sid, 1);
  render(r, r.note || null);
}

async function doReset() {
  if (app.dbg.running) return;
  if (!(await ensureLoaded(true))) return;
}

async function doStop() {
  await app.core.stop(app.dbg.sid);
}

/** A line typed into the console goes to the program; a run that waited for it goes on. */
async function sendInput(eof) {
  const d = app.dbg;
  if (!d.sid || d.running) return;
  const field = $("#console-in");
  const r = eof ? await app.core.call("endInput", d.sid) : await app.core.call("input", d.sid, field.value + "\n");
  if (r.error) { setStatus("error", r.error); return; }
  // The line is echoed in the output where the program read it, as a terminal shows what is typed.
  if (!eof) d.echoes.push({ sid: d.sid, steps: r.steps, at: r.output.length, text: field.value + "\n" });
  field.value = "";
  render(r, r.note || null);
  if (d.resumeOnInput && !r.stopped) await doRun(false);
}

function render(s, note) {
  const d = app.dbg;
  if (s.error) { setStatus("error", s.error); return; }
  // Changes are shown against the state before the last action: a step, or a whole run.
  const before = d.running || d.runStart ? d.runStart : d.state;
  if (!d.running) d.runStart = null;
  d.prev = before && before.id === s.id ? before : null;
  d.state = s;
  d.lastStep = s.step || null;
  renderRegisters(s, d.prev);
  renderFlags(s, d.prev);
  $("#next").textContent = s.stopped ? "—" : `${hex4(s.next.address)}h  ${s.next.bytes}  ${s.next.text}`;
  if (s.stopped) delete $("#next").dataset.address; else $("#next").dataset.address = s.next.address;
  renderOutput(s);
  renderStatus(s, note);
  renderMemory();
  renderDecode();
  highlightListing();
}

/** The program's output with the lines typed into the console echoed where they were sent. */
function renderOutput(s) {
  const d = app.dbg;
  d.echoes = d.echoes.filter((e) => e.sid === s.id);
  let html = "", from = 0;
  for (const e of d.echoes.filter((x) => x.steps <= s.steps)) {
    const at = Math.min(e.at, s.output.length);
    html += esc(s.output.slice(from, at)) + `<span class="echo">${esc(e.text)}</span>`;
    from = at;
  }
  $("#stdout").innerHTML = html + esc(s.output.slice(from));
}

function renderRegisters(s, prev) {
  const body = $("#registers tbody");
  body.innerHTML = s.registers.map((r, i) => {
    const changed = prev && prev.registers[i] && prev.registers[i].value !== r.value;
    return `<tr class="${changed ? "changed" : ""}" data-reg="${esc(r.name)}"><td>${esc(r.name)}</td><td>${hex4(r.value)}</td><td>${r.value}</td></tr>`;
  }).join("");
}

function renderFlags(s, prev) {
  const names = s.flagNames;
  let html = "";
  for (let i = 0; i < names.length; i++) {
    const bit = 1 << (names.length - 1 - i);
    const set = (s.flags & bit) !== 0;
    const changed = prev && ((prev.flags & bit) !== 0) !== set;
    html += `<span class="${set ? "set" : ""} ${changed ? "changed" : ""}" data-flag="${names[i]}">${names[i]}=${set ? 1 : 0}</span>`;
  }
  $("#flags").innerHTML = html;
}

function renderStatus(s, note) {
  let cls = "running", text;
  switch (s.outcome) {
    case "HALT": cls = "halt"; text = `halted: exit status 0 after ${s.steps} instructions`; break;
    case "EXIT": cls = "halt"; text = `exited with status ${s.exitStatus} after ${s.steps} instructions`; break;
    case "FAULT": cls = "fault"; text = s.report.trimEnd() + `\nexit status ${s.exitStatus} after ${s.steps} instructions`; break;
    case "BUDGET": cls = "budget"; text = s.report.trimEnd() + `\nexit status ${s.exitStatus}`; break;
    case "OUTPUT_CAP": cls = "budget"; text = `${s.shellMessage}: exit status ${s.exitStatus}`; break;
    default:
      if (s.waitingForInput) {
        cls = "waiting";
        text = `${NAMES[s.cpu]} waits for input at ${hex4(s.pc)}h: type a line under the output and press Enter (or End input)`;
      } else {
        text = `${NAMES[s.cpu]}, ready at ${hex4(s.pc)}h after ${s.steps} instructions`;
      }
  }
  if (app.dbg.loadedFrom === "file" && app.dbg.file) text = `${app.dbg.file.name} (${s.format}) on ${NAMES[s.cpu]}: ` + text;
  else if (app.dbg.loadedFrom && app.dbg.loadedFrom !== s.cpu) text = `${NAMES[app.dbg.loadedFrom]} bytes on ${NAMES[s.cpu]}: ` + text;
  if (note) text = note + "\n" + text;
  setStatus(cls, text);
}

function setStatus(cls, text) {
  const el = $("#status");
  el.className = "status mono " + cls;
  el.textContent = text;
}

function renderMemory() {
  return renderMemoryPanel(app);
}

/** The next instructions as the running CPU decodes the bytes at the PC: the misdecode, for one CPU. */
async function renderDecode() {
  const d = app.dbg;
  if (!d.sid || !d.state) return;
  $("#decode-cpu").textContent = `as ${NAMES[d.state.cpu]} decodes the bytes`;
  if (d.state.stopped && d.state.outcome !== "FAULT") { $("#decode tbody").innerHTML = "<tr><td>—</td></tr>"; return; }
  const rows = await app.core.call("disassemble", d.sid, d.state.pc, 6);
  if (rows.error) return;
  $("#decode tbody").innerHTML = rows.map((r, i) =>
    `<tr class="${i === 0 ? "pc" : ""}" data-address="${r.address}" title="Click: the X-ray of this instruction"><td class="addr">${hex4(r.address)}</td><td>${esc(r.bytes)}</td><td>${esc(r.text)}</td></tr>`).join("");
}

/** The PC's row in the listing of the bytes that are loaded, and its source line in the editor. */
function highlightListing() {
  for (const el of document.querySelectorAll(".listing tr.pc")) el.classList.remove("pc");
  const d = app.dbg;
  let line = 0;
  if (d.state && d.loadedFrom && !d.state.error) {
    const row = document.querySelector(`#listing-${d.loadedFrom} tr[data-address="${d.state.pc}"]`);
    if (row) {
      row.classList.add("pc");
      if (d.loadedFrom === d.state.cpu) line = Number(row.dataset.line);
    }
  }
  if (app.editor) showPcLine(app.editor, line);
}

// ------------------------------------------------------------------ tabs, type size, start

function showView(name) {
  for (const b of document.querySelectorAll("#tabs button")) b.setAttribute("aria-selected", String(b.dataset.view === name));
  for (const v of document.querySelectorAll(".view")) v.classList.toggle("active", v.id === "view-" + name);
  if (name === "misdecode") refreshMisdecode();
}

function setSource(text) {
  const v = app.editor;
  v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
}

/** Resolves once the builds of the text now in the editor are in. */
async function assembled() {
  const text = app.editor.state.doc.toString();
  if (app.source === text && app.builds.armistice) return app.builds;
  return (await assembleBoth(text)) || assembled();
}

const debuggerApi = {
  doRun, doStep, doBack, doReset, doStop, selectedCpu, ensureLoaded, render, setRunning, syncBreakpoints, breakpointAddresses,
  /** True when a run is under way and paused: F5 then continues it. */
  started: () => !!(app.dbg.state && app.dbg.state.steps > 0 && !app.dbg.state.stopped),
};

function start() {
  app.editor = createEditor($("#editor"), initialSource(PRINT_42), async (text) => {
    const b = await assembleBoth(text);
    if (!b) return [];
    return combinedDiagnostics();
  }, () => { syncBreakpoints(); });
  app.core.restartListeners.push(() => { app.dbg.sid = null; app.dbg.key = null; });
  app.listeners.push(noteStale);
  $("#stdin").oninput = noteStale;
  $("#btn-run").onclick = () => doRun(true);
  $("#btn-step").onclick = doStep;
  $("#btn-back").onclick = doBack;
  $("#btn-continue").onclick = () => doRun(false);
  $("#btn-stop").onclick = doStop;
  $("#btn-reset").onclick = doReset;
  initMemory(app, render);
  $("#console-form").onsubmit = (e) => { e.preventDefault(); sendInput(false); };
  $("#console-eof").onclick = () => sendInput(true);
  for (const r of document.querySelectorAll('input[name="target"]')) r.onchange = () => ensureLoaded(false);
  $("#wrong-build").onchange = () => ensureLoaded(false);
  $("#bin-open").onchange = (e) => { const f = e.target.files[0]; e.target.value = ""; if (f) openBinary(f); };
  $("#bin-close").onclick = closeBinary;
  document.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-dl]");
    if (b) download(b.dataset.cpu, b.dataset.dl);
  });
  for (const b of document.querySelectorAll("#tabs button")) b.onclick = () => showView(b.dataset.view);
  const bigType = (on) => {
    document.body.classList.toggle("big", on);
    $("#big-type").setAttribute("aria-pressed", String(on));
    keepSetting("big", on);
    if ($("#view-misdecode").classList.contains("active")) refreshMisdecode();
  };
  $("#big-type").onclick = () => bigType(!document.body.classList.contains("big"));
  if (setting("big", false)) bigType(true);
  initTheme();
  // What the views need of the page is handed to them here; no view imports app.js.
  const page = { showView, setSource, assembled, debuggerApi };
  initStorage(app, page);
  initMisdecode(app);
  initTranslation(app, page);
  initTour(app, page);
  initExercises(app, page);
  initXray(app);
  initLecture(app, page);
  initKeys(app, page);
  assembled().then(() => ensureLoaded(false)).then(() => { document.body.dataset.ready = "true"; });
}

start();
