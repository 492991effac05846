// The instruction X-ray: one instruction's bytes split into its form's fields — opcode bits,
// registers, the constant in its byte order, ignored bits — coloured, named as the reference card
// names them, with the card's row. The split is the core's (Api.xray, from the ISA tables, the same
// as `toyisa disasm --fields`); this file only draws it. Click a row of a build's listing, the
// debugger's next instruction, a row decoded from the PC, or a box of the misdecode drawing; the
// misdecode shows the same bytes split as each CPU reads them, one above the other.
import { $, esc, hex4 } from "./util.js";

const NAMES = { armistice: "Armistice", intellio: "Intellio" };
const CPUS = ["armistice", "intellio"];
const ADDRESS = (a) => hex4(a) + "h";

/**
 * The X-ray as `toyisa disasm --fields` prints it: the instruction's line, then its card row and a
 * line per field, in the command line's columns.
 */
export function fieldLines(x) {
  const indent = "       ";
  const out = [`${ADDRESS(x.address)}  ${x.bytes.padEnd(12)}  ${x.text}`];
  if (x.card) out.push(indent + "card " + x.card);
  for (const p of x.parts) {
    const cells = [p.where.padEnd(9), p.bits.padEnd(5), p.raw.padEnd(8), p.code.padEnd(8), p.name.padEnd(9), p.meaning];
    out.push((indent + cells.join("  ")).trimEnd());
  }
  return out;
}

let app;

export function initXray(a) {
  app = a;
  $("#xray-close").onclick = hide;
  document.addEventListener("click", (e) => {
    const row = e.target.closest(".listing tr[data-address]");
    if (row && row.closest("table").id.startsWith("listing-")) {
      const cpu = row.closest("table").id.slice("listing-".length);
      return fromBuild(cpu, Number(row.dataset.address));
    }
    const decoded = e.target.closest("#decode tr[data-address], #next[data-address]");
    if (decoded) return fromMachine(Number(decoded.dataset.address));
    const box = e.target.closest(".md-box[data-pc]");
    if (box && app.misdecode) return fromMisdecode(box.dataset.cpu, Number(box.dataset.pc));
    return undefined;
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("#xray").hidden) hide();
  });
}

function hide() {
  $("#xray").hidden = true;
  document.body.classList.remove("xray-open");
}

/** An instruction of a build, as its listing shows it. */
export async function fromBuild(cpu, address) {
  const b = app.builds[cpu];
  if (!b || !b.ok) return;
  const x = await app.core.call("xray", cpu, b.bytes, b.origin, address);
  show(`${NAMES[cpu]} build, ${ADDRESS(address)}`, [x]);
}

/** The instruction at an address of the machine in the debugger, as its CPU reads it now. */
export async function fromMachine(address) {
  const d = app.dbg;
  if (!d.sid || !d.state) return;
  const n = Math.min(4, 0x10000 - address);
  const m = await app.core.call("memory", d.sid, address, n);
  if (m.error) return;
  const x = await app.core.call("xray", d.state.cpu, m.bytes, address, address);
  show(`${NAMES[d.state.cpu]}, in memory at ${ADDRESS(address)}${address === d.state.pc ? " (the next instruction)" : ""}`, [x]);
}

/** A box of the misdecode drawing: the same bytes as each CPU reads them, the clicked CPU first. */
export async function fromMisdecode(cpu, address) {
  const hex = app.misdecode.bytes();
  const order = [cpu, ...CPUS.filter((c) => c !== cpu)];
  const xs = await Promise.all(order.map((c) => app.core.call("xray", c, hex, 0x100, address)));
  show(`the bytes at ${ADDRESS(address)}, as each CPU reads them`, xs);
}

function show(title, xs) {
  const body = $("#xray-body");
  const bad = xs.find((x) => x.error);
  if (bad) {
    body.innerHTML = `<p class="error">${esc(bad.error)}</p>`;
  } else {
    // One byte grid for all: the bytes each CPU reads stand under each other.
    const from = Math.min(...xs.map((x) => x.address));
    const to = Math.max(...xs.map((x) => x.address + x.length));
    body.innerHTML = xs.map((x) => block(x, from, to)).join("");
  }
  $("#xray-title").textContent = title;
  $("#xray").hidden = false;
  document.body.classList.add("xray-open");
}

/** One CPU's reading: the bytes as bits under coloured fields, the card row, the fields as a table. */
function block(x, from, to) {
  const bytes = x.bytes.split(" ");
  const first = x.address - from;
  const cols = (to - from) * 8;
  let grid = "";
  const at = (byte, bit) => (first + byte) * 8 + (7 - bit) + 1;
  bytes.forEach((h, k) => {
    grid += `<div class="xr-byte" style="grid-row:1;grid-column:${at(k, 7)} / span 8">${h}</div>`;
    const v = parseInt(h, 16);
    for (let bit = 7; bit >= 0; bit--) grid += `<div class="xr-bit" style="grid-row:2;grid-column:${at(k, bit)}">${(v >> bit) & 1}</div>`;
  });
  x.parts.forEach((p, i) => {
    const start = at(p.firstByte, p.highBit);
    const end = at(p.lastByte, p.lowBit);
    grid += `<div class="xr-part xr-${p.kind}" data-part="${i}" style="grid-row:3;grid-column:${start} / ${end + 1}" ` +
      `title="${esc(`${p.where} bits ${p.bits}: ${p.name} = ${p.meaning}`)}"><b>${esc(p.name)}</b> <span>${esc(short(p))}</span></div>`;
  });
  const rows = x.parts.map((p) =>
    `<tr class="xr-${p.kind}"><td>${esc(p.where)}</td><td>${esc(p.bits)}</td><td>${esc(p.raw)}</td><td>${esc(p.code)}</td>` +
    `<td><b>${esc(p.name)}</b></td><td>${esc(p.meaning)}</td></tr>`).join("");
  const r = x.row;
  const card = r
    ? `<table class="xr-card"><thead><tr><th>form</th><th>syntax</th><th>encoding</th><th>flags</th><th>description</th></tr></thead>` +
      `<tbody><tr><td><code>${esc(r.form)}</code></td><td><code>${esc(r.syntax)}</code></td><td><code>${esc(r.encoding)}</code></td>` +
      `<td>${esc(r.flags)}</td><td>${esc(r.description)}</td></tr></tbody></table>`
    : `<p class="xr-illegal-note">No ${NAMES[x.cpu]} form reads these bytes: an illegal instruction.</p>`;
  return `<div class="xr-block" data-cpu="${x.cpu}">` +
    `<h3 class="cpu-${x.cpu}">${NAMES[x.cpu]} reads ${ADDRESS(x.address)}: <span class="mono">${esc(x.bytes)}</span> — <span class="mono">${esc(x.text)}</span></h3>` +
    `<div class="xr-grid mono" style="grid-template-columns:repeat(${cols}, minmax(0, 1fr))">${grid}</div>` +
    card +
    `<table class="xr-fields mono"><thead><tr><th>where</th><th>bits</th><th>raw</th><th>encoding</th><th>field</th><th>value</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<details class="xr-text"><summary>As <code>toyisa disasm --fields</code> prints it</summary><pre class="mono">${esc(fieldLines(x).join("\n"))}</pre></details>` +
    "</div>";
}

/** The value as the strip under the bits shows it: short, the table has the rest. */
function short(p) {
  if (p.kind === "ignored") return "";
  if (p.kind === "illegal") return "no form";
  return p.meaning.split(",")[0];
}
