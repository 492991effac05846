// The benchmark page: guest MIPS of each interpreter in the browser, on the core the page uses.
import { Core } from "./core-client.js";

const STEPS = 50000000;
// A loop of four instructions that never ends by itself: the budget ends it.
const LOOP = ["again:  add b, c", "        sub c, 1", "        cmp c, 0", "        jmp again", ""].join("\n");

async function measure() {
  const core = new Core();
  const rows = [];
  for (const cpu of ["armistice", "intellio"]) {
    const a = await core.call("assemble", LOOP, cpu);
    if (!a.ok) throw new Error(a.diagnostics.map((d) => d.text).join(""));
    let best = null;
    for (let i = 0; i < 3; i++) {
      const r = await core.bench(cpu, a.bytes, STEPS);
      if (r.error) throw new Error(r.error);
      if (!best || r.mips > best.mips) best = r;
    }
    rows.push({ cpu, engine: "TeaVM JavaScript", steps: best.steps, ms: Math.round(best.ms), mips: Math.round(best.mips) });
  }
  return rows;
}

document.getElementById("bench-steps").textContent = STEPS.toLocaleString("en");
document.getElementById("bench-run").onclick = async () => {
  const body = document.querySelector("#bench-table tbody");
  body.innerHTML = "<tr><td colspan=5>measuring…</td></tr>";
  const rows = await measure();
  body.innerHTML = rows.map((r) => `<tr data-cpu="${r.cpu}"><td>${r.cpu}</td><td>${r.engine}</td><td>${r.steps}</td><td>${r.ms}</td><td class="mips">${r.mips}</td></tr>`).join("");
  window.benchResults = rows;
};
window.measure = measure;
