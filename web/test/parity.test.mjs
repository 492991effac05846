// The page and the REPL answer one debugging session the same way: the REPL's commands in
// repl/src/test/resources/parity/session.script, run here through the page's API (the core under
// node, as the worker calls it), give after each command the state the REPL gave — its golden,
// written by the REPL's PageParityTest — registers, flags, memory, output, call stack and history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { core } from "./core.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "../../repl/src/test/resources/parity");
const script = readFileSync(join(dir, "session.script"), "utf8");
const source = readFileSync(join(dir, "program.pasm"), "utf8");
const input = script.split("\n")[0].slice("# input: ".length).replaceAll("\\n", "\n") + "\n";


/** Runs a started run to its end, a slice at a time, as the worker does. */
function toEnd(id, s) {
  while (s.running) s = core.run(id, 100000);
  return s;
}

/** One REPL command through the page's API. */
function command(id, labels, line) {
  const [word, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(" ");
  const ok = (r) => { assert.equal(r.error, undefined, `${line}: ${r.error}`); return r; };
  switch (word) {
    case "step": for (let i = 0; i < (Number(arg) || 1); i++) ok(core.step(id)); return;
    case "back": ok(core.back(id, Number(arg) || 1)); return;
    case "next": ok(toEnd(id, core.next(id, 1000))); return;
    case "finish": ok(toEnd(id, core.finish(id, 1000))); return;
    case "continue": ok(toEnd(id, core.run(id, 100000))); return;
    case "reverse-continue": ok(core.reverseContinue(id)); return;
    case "break": {
      const m = /^(\S+)(?:\s+if\s+(.*))?$/.exec(arg);
      ok(core.setBreakpoint(id, labels[m[1]], m[2] || "", 0));
      return;
    }
    case "delete": ok(core.setBreakpoints(id, "")); return;
    case "set": ok(core.edit(id, rest[0], rest.slice(1).join(" "))); return;
    default: throw new Error("the page's side of the script has no command " + word);
  }
}

/** The golden's line for the state after a command, from the API's answers. */
function state(id, line, labels) {
  const s = core.state(id);
  const stack = core.memory(id, 0xFFF0, 16).bytes.split(" ").join("");
  const total = core.evaluate(id, "[total]").value;
  return {
    command: line, pc: s.pc, registers: s.registers.map((r) => r.value), flags: s.flags, steps: s.steps,
    outcome: s.outcome, output: s.output, frames: s.frames.map((f) => f.returnTo), total, stack, history: s.history,
  };
}

for (const cpu of ["armistice", "intellio"]) {
  test(`the page answers the REPL's debugging session the same way on ${cpu}`, () => {
    const golden = readFileSync(join(dir, cpu + ".golden"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const a = core.assemble(source, cpu);
    assert.equal(a.ok, true);
    const id = core.load(cpu, a.bytes, input, 100000, 0).id;
    const pairs = Object.entries(a.labels).map(([n, v]) => n + " " + v).join(" ");
    assert.equal(core.setLabels(id, pairs).error, undefined);
    let k = 0;
    for (const line of script.split("\n")) {
      if (line.trim() === "" || line.startsWith("#")) continue;
      command(id, a.labels, line);
      assert.deepEqual(state(id, line, a.labels), golden[k], `after '${line}' (command ${k + 1})`);
      k++;
    }
    assert.equal(k, golden.length, "every command of the golden");
  });
}

