// The page's jit held to the page's interpreter, under node on the page's build, as the JVM jit's
// JitDifferentialTest holds the JVM one: random looping programs for each CPU (a quarter of them
// storing into their own code), random budgets, compiling on the first to third entry of a block;
// outcome, exit status, instructions, output, registers, flags, PC, report and all 64 KiB of memory
// must agree. The golden corpus runs on the jit in conformance.test.mjs.
// `node --test test/jit.test.mjs`; TOYISA_JIT_PROGRAMS=N runs N programs per CPU instead of 10,000.
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./core.mjs";

const PROGRAMS = Number(process.env.TOYISA_JIT_PROGRAMS || 10000);

for (const cpu of ["armistice", "intellio"]) {
  test(`${cpu}: ${PROGRAMS} random programs run on the page's jit exactly as interpreted`, () => {
    const r = core.jitDifferential(cpu, PROGRAMS, 20261201);
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.mismatch ?? null, null, r.mismatch);
    assert.equal(r.agreed, PROGRAMS);
    // The comparison means something only if compiled code really ran, bailed out and was invalidated.
    assert.ok(r.compiled > PROGRAMS / 2, `regions compiled: ${r.compiled}`);
    assert.ok(r.compiledInstructions > 10 * PROGRAMS, `instructions run compiled: ${r.compiledInstructions}`);
    assert.ok(r.deoptimisations > 0, `deoptimisations: ${r.deoptimisations}`);
    assert.ok(r.invalidated > 0, `invalidations: ${r.invalidated}`);
    console.log(`${cpu}: ${r.agreed} programs agree; ${r.compiled} regions compiled, ${r.compiledInstructions} instructions run compiled, ` +
      `${r.interpretedInstructions} interpreted, ${r.deoptimisations} deoptimisations, ${r.invalidated} invalidations`);
  });
}

// Flags that the next flag-setter overwrites are not worked out in compiled code, unless something
// between may bail out or leave: here a load between a shift (or a compare) and the next setter
// faults on the null page once the loop has been compiled, and the fault must show the flags the
// interpreter had there; every budget from 1 to 700 ends the run elsewhere in the loop.
const FLAG_PROGRAMS = {
  intellio: [
    // add overflows now and then (O), shl sets Z S C and keeps that O, then the load faults at e = 0.
    "start: mov b, 1\n mov d, 7F00h\n mov e, 2000h\nagain: add d, 40h\n shl b, 1\n load c, [e + 0]\n sub e, 100h\n cmp e, 0F000h\n jnz again\n halt\n",
    // The shift's flags are dead (sub overwrites them with nothing between); the load after sub sees sub's.
    "start: mov b, 3\n mov e, 2000h\nagain: shl b, 1\n sub e, 100h\n load c, [e + 0]\n cmp e, 0F000h\n jnz again\n halt\n",
    // neg's flags before a store into the program's own code (a bail-out, not a fault), then a shift that keeps its O.
    "start: mov b, 1\n mov e, 2000h\n mov f, start\nagain: neg b\n store [f + 0], d\n shr b, 3\n load c, [e + 0]\n sub e, 100h\n cmp e, 0F000h\n jnz again\n halt\n",
  ],
  armistice: [
    "start: mov b, 1\n mov e, 2000h\nagain: cmp b, 7\n load c, [e + 0]\n add b, 1\n sub e, 100h\n cmp e, 0F000h\n jnz again\n halt\n",
    "start: mov b, 1\n mov e, 2000h\nagain: cmp b, 7\n add b, 1\n cmp b, 9\n sub e, 100h\n load c, [e + 0]\n cmp e, 0F000h\n jnz again\n halt\n",
  ],
};

for (const [cpu, programs] of Object.entries(FLAG_PROGRAMS)) {
  test(`${cpu}: a bail-out or a budget between two flag-setters finds the flags the interpreter left`, () => {
    for (const [i, source] of programs.entries()) {
      const a = core.assemble(source, cpu);
      assert.equal(a.ok, true, JSON.stringify(a.diagnostics));
      for (let budget = 1; budget <= 700; budget++) {
        const states = {};
        for (const engine of ["jit", "interpreter"]) {
          const s = core.load(cpu, a.bytes, "", budget, 0);
          core.engine(s.id, engine, 1);
          let r;
          do r = core.runFast(s.id, 1000000); while (!r.stopped);
          states[engine] = { ...core.state(s.id), id: 0, engine: "" };
          core.dispose(s.id);
        }
        assert.deepEqual(states.jit, states.interpreter, `program ${i}, budget ${budget}`);
      }
    }
  });
}

test("a session runs on the jit by default, and either engine can be chosen", () => {
  const a = core.assemble("start: mov b, 0\n mov d, 5000\nagain: add b, 3\n sub d, 1\n cmp d, 0\n jnz again\n mov a, 10h\n mov c, b\n int 13h\n halt\n", "intellio");
  assert.equal(a.ok, true);
  const results = {};
  for (const engine of ["jit", "interpreter"]) {
    const s = core.load("intellio", a.bytes, "", 0, 0);
    assert.equal(s.engine, "jit");
    const e = core.engine(s.id, engine, 0);
    assert.equal(e.engine, engine);
    let r;
    do r = core.runFast(s.id, 1000000); while (!r.stopped);
    results[engine] = r;
    core.dispose(s.id);
  }
  assert.equal(results.jit.output, "15000\n");
  assert.deepEqual({ ...results.jit, id: 0, engine: "" }, { ...results.interpreter, id: 0, engine: "" });
  const s = core.load("intellio", a.bytes, "", 0, 0);
  assert.match(core.engine(s.id, "turbo", 0).note, /no engine 'turbo'/);
  core.dispose(s.id);
});
