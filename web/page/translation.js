// The translation view: the Intellio build run on Armistice by the project's binary translator,
// each guest block beside the host Armistice code made for it, and the counts of the run.
import { $, esc } from "./util.js";

let app;
let assembled;

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

async function run() {
  const build = await waitBuilds();
  if (!build || !build.ok) {
    $("#tr-summary").textContent = "The source does not assemble for Intellio: fix it in the editor first.";
    $("#tr-blocks").innerHTML = "";
    return;
  }
  $("#tr-run").disabled = true;
  $("#tr-stop").disabled = false;
  $("#tr-summary").textContent = "translating and running…";
  const r = await app.core.call("translate", build.bytes, $("#stdin").value, 0);
  $("#tr-run").disabled = false;
  $("#tr-stop").disabled = true;
  if (r.error) {
    $("#tr-summary").textContent = r.abandoned ? "Stopped: the translated run was abandoned (the page started a fresh core)." : r.error;
    $("#tr-blocks").innerHTML = "";
    return;
  }
  const st = r.stats;
  const rows = [
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
  $("#tr-summary").innerHTML = "<table>" + rows.map(([k, v]) =>
    `<tr data-key="${esc(k)}"><td>${esc(k)}</td><td class="mono">${esc(v)}</td></tr>`).join("") + "</table>" +
    (r.report ? `<pre class="mono">${esc(r.report)}</pre>` : "");
  $("#tr-blocks").innerHTML = parseLog(r.log).map((b) =>
    `<div class="tr-block"><div class="guest"><h4>${esc(b.guestHeader)}</h4><pre>${esc(b.guest.join("\n"))}</pre></div>` +
    `<div class="host"><h4>${esc(b.hostHeader)}</h4><pre>${hostLines(b.host)}</pre></div></div>`).join("");
}

/** Host code with its comments (the guest instruction each part comes from, the exits) set apart. */
function hostLines(lines) {
  return lines.map((l) => {
    const t = l.trim();
    if (!t.startsWith(";")) return esc(l);
    return `<span class="${t.startsWith("; exit") ? "tr-exit" : "tr-comment"}">${esc(l)}</span>`;
  }).join("\n");
}

async function waitBuilds() {
  const b = await assembled();
  return b.intellio;
}
