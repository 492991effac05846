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
