// Unit tests of the exported API, on the TeaVM-compiled core under node: the same script the page's
// worker runs. `node --test test/api.test.mjs [path/to/toyisa-core.js]`
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { core } from "./core.mjs";
import { fieldLines } from "../page/xray.js";

const here = dirname(fileURLToPath(import.meta.url));

const PRINT_42 = "mov a, 10h      ; HAL service 10h: print a number\nmov c, 42\nint 13h         ; call the HAL\nhalt\n";
const ARMISTICE_42 = "36 01 00 10 36 03 00 2A 0C 13 00 00 0F 00 00 00";
const INTELLIO_42 = "20 10 22 2A CD 13 F4";

function runToEnd(id) {
  let s;
  do s = core.run(id, 100000); while (!s.stopped);
  return s;
}

function stepAll(id) {
  const steps = [];
  for (let s = core.state(id); !s.stopped;) {
    s = core.step(id);
    steps.push(s.step);
  }
  return steps;
}

test("both CPUs are there", () => {
  assert.deepEqual(core.cpus().map((c) => c.id), ["armistice", "intellio"]);
});

test("Print(42) assembles to the seed's bytes for each CPU, with a listing", () => {
  const a = core.assemble(PRINT_42, "armistice");
  const i = core.assemble(PRINT_42, "intellio");
  assert.equal(a.ok, true);
  assert.equal(a.bytes, ARMISTICE_42);
  assert.equal(i.bytes, INTELLIO_42);
  assert.deepEqual(i.listing.map((r) => [r.address, r.bytes, r.line]), [[0x100, "20 10", 1], [0x102, "22 2A", 2], [0x104, "CD 13", 3], [0x106, "F4", 4]]);
  assert.equal(a.listing[0].text, "mov a, 10h      ; HAL service 10h: print a number");
});

test("each build prints 42 on its own CPU", () => {
  for (const [cpu, bytes] of [["armistice", ARMISTICE_42], ["intellio", INTELLIO_42]]) {
    const s = runToEnd(core.load(cpu, bytes, "", 0, 0).id);
    assert.equal(s.output, "42\n", cpu);
    assert.equal(s.outcome, "HALT", cpu);
    assert.equal(s.exitStatus, 0, cpu);
    assert.equal(s.steps, 4, cpu);
  }
});

test("Armistice eats Intellio's 22 2A as a constant and dies with SIGILL at 0104h", () => {
  const steps = stepAll(core.load("armistice", INTELLIO_42, "", 0, 0).id);
  assert.equal(steps[0].instruction, "and r10, 1022h");
  assert.equal(steps[0].bytes, "20 10 22 2A");
  assert.equal(steps.length, 2);
  assert.equal(steps[1].pc, 0x104);
  assert.equal(steps[1].outcome, "FAULT");
  const end = core.state(core.load("armistice", INTELLIO_42, "", 0, 0).id);
  const s = runToEnd(end.id);
  assert.equal(s.exitStatus, 132);
  assert.equal(s.fault.pc, 0x104);
  assert.equal(s.fault.bytes, "CD 13 F4 00");
  assert.match(s.report, /^Illegal instruction\n  Armistice: illegal instruction at 0104h/);
});

test("Intellio reads Armistice's bytes as seven wrong instructions and dies at 010Ch", () => {
  const steps = stepAll(core.load("intellio", ARMISTICE_42, "", 0, 0).id);
  assert.deepEqual(steps.map((s) => s.instruction),
    ["not fp", "add a, a", "shl a, 1", "not fp", "and a, a", "mov c, 130Ch", "mov a, a", "(illegal)"]);
  assert.equal(steps[7].pc, 0x10C);
  assert.equal(steps[7].outcome, "FAULT");
});

test("back undoes a step exactly: registers, flags, PC, memory and output", () => {
  const src = "mov b, 2000h\nmov c, 7\nstore [b + 0], c\nmov a, 10h\nint 13h\nhalt\n";
  for (const cpu of ["armistice", "intellio"]) {
    const a = core.assemble(src, cpu);
    assert.equal(a.ok, true, cpu + ": " + a.diagnostics.map((d) => d.text).join(""));
    const id = core.load(cpu, a.bytes, "", 0, 0).id;
    const states = [core.state(id)];
    for (let k = 0; k < 5; k++) states.push(core.step(id));
    assert.equal(states[5].output, "7\n", cpu);
    assert.equal(core.memory(id, 0x2000, 2).bytes !== "00 00", true, cpu);
    for (let k = 4; k >= 0; k--) {
      const back = core.back(id, 1);
      assert.equal(back.undone, 1);
      const want = states[k];
      assert.equal(back.pc, want.pc, cpu + " pc after undoing step " + (k + 1));
      assert.deepEqual(back.registers, want.registers, cpu);
      assert.equal(back.flags, want.flags, cpu);
      assert.equal(back.output, want.output, cpu);
      assert.equal(back.steps, want.steps, cpu);
    }
    assert.equal(core.memory(id, 0x2000, 2).bytes, "00 00", cpu + ": the store is undone");
    const none = core.back(id, 1);
    assert.equal(none.undone, 0);
    assert.equal(none.note, "nothing to undo: this is where the program started");
  }
});

test("run is a slice: an endless loop comes back after the steps asked for, and stops at its budget", () => {
  const a = core.assemble("again: add b, 1\njmp again\n", "intellio");
  const id = core.load("intellio", a.bytes, "", 0, 0).id;
  const s = core.run(id, 1000);
  assert.equal(s.stopped, false);
  assert.equal(s.steps, 1000);
  const fast = core.runFast(id, 100000);
  assert.equal(fast.stopped, false);
  assert.equal(fast.steps, 101000);
  const b = core.load("intellio", a.bytes, "", 5000, 0).id;
  const end = runToEnd(b);
  assert.equal(end.outcome, "BUDGET");
  assert.equal(end.exitStatus, 124);
  assert.equal(end.steps, 5000);
  assert.match(end.report, /hottest loop: 0100h/);
});

test("breakpoints stop a run before the instruction, and a run continues from one", () => {
  const a = core.assemble(PRINT_42, "intellio");
  const id = core.load("intellio", a.bytes, "", 0, 0).id;
  core.setBreakpoints(id, "0104 0106h");
  let s = core.run(id, 1000);
  assert.equal(s.breakpoint, true);
  assert.equal(s.pc, 0x104);
  assert.equal(s.output, "");
  s = core.run(id, 1000);
  assert.equal(s.pc, 0x106);
  assert.equal(s.output, "42\n");
  s = core.run(id, 1000);
  assert.equal(s.outcome, "HALT");
  assert.equal(core.setBreakpoints(id, "12G45").error, "'12G45' is not an address (0000h–FFFFh)");
});

test("input reaches the HAL read services", () => {
  const src = "mov a, 21h\nint 13h\nadd c, c\nmov a, 10h\nint 13h\nhalt\n";
  for (const cpu of ["armistice", "intellio"]) {
    const a = core.assemble(src, cpu);
    const s = runToEnd(core.load(cpu, a.bytes, "21\n", 0, 0).id);
    assert.equal(s.output, "42\n", cpu);
  }
});

test("the output cap of the command line applies", () => {
  const a = core.assemble("again: mov a, 10h\nmov c, 1234\nint 13h\njmp again\n", "armistice");
  const s = runToEnd(core.load("armistice", a.bytes, "", 0, 100).id);
  assert.equal(s.outcome, "OUTPUT_CAP");
  assert.equal(s.exitStatus, 153);
  assert.equal(s.output.length, 100);
});

test("the translator runs the Intellio build on Armistice, with its log and counts", () => {
  const src = "mov c, 5\nmov b, 0\nagain: add b, c\nsub c, 1\ncmp c, 0\njnz again\nmov a, 10h\nmov c, b\nint 13h\nhalt\n";
  const a = core.assemble(src, "intellio");
  const t = core.translate(a.bytes, "", 0);
  assert.equal(t.output, "15\n");
  assert.equal(t.exitStatus, 0);
  assert.equal(t.stats.blocksTranslated, 3);
  assert.equal(t.stats.cacheHits, 1);
  assert.equal(t.stats.chained, 3);
  assert.equal(t.stats.guestInstructions, 26);
  assert.equal(t.stats.hostInstructions, 51);
  assert.equal(t.stats.expansion, 1.96);
  assert.match(t.log, /^IN:  guest block at 0100h/);
  assert.match(t.log, /OUT: host code at/);
  assert.match(t.log, /expansion: {10}1\.96 host instructions per guest instruction\n$/);
  const p = core.translate(INTELLIO_42, "", 0);
  assert.equal(p.output, "42\n");
});

// The golden logs of the translator's own tests (translator/src/test/resources/translate): the page's
// core must print the very log `toyisa emulate --log` prints, in both directions.
const TRANSLATE = join(here, "../../translator/src/test/resources/translate");

for (const [guest, dir] of [["armistice", "armistice/"], ["intellio", ""]]) {
  test(`the translation log of the ${guest === "armistice" ? "Armistice build on Intellio" : "Intellio build on Armistice"} is the command line's, byte for byte`, () => {
    for (const name of ["print42", "countdown", "words", "call", "selfmod"]) {
      const a = core.assemble(readFileSync(join(TRANSLATE, name + ".pasm"), "utf8"), guest);
      assert.equal(a.ok, true, name);
      const t = core.translateGuest(guest, a.bytes, "", 10000);
      const got = "--- output\n" + t.output + "--- exit status " + t.exitStatus + "\n--- log\n" + t.log;
      assert.equal(got, readFileSync(join(TRANSLATE, dir + name + ".log"), "utf8"), `${dir}${name}.log`);
    }
  });
}

test("the Armistice build on Intellio: spills, fills and byte swaps are in the log and counted", () => {
  const t = core.translateGuest("armistice", ARMISTICE_42, "", 0);
  assert.equal(t.output, "42\n");
  assert.equal(t.exitStatus, 0);
  assert.equal(t.stats.guestInstructions, 4);
  assert.match(t.log, /^IN:  guest block at 0100h \(4 instructions\)\n  0100h  36 01 00 10  mov a, 10h\n/);
  assert.match(t.log, /\n  0105h  A0 88 02 00  mov \[0002h\], b {7}; spill a\n/);
  assert.match(t.log, /\n  0113h  CD 13        int 13h\n/);
  assert.match(t.log, /\nhost code made: {5}10 instructions \(26 bytes\): 0 fills and 3 spills of guest registers, 0 byte-swapped words, 0 flag saves\n$/);
  // A table of words summed in a loop: each word load an alignment test and a byte swap.
  const src = "mov b, table\nmov c, 0\nmov d, 4\nagain: load a, [b]\nadd c, a\nadd b, 2\nsub d, 1\ncmp d, 0\njnz again\n" +
    "mov a, 10h\nint 13h\nhalt\ntable: .word 1, 2, 3, 4\n";
  const w = core.translateGuest("armistice", core.assemble(src, "armistice").bytes, "", 0);
  assert.equal(w.output, "10\n");
  assert.match(w.log, /test d, 1 +; guest words are aligned\n/);
  assert.match(w.log, /shl c, 8 +; byte swap\n/);
  assert.match(w.log, /[1-9]\d* byte-swapped words/);
});

test("the misdecode through the emulator: the other CPU's build is read as the guest reads code", () => {
  // Intellio's Print(42) handed to the Armistice guest's emulator: and r10, 1022h eats 22 2A, then CD 13 F4 00 is illegal.
  const a = core.translateGuest("armistice", INTELLIO_42, "", 0);
  assert.equal(a.outcome, "FAULT");
  assert.equal(a.exitStatus, 132);
  assert.equal(a.fault.pc, 0x104);
  assert.match(a.log, /^IN:  guest block at 0100h \(1 instructions?\)\n  0100h  20 10 22 2A  and r10, 1022h\n/);
  // And the other way: Armistice's bytes as Intellio code die at 010Ch, as on the Intellio interpreter.
  const i = core.translateGuest("intellio", ARMISTICE_42, "", 0);
  assert.equal(i.exitStatus, 132);
  assert.equal(i.fault.pc, 0x10c);
  assert.equal(core.translateGuest("z80", ARMISTICE_42, "", 0).error, "unknown CPU 'z80' (known: armistice, intellio)");
});

test("a translated hang ends at the budget like the interpreter's", () => {
  const a = core.assemble("again: add b, 1\njmp again\n", "intellio");
  const t = core.translate(a.bytes, "", 10000);
  assert.equal(t.outcome, "BUDGET");
  assert.equal(t.exitStatus, 124);
  assert.equal(t.stats.guestInstructions, 10000);
});

test("a syntax error comes back at its line and column with the command line's text and hint", () => {
  const a = core.assemble("mov a, 10h\n.ascii \"hello\nhalt\n", "intellio");
  assert.equal(a.ok, false);
  assert.equal(a.bytes, "");
  const d = a.diagnostics[0];
  assert.equal(d.line, 2);
  assert.equal(d.severity, "error");
  assert.match(d.message, /^syntax error/);
  assert.equal(d.hint, 'a string ends with " on the same line');
  assert.match(d.text, /^program\.pasm:2:\d+: error: syntax error/);
  const unknown = core.assemble("mvo a, 10h\n", "armistice").diagnostics[0];
  assert.equal(unknown.hint, "did you mean 'mov'?");
  const port = core.assemble("out 1234h, 42\n", "intellio").diagnostics[0];
  assert.equal(port.message, "Intellio has no port I/O");
});

test("bad input gets a clear message, never an exception", () => {
  assert.equal(core.load("z80", "00", "", 0, 0).error, "unknown CPU 'z80' (known: armistice, intellio)");
  assert.equal(core.load("intellio", "2", "", 0, 0).error, "the bytes must be pairs of hex digits");
  assert.equal(core.load("intellio", "2X", "", 0, 0).error, "'2X' is not a hex byte");
  assert.equal(core.state(99999).error, "no machine 99999 is loaded (load a program first)");
  assert.equal(core.assemble("halt", "pdp11").error, "unknown CPU 'pdp11' (known: armistice, intellio)");
  assert.match(core.translate("00".repeat(0x10000), "", 0).error, /does not fit between 0100h and FFFFh/);
  const stopped = core.load("intellio", "F4", "", 0, 0).id;
  core.step(stopped);
  assert.equal(core.step(stopped).note, "the program has stopped: reset it or go back");
  assert.equal(core.reset(stopped).stopped, false);
});

test("a console: a read at the end of the input waits for a typed line, and End input gives FFFFh", () => {
  // echo numbers doubled until end of input (FFFFh)
  const src = "again: mov a, 21h\nint 13h\ncmp c, 0FFFFh\njz done\nadd c, c\nmov a, 10h\nint 13h\njmp again\ndone: halt\n";
  for (const cpu of ["armistice", "intellio"]) {
    const a = core.assemble(src, cpu);
    assert.equal(a.ok, true, a.diagnostics.map((d) => d.text).join(""));
    const id = core.load(cpu, a.bytes, "1\n", 0, 0).id;
    assert.equal(core.setInteractive(id, true).inputOpen, true);
    let s = core.run(id, 1000);
    assert.equal(s.waitingForInput, true, cpu);
    assert.equal(s.output, "2\n");
    assert.equal(core.step(id).waitingForInput, true, "a step waits too");
    core.input(id, "20\n");
    s = core.run(id, 1000);
    assert.equal(s.output, "2\n40\n", cpu);
    assert.equal(s.waitingForInput, true);
    const back = core.back(id, 3);
    assert.equal(back.output, "2\n", "back undoes the print and the read of the typed line");
    s = core.run(id, 1000);
    assert.equal(s.output, "2\n40\n", "and the line is read again");
    assert.equal(core.endInput(id).inputOpen, false);
    s = core.run(id, 1000);
    assert.equal(s.outcome, "HALT", cpu);
    assert.equal(core.input(id, "3\n").note, "the input is closed (Reset opens it again)");
    const batch = core.load(cpu, a.bytes, "1\n", 0, 0).id;
    assert.equal(runToEnd(batch).output, "2\n", "without a console the end of the input is the end, as on the command line");
  }
});

test("exec: a TXF header lets the loader refuse a foreign file, or hand it to the emulator", () => {
  const refused = core.exec(PRINT_42, "intellio", "armistice", false);
  assert.equal(refused.header, "7F 54 58 46 01 01 02 1E");
  assert.equal(refused.kind, "REFUSED");
  assert.equal(refused.message, "program.intellio.txf: exec format error: a TXF file for Intellio cannot run on Armistice (no enabled binfmt entry matches it)");
  assert.equal(refused.exitStatus, 126);
  const handed = core.exec(PRINT_42, "intellio", "armistice", true);
  assert.equal(handed.kind, "INTERPRETER");
  assert.equal(handed.interpreter, "toyisa-emulate-intellio");
  assert.equal(handed.output, "42\n");
  const native = core.exec(PRINT_42, "armistice", "armistice", false);
  assert.equal(native.kind, "NATIVE");
  assert.equal(native.output, "42\n");
  const other = core.exec(PRINT_42, "armistice", "intellio", false);
  assert.equal(other.kind, "REFUSED");
  assert.match(other.message, /a TXF file for Armistice cannot run on Intellio/);
  const back = core.exec(PRINT_42, "armistice", "intellio", true);
  assert.equal(back.header, "7F 54 58 46 01 02 02 A7");
  assert.equal(back.kind, "INTERPRETER");
  assert.equal(back.interpreter, "toyisa-emulate-armistice");
  assert.equal(back.output, "42\n");
});

test("compare gives the misdecode view of toyisa compare, word for word", async () => {
  const { readFileSync } = await import("node:fs");
  for (const [cpu, bytes] of [["intellio", INTELLIO_42], ["armistice", ARMISTICE_42]]) {
    const c = core.compare(bytes, 0);
    const golden = readFileSync(join(here, `../../repl/src/test/resources/cli/compare-${cpu}-binary.out`), "utf8");
    assert.equal(c.text, golden.slice(0, golden.indexOf("--- stderr")), cpu);
    assert.deepEqual(c.runs.map((r) => r.cpu), ["armistice", "intellio"]);
  }
  const i = core.compare(INTELLIO_42, 0);
  assert.equal(i.runs[0].shown[0].instruction, "and r10, 1022h");
  assert.equal(i.runs[1].shown.length, 4);
  assert.equal(i.runs[0].exitStatus, 132);
  assert.equal(i.runs[1].output, "42\n");
  assert.equal(core.compare("ZZ", 0).error, "'ZZ' is not a hex byte");
});

test("load takes a TXF file as the command line's run does, and refuses a corrupt one with its reason", () => {
  const a = core.assemble(PRINT_42, "intellio");
  assert.match(a.txf, /^7F 54 58 46 01 01 02 1E/);
  const s = core.load("intellio", a.txf, "", 0, 0);
  assert.equal(s.format, "TXF");
  assert.equal(s.pc, 0x100);
  assert.equal(runToEnd(s.id).output, "42\n");
  assert.equal(core.load("intellio", a.bytes, "", 0, 0).format, "RAW");
  const bad = core.load("intellio", "7F 54 58 46 01", "", 0, 0);
  assert.match(bad.error, /TXF/);
});

// The course the page carries: course.js, written by the build from the student edition.
async function catalog() {
  const { readFileSync } = await import("node:fs");
  const sandbox = {};
  new Function("self", readFileSync(join(here, "../target/course.js"), "utf8"))(sandbox);
  return sandbox.TOYISA_COURSE;
}

const hexOf = (buf) => [...buf].map((b) => b.toString(16).padStart(2, "0")).join(" ");

test("exerciseCheck gives the report of toyisa exercise check, word for word", async () => {
  const { readFileSync } = await import("node:fs");
  const poly = (await catalog()).exercises.find((e) => e.id === "polyglot");
  const r = core.exerciseCheck(JSON.stringify(poly), "polyglot.hex", hexOf(Buffer.from("20 10 22 2A CD 13 F4\n")));
  const golden = readFileSync(join(here, "../../repl/src/test/resources/cli/exercise-check-polyglot.out"), "utf8");
  // The command line's first line names the exercise; the rest is the report.
  const body = golden.slice(golden.indexOf("\n") + 1, golden.indexOf("--- stderr"));
  assert.equal(r.report, body);
  assert.deepEqual(r.results.map((x) => [x.name, x.passed]), [["Armistice: prints-42", false], ["Intellio: prints-42", true]]);
  assert.equal(r.score, 0.5);
  assert.equal(r.maxScore, 1);
});

test("every exercise's reference solution passes its visible tests in the page; no starter passes them all", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const course = await catalog();
  assert.ok(course.exercises.length >= 10);
  assert.deepEqual(course.broken, []);
  for (const e of course.exercises) {
    const dir = join(here, "../../courses/example", e.id);
    const solution = readdirSync(dir).find((f) => f.startsWith("solution."));
    const r = core.exerciseCheck(JSON.stringify(e), solution, hexOf(readFileSync(join(dir, solution))));
    assert.equal(r.error, undefined, e.id);
    assert.deepEqual(r.problems, [], e.id);
    assert.equal(r.results.length > 0, e.tests.length > 0, e.id);
    for (const x of r.results) assert.ok(x.passed, `${e.id}: ${x.name}\n${x.feedback}`);
    if (e.tests.length === 0) continue;
    const s = core.exerciseCheck(JSON.stringify(e), e.starterFile, hexOf(Buffer.from(e.starter)));
    assert.ok(s.results.some((x) => !x.passed), `${e.id}: the starter passes every visible test`);
  }
});

test("a solution saved with a byte-order mark and CR LF or lone CR line ends passes in the page as it does plain", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  for (const e of (await catalog()).exercises) {
    if (e.tests.length === 0) continue;
    const dir = join(here, "../../courses/example", e.id);
    const solution = readdirSync(dir).find((f) => f.startsWith("solution."));
    const text = readFileSync(join(dir, solution), "utf8");
    if (!/^[\x00-\x7f]*$/.test(text) || e.submit === "binary" && !e.accept.includes("hex")) continue;
    for (const end of ["\r\n", "\r"]) {
      const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\r?\n/g, end))]);
      const r = core.exerciseCheck(JSON.stringify(e), solution, hexOf(marked));
      assert.deepEqual(r.problems, [], e.id);
      for (const x of r.results) assert.ok(x.passed, `${e.id} with ${JSON.stringify(end)}: ${x.name}\n${x.feedback}`);
    }
  }
});

test("the exercise on the Armistice guest's log is in the page: its questions, the answers listed, none of the instructor's", async () => {
  const e = (await catalog()).exercises.find((x) => x.id === "translation-log-armistice");
  assert.ok(e, "the page's course lists translation-log-armistice");
  assert.equal(e.submit, "text");
  assert.deepEqual(e.questions.map((q) => q.id), ["spills", "b-lives-in", "word-load", "swaps", "flags"]);
  // The hidden answers never reach the page.
  assert.doesNotMatch(JSON.stringify(e), /host d|"four"|"six"/);
  const answers = "spills: 4\nb-lives-in: d\nword-load: 6\nswaps: 2\nflags: no\n";
  const r = core.exerciseCheck(JSON.stringify(e), "answers.txt", hexOf(Buffer.from(answers)));
  assert.deepEqual(r.problems, []);
  assert.match(r.report, /^answered {3}spills: 4\nanswered {3}b-lives-in: d\n/);
  assert.match(r.report, /not checked here: whether the answers are right\. The autograder compares them with the\ninstructor's answers \(5 questions, 5 points\)/);
  assert.equal(r.wellFormed, true);
});

test("a text exercise checked in the page says what it can check instead of score 0/0, as the command line does", async () => {
  const e = (await catalog()).exercises.find((x) => x.id === "translation-log-armistice");
  const r = core.exerciseCheck(JSON.stringify(e), "answers.txt", hexOf(Buffer.from("spills: 4\nswap: 2\n")));
  assert.doesNotMatch(r.report, /score: 0\/0/);
  assert.equal(r.unchecked, true);
  assert.equal(r.wellFormed, false);
  assert.match(r.report, /^answered {3}spills: 4\nNO ANSWER {2}b-lives-in\n/);
  assert.match(r.report, /\nUNKNOWN {4}swap: no question has this id, so this answer is not graded \(ids: spills, b-lives-in, word-load, swaps, flags\)\n/);
});

test("exerciseCheck refuses what is not an exercise of the catalog, and bad bytes, with a message", async () => {
  const sum = (await catalog()).exercises.find((e) => e.id === "sum");
  assert.equal(core.exerciseCheck("{", "x.pasm", "").error, "the exercise is not a JSON object");
  assert.equal(core.exerciseCheck("[]", "x.pasm", "").error, "the exercise is not a JSON object");
  assert.match(core.exerciseCheck(JSON.stringify({ id: "x" }), "x.pasm", "").error, /^x: 'submit' is missing or not a string$/);
  const huge = Object.assign({}, sum, { limits: { budget: 1e12, timeLimit: 10, outputLimit: 4096 } });
  assert.match(core.exerciseCheck(JSON.stringify(huge), "x.pasm", "00").error, /outside the limits an exercise may have/);
  assert.equal(core.exerciseCheck(JSON.stringify(sum), "x.pasm", "0").error, "the bytes must be pairs of hex digits");
  const empty = core.exerciseCheck(JSON.stringify(sum), "x.pasm", "");
  assert.deepEqual(empty.problems, ["x.pasm: the file is empty"]);
  assert.equal(empty.formatError, true);
  const binary = core.exerciseCheck(JSON.stringify(sum), "x.pasm", "FF FE 00 D8");
  assert.deepEqual(binary.problems, ["x.pasm: not a text file (UTF-8 expected)"]);
  const named = core.exerciseCheck(JSON.stringify(sum), "a\u001b[31m.pasm", "");
  assert.deepEqual(named.problems, ["a\\x1b[31m.pasm: the file is empty"]);
});

// ------------------------------------------------------------------ the X-ray

/** A golden of `toyisa disasm --fields`: its instructions, each with the lines under it. */
function fieldGolden(name) {
  const text = readFileSync(join(here, "../../repl/src/test/resources/cli", name + ".out"), "utf8");
  const blocks = [];
  for (const line of text.split("\n")) {
    const m = /^([0-9A-F]{4})h {2}((?:[0-9A-F]{2} ?)+?) +\S/.exec(line);
    if (m) blocks.push({ address: parseInt(m[1], 16), bytes: m[2].trim(), lines: [line] });
    else if (line.startsWith("       ") && blocks.length) blocks[blocks.length - 1].lines.push(line);
  }
  return blocks;
}

test("the X-ray of every form of both tables is the command line's field view (disasm --fields goldens)", () => {
  for (const cpu of ["armistice", "intellio"]) {
    const blocks = fieldGolden("disasm-fields-" + cpu);
    const rows = core.cpus().find((c) => c.id === cpu);
    assert.ok(rows, cpu);
    // The golden's bytes are the card's example of every form, one after another.
    const bytes = blocks.map((b) => b.bytes).join(" ");
    const cards = new Set();
    for (const b of blocks) {
      const x = core.xray(cpu, bytes, 0x100, b.address);
      assert.equal(x.error, undefined, x.error);
      assert.equal(fieldLines(x).join("\n"), b.lines.join("\n"), `${cpu} at ${b.address.toString(16)}`);
      cards.add(x.row.form);
      // The parts cover the instruction's bytes and bits exactly once, in order.
      let bit = 0;
      for (const p of x.parts) {
        assert.equal(p.firstByte * 8 + (7 - p.highBit), bit, `${cpu} ${x.row.form}: ${p.where} ${p.bits}`);
        bit = p.lastByte * 8 + (7 - p.lowBit) + 1;
      }
      assert.equal(bit, x.length * 8, `${cpu} ${x.row.form}: every bit has its part`);
    }
    assert.equal(cards.size, blocks.length, cpu + ": each form once");
  }
});

test("the X-ray of the same bytes on the wrong CPU: Armistice's and r10, 1022h and the illegal CD 13 F4", () => {
  for (const b of fieldGolden("disasm-fields-misread")) {
    assert.equal(fieldLines(core.xray("armistice", INTELLIO_42, 0x100, b.address)).join("\n"), b.lines.join("\n"));
  }
  const x = core.xray("armistice", INTELLIO_42, 0x100, 0x100);
  assert.deepEqual(x.parts.map((p) => [p.kind, p.name, p.raw, p.meaning]), [
    ["opcode", "opcode", "00100000", "20h"],
    ["constant", "imm", "10 22", "1022h, big-endian: 10 high, 22 low"],
    ["ignored", "-", "0010", "ignored"],
    ["register", "rd", "1010", "r10"],
  ]);
  const ill = core.xray("armistice", INTELLIO_42, 0x100, 0x104);
  assert.equal(ill.parts[0].kind, "illegal");
  assert.equal(ill.row, undefined);
  // The same bytes as Intellio reads them: two instructions where Armistice saw one.
  const i = core.xray("intellio", INTELLIO_42, 0x100, 0x100);
  assert.equal(i.text, "mov a, 10h");
  assert.deepEqual(i.parts.map((p) => [p.where, p.bits, p.name, p.meaning]), [
    ["byte 0", "7-3", "opcode", "00100b"], ["byte 0", "2-0", "rd", "a"], ["byte 1", "u8", "imm", "10h"]]);
});

test("the X-ray answers bad input with a message", () => {
  assert.match(core.xray("z80", "00", 0x100, 0x100).error, /unknown CPU 'z80'/);
  assert.match(core.xray("intellio", "2", 0x100, 0x100).error, /pairs of hex digits/);
  assert.match(core.xray("intellio", "00 00", 0xFFFF, 0xFFFF).error, /do not fit in memory at 0FFFFh/);
});

test("Run stops when a watched register or memory word changes, and at a conditional breakpoint's right hit", () => {
  const src = "mov b, 0\nloop: add b, 1\nstore [total], b\ncmp b, 1000\njnz loop\nhalt\ntotal: .word 0\n";
  for (const cpu of ["armistice", "intellio"]) {
    const a = core.assemble(src, cpu);
    assert.equal(a.ok, true, a.diagnostics.map((d) => d.text).join(""));
    const id = core.load(cpu, a.bytes, "", 0, 0).id;
    core.setLabels(id, Object.entries(a.labels).map(([n, v]) => n + " " + v).join(" "));
    const w = core.watch(id, "[total]");
    assert.equal(typeof w.watch, "number");
    let s = core.run(id, 100000);
    assert.equal(s.reason, "WATCH", cpu);
    assert.equal(s.newValue, 1);
    assert.equal(core.evaluate(id, "[total]").value, 1);
    assert.equal(core.deleteBreakpoint(id, w.watch).error, undefined);
    assert.match(core.watch(id, "q").error, /^no register 'q'/);
    assert.equal(core.setBreakpoint(id, a.labels.loop, "b == 700", 0).error, undefined);
    s = core.run(id, 100000);
    assert.equal(s.reason, "BREAKPOINT");
    assert.equal(core.evaluate(id, "b").value, 700);
    assert.match(core.setBreakpoint(id, a.labels.loop, "b ==", 0).error, /cannot read the address 'b =='/);
    const back = core.back(id, 100000);
    assert.equal(back.steps, 0, "back to the start across the run");
  }
});
