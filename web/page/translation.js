// The translation view: one CPU's build run on the other by the project's binary translator — the
// Intellio build on Armistice, or the Armistice build on Intellio — each guest block beside the host
// code made for it, and the counts of the run; the log as `toyisa emulate --log` prints it.
import { $, esc } from "./util.js";

let app;
let assembled;

const NAMES = { armistice: "Armistice", intellio: "Intellio" };
const OTHER = { armistice: "intellio", intellio: "armistice" };

export function initTranslation(a, page) {
  app = a;
  ({ assembled } = page);
  $("#tr-run").onclick = run;
  $("#tr-stop").onclick = () => app.core.stop(null);
}

/** The log as blocks: {guestHeader, guest, hostHeader, host}. */
export function parseLog(log) {
  const blocks = [];
  let cur = null, part = null;
  for (const line of log.split("\n")) {
    if (line.startsWith("IN:")) {
      cur = { guestHeader: line.slice(3).trim(), guest: [], hostHeader: "", host: [] };
      blocks.push(cur);
      part = "guest";
    } else if (line.startsWith("OUT:") && cur) {
      cur.hostHeader = line.slice(4).trim();
      part = "host";
    } else if (line === "") {
      part = null;
    } else if (cur && part) {
      cur[part].push(line);
    }
  }
  return blocks;
}

/**
 * The log's last line in the Armistice guest's direction, "host code made: N instructions (B bytes):
 * F fills and S spills of guest registers, W byte-swapped words, G flag saves", as numbers; null when
 * the log has none (the other direction).
 */
export function hostCodeMade(log) {
  const m = /^host code made: +(\d+) instructions \((\d+) bytes\): (\d+) fills and (\d+) spills of guest registers, (\d+) byte-swapped words, (\d+) flag saves$/m.exec(log);
  return m && { instructions: +m[1], bytes: +m[2], fills: +m[3], spills: +m[4], swaps: +m[5], flagSaves: +m[6] };
}

/** The guest CPU chosen: Intellio (run on Armistice) or Armistice (run on Intellio). */
function guestCpu() {
  return $("#tr-guest").value === "armistice" ? "armistice" : "intellio";
}

async function run() {
  const guest = guestCpu(), host = OTHER[guest];
  // The misdecode: the other CPU's build handed to this emulator is still read as the guest reads code.
  const wrong = $("#tr-wrong").checked;
  const builds = await assembled();
  const build = builds[wrong ? host : guest];
  if (!build || !build.ok) {
    $("#tr-summary").textContent = `The source does not assemble for ${NAMES[wrong ? host : guest]}: fix it in the editor first.`;
    $("#tr-blocks").innerHTML = "";
    $("#tr-log").textContent = "";
    return;
  }
  $("#tr-run").disabled = true;
  $("#tr-stop").disabled = false;
  $("#tr-summary").textContent = "translating and running…";
  const r = await app.core.call("translateGuest", guest, build.bytes, $("#stdin").value, 0);
  $("#tr-run").disabled = false;
  $("#tr-stop").disabled = true;
  if (r.error) {
    $("#tr-summary").textContent = r.abandoned ? "Stopped: the translated run was abandoned (the page started a fresh core)." : r.error;
    $("#tr-blocks").innerHTML = "";
    $("#tr-log").textContent = "";
    return;
  }
  const st = r.stats;
  const rows = [
    ["run", `the ${NAMES[wrong ? host : guest]} build as ${NAMES[guest]} code, translated to ${NAMES[host]} instructions`],
    ["ending", r.outcome === "FAULT" ? r.shellMessage : r.outcome === "HALT" ? "halt" : r.outcome === "EXIT" ? "exit" : r.shellMessage || r.outcome],
    ["exit status", r.exitStatus],
    ["output", r.output ? JSON.stringify(r.output) : "nothing"],
    ["blocks translated", st.blocksTranslated],
    ["cache hits", st.cacheHits],
    ["chained exits", st.chained],
    ["invalidations", st.invalidations],
    ["guest instructions", st.guestInstructions],
    ["host instructions", st.hostInstructions],
    ["expansion", st.expansion + " host instructions per guest instruction"],
  ];
  // Sixteen registers on eight, big-endian words on a little-endian host: what that cost, as the log counts it.
  const made = hostCodeMade(r.log);
  if (made) {
    rows.push(["fills", made.fills + " loads of guest registers from the state page"],
      ["spills", made.spills + " stores of guest registers to the state page"],
      ["byte-swapped words", made.swaps],
      ["flag saves", made.flagSaves]);
  }
  $("#tr-summary").innerHTML = "<table>" + rows.map(([k, v]) =>
    `<tr data-key="${esc(k)}"><td>${esc(k)}</td><td class="mono">${esc(v)}</td></tr>`).join("") + "</table>" +
    (r.report ? `<pre class="mono">${esc(r.report)}</pre>` : "");
  $("#tr-blocks").innerHTML = parseLog(r.log).map((b) =>
    `<div class="tr-block"><div class="guest"><h4 class="cpu-${guest}">${esc(b.guestHeader)}</h4><pre>${esc(b.guest.join("\n"))}</pre></div>` +
    `<div class="host"><h4 class="cpu-${host}">${esc(b.hostHeader)}</h4><pre>${hostLines(b.host)}</pre></div></div>`).join("");
  $("#tr-command").textContent = `toyisa emulate --guest ${guest} --host ${host} --log program.${wrong ? host : guest}.bin`;
  $("#tr-log").textContent = r.log;
}

/**
 * Host code with its comments (the guest instruction each part comes from, the exits) set apart,
 * and the notes at the end of a line that mark a fill, a spill or a byte swap.
 */
function hostLines(lines) {
  return lines.map((l) => {
    const t = l.trim();
    if (t.startsWith(";")) return `<span class="${t.startsWith("; exit") ? "tr-exit" : "tr-comment"}">${esc(l)}</span>`;
    const at = l.indexOf(" ; ");
    if (at < 0) return esc(l);
    const note = l.slice(at + 1);
    const kind = /^; fill /.test(note) ? "tr-fill" : /^; spill /.test(note) ? "tr-spill"
      : /byte swap|big-endian/.test(note) ? "tr-swap" : "tr-note";
    return `${esc(l.slice(0, at + 1))}<span class="${kind}">${esc(note)}</span>`;
  }).join("\n");
}
