// The page's core under node: guest MIPS of each CPU's interpreter and of the page's jit over the
// project's benchmark suite, outputs checked, the jit's geometric mean beside the interpreter's of
// the same run (the browser's figures come from bench.mjs, in Chromium).
//   node test/bench-node.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { core } from "./core.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const suite = join(here, "../../bench/src/main/resources/toyisa/bench/suite");
const NAMES = ["crc16", "fib", "matmul", "sieve", "sort", "strings"];

console.log("cpu        program         engine         instructions       ms   MIPS");
for (const cpu of ["armistice", "intellio"]) {
  const means = {};
  for (const engine of ["interpreter", "jit"]) {
    let logs = 0;
    for (const name of NAMES) {
      const a = core.assemble(readFileSync(join(suite, name + ".pasm"), "utf8"), cpu);
      if (!a.ok) throw new Error(`${name} on ${cpu} does not assemble`);
      const s = core.load(cpu, a.bytes, "", 1e12, 0);
      core.engine(s.id, engine, 0);
      const t0 = performance.now();
      let r;
      do r = core.runFast(s.id, 1e7); while (!r.stopped);
      const ms = performance.now() - t0;
      core.dispose(s.id);
      if (r.output !== readFileSync(join(suite, name + ".out"), "utf8")) throw new Error(`${name} on ${cpu} (${engine}) printed the wrong output`);
      const mips = r.steps / ms / 1000;
      logs += Math.log(mips);
      console.log(`${cpu.padEnd(10)} ${name.padEnd(15)} ${engine.padEnd(14)} ${String(r.steps).padStart(12)} ${String(Math.round(ms)).padStart(8)} ${String(Math.round(mips)).padStart(6)}`);
    }
    means[engine] = Math.exp(logs / NAMES.length);
    console.log(`${cpu.padEnd(10)} ${"geometric mean".padEnd(15)} ${engine.padEnd(14)} ${"".padStart(12)} ${"".padStart(8)} ${String(Math.round(means[engine])).padStart(6)}`);
  }
  console.log(`${cpu.padEnd(10)} jit ÷ interpreter: ${(means.jit / means.interpreter).toFixed(1)}×`);
}
