// The benchmark page: guest MIPS of each CPU in the browser, on its interpreter and on the page's
// jit (hot code compiled to JavaScript), on the core the page uses (in its Web Worker), over the
// project's benchmark suite (bench/src/main/resources/toyisa/bench/suite), and the translator.
// Each program's output is checked against the suite's expected output; the jit's geometric mean
// is shown beside the interpreter's measured in the same run, and their ratio.
import { Core } from "./core-client.js";
import wasmWorkerSource from "virtual:wasm-worker-source";
import crc16 from "../../bench/src/main/resources/toyisa/bench/suite/crc16.pasm";
import crc16Out from "../../bench/src/main/resources/toyisa/bench/suite/crc16.out";
import fib from "../../bench/src/main/resources/toyisa/bench/suite/fib.pasm";
import fibOut from "../../bench/src/main/resources/toyisa/bench/suite/fib.out";
import matmul from "../../bench/src/main/resources/toyisa/bench/suite/matmul.pasm";
import matmulOut from "../../bench/src/main/resources/toyisa/bench/suite/matmul.out";
import sieve from "../../bench/src/main/resources/toyisa/bench/suite/sieve.pasm";
import sieveOut from "../../bench/src/main/resources/toyisa/bench/suite/sieve.out";
import sort from "../../bench/src/main/resources/toyisa/bench/suite/sort.pasm";
import sortOut from "../../bench/src/main/resources/toyisa/bench/suite/sort.out";
import strings from "../../bench/src/main/resources/toyisa/bench/suite/strings.pasm";
import stringsOut from "../../bench/src/main/resources/toyisa/bench/suite/strings.out";

const SUITE = [
  ["crc16", crc16, crc16Out], ["fib", fib, fibOut], ["matmul", matmul, matmulOut],
  ["sieve", sieve, sieveOut], ["sort", sort, sortOut], ["strings", strings, stringsOut],
];
const ENGINES = [["armistice", "interpreter", false], ["armistice", "jit", false], ["intellio", "interpreter", false], ["intellio", "jit", false],
  ["intellio", "translated", true]];

/** Both builds of the core when the WebAssembly one is in this page (a build with -Pwasm), else the JavaScript one. */
async function measure(progress) {
  const rows = [];
  await measureCore(new Core(), "JavaScript", rows, progress);
  if (wasmWorkerSource) await measureCore(new Core(wasmWorkerSource), "WebAssembly", rows, progress);
  return rows;
}

async function measureCore(core, build, rows, progress) {
  const start = rows.length;
  for (const [cpu, kind, translated] of ENGINES) {
    const engine = kind + " (" + build + ")";
    for (const [name, source, expected] of SUITE) {
      const a = await core.call("assemble", source, cpu);
      if (!a.ok) throw new Error(name + " on " + cpu + ": " + a.diagnostics.map((d) => d.text).join(""));
      const r = await core.bench(cpu, a.bytes, 1e12, translated, kind === "jit" ? "jit" : "interpreter");
      if (r.error) throw new Error(r.error);
      if (r.outcome !== "HALT") throw new Error(`${name} on ${cpu} (${engine}) ended with ${r.outcome}`);
      if (r.output !== expected) throw new Error(`${name} on ${cpu} (${engine}) printed the wrong output`);
      rows.push({ cpu, program: name, engine, steps: r.steps, ms: Math.round(r.ms), mips: Math.round(r.mips), raw: r.steps / r.ms / 1000 });
      if (progress) progress(rows);
    }
  }
  const means = {};
  for (const [cpu, kind] of ENGINES) {
    const engine = kind + " (" + build + ")";
    const mine = rows.slice(start).filter((r) => r.cpu === cpu && r.engine === engine && r.raw);
    const geo = Math.exp(mine.reduce((s, r) => s + Math.log(r.raw), 0) / mine.length);
    means[cpu + " " + kind] = geo;
    rows.push({ cpu, program: "geometric mean", engine, steps: "", ms: "", mips: Math.round(geo) });
  }
  // The jit against the interpreter of the same CPU, both measured in this run.
  for (const cpu of ["armistice", "intellio"]) {
    const ratio = means[cpu + " jit"] / means[cpu + " interpreter"];
    rows.push({ cpu, program: "jit ÷ interpreter", engine: build, steps: "", ms: "", mips: ratio.toFixed(1) + "×", ratio });
  }
  core.worker.terminate();
}

function show(rows) {
  document.querySelector("#bench-table tbody").innerHTML = rows.map((r) =>
    `<tr data-cpu="${r.cpu}" data-program="${r.program}"><td>${r.cpu}</td><td>${r.program}</td><td>${r.engine}</td>` +
    `<td>${r.steps}</td><td>${r.ms}</td><td class="mips">${r.mips}</td></tr>`).join("");
}

document.getElementById("bench-run").onclick = async () => {
  const button = document.getElementById("bench-run");
  button.disabled = true;
  try {
    show(await measure(show));
  } catch (e) {
    document.querySelector("#bench-table tbody").innerHTML = `<tr><td colspan=6>${String(e.message || e)}</td></tr>`;
  }
  button.disabled = false;
};
window.measure = measure;
