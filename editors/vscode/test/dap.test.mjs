// The debug adapter (toyisa dap) driven by DebugClient of @vscode/debugadapter-testsupport: the
// client VS Code's own adapters are tested with. Run by the Maven build after the jar is made.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DebugClient } from "@vscode/debugadapter-testsupport";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");
const jar = process.env.TOYISA_JAR || join(here, "../../../repl/target/toyisa.jar");
const calls = join(fixtures, "calls.pasm");
const java = process.env.TOYISA_JAVA || "java";

/** What the command line says about a file, for comparison. */
function toyisa(...args) {
  return execFileSync(java, ["-jar", jar, ...args], { encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] });
}

let dc;
beforeEach(async () => {
  dc = new DebugClient(process.execPath, join(here, "adapter.mjs"), "toyisa");
  dc.defaultTimeout = 30000;
  await dc.start();
});
afterEach(async () => {
  await dc.stop();
});

/** Launches and sets line breakpoints once the adapter is initialized; resolves when configured. */
async function launch(args, lines = [], source = calls) {
  const configured = dc.waitForEvent("initialized").then(async () => {
    if (lines.length) {
      const r = await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: lines.map((line) => ({ line })) });
      for (const b of r.body.breakpoints) assert.ok(b.verified, b.message);
    }
    await dc.configurationDoneRequest();
  });
  await Promise.all([configured, dc.launch(args)]);
}

async function registers() {
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[0].id });
  const regs = scopes.body.scopes.find((s) => s.name === "Registers");
  const vars = await dc.variablesRequest({ variablesReference: regs.variablesReference });
  return Object.fromEntries(vars.body.variables.map((v) => [v.name, v.value]));
}

test("launch and stop on entry at the first line of code", async () => {
  await Promise.all([
    launch({ program: calls, cpu: "armistice", stopOnEntry: true }),
    dc.assertStoppedLocation("entry", { path: calls, line: 2 }),
  ]);
});

test("a breakpoint is hit at its line, with the call stack from bt", async () => {
  await Promise.all([
    launch({ program: calls, cpu: "intellio" }, [9]),
    dc.assertStoppedLocation("breakpoint", { path: calls, line: 9 }),
  ]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.deepEqual(st.body.stackFrames.map((f) => f.line), [9, 4]);
});

test("step over a call, then step back to it", async () => {
  await Promise.all([
    launch({ program: calls, cpu: "armistice" }, [4]),
    dc.assertStoppedLocation("breakpoint", { path: calls, line: 4 }),
  ]);
  const printed = dc.assertOutput("stdout", "3\n");
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { path: calls, line: 5 })]);
  await printed;
  await Promise.all([dc.stepBackRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { path: calls, line: 4 })]);
  await Promise.all([dc.stepInRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { path: calls, line: 9 })]);
  await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { path: calls, line: 5 })]);
});

test("reverse-continue goes back to the previous hit of a breakpoint", async () => {
  await Promise.all([
    launch({ program: calls, cpu: "armistice" }, [9]),
    dc.assertStoppedLocation("breakpoint", { path: calls, line: 9 }),
  ]);
  assert.match((await registers()).c, /\(3\)$/);
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation("breakpoint", { path: calls, line: 9 })]);
  assert.match((await registers()).c, /\(2\)$/);
  await Promise.all([dc.reverseContinueRequest({ threadId: 1 }), dc.assertStoppedLocation("breakpoint", { path: calls, line: 9 })]);
  assert.match((await registers()).c, /\(3\)$/);
});

test("conditional and hit-count breakpoints, a function breakpoint on a label", async () => {
  const configured = dc.waitForEvent("initialized").then(async () => {
    const r = await dc.setBreakpointsRequest({ source: { path: calls }, breakpoints: [{ line: 9, condition: "c == 1" }] });
    assert.ok(r.body.breakpoints[0].verified);
    await dc.configurationDoneRequest();
  });
  await Promise.all([configured, dc.launch({ program: calls, cpu: "armistice" }), dc.assertStoppedLocation("breakpoint", { line: 9 })]);
  assert.match((await registers()).c, /\(1\)$/);
  await dc.stop();

  dc = new DebugClient(process.execPath, join(here, "adapter.mjs"), "toyisa");
  dc.defaultTimeout = 30000;
  await dc.start();
  const configured2 = dc.waitForEvent("initialized").then(async () => {
    const r = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: "show", hitCondition: "2" }] });
    assert.ok(r.body.breakpoints[0].verified);
    await dc.configurationDoneRequest();
  });
  await Promise.all([configured2, dc.launch({ program: calls, cpu: "intellio" }), dc.assertStoppedLocation("breakpoint", { line: 9 })]);
  assert.match((await registers()).c, /\(2\)$/);
});

test("registers are writable; memory and disassembly match the command line", async () => {
  await Promise.all([
    launch({ program: calls, cpu: "armistice", stopOnEntry: true, disassembleAs: "intellio" }),
    dc.assertStoppedLocation("entry", { line: 2 }),
  ]);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[0].id });
  const regs = scopes.body.scopes.find((s) => s.name === "Registers").variablesReference;
  const set = await dc.setVariableRequest({ variablesReference: regs, name: "b", value: "1234h" });
  assert.match(set.body.value, /^1234h/);
  assert.match((await registers()).b, /^1234h/);
  const flags = scopes.body.scopes.find((s) => s.name === "Flags").variablesReference;
  const fv = await dc.variablesRequest({ variablesReference: flags });
  assert.deepEqual(fv.body.variables.map((v) => v.name), ["N", "Z", "C", "V"]);

  const dir = mkdtempSync(join(tmpdir(), "toyisa-dap-"));
  const bin = join(dir, "calls.bin");
  toyisa("asm", "--target", "armistice", "-o", bin, calls);
  const bytes = readFileSync(bin);
  const mem = await dc.customRequest("readMemory", { memoryReference: "0x0100", count: bytes.length });
  assert.deepEqual(Buffer.from(mem.body.data, "base64"), bytes);

  await dc.customRequest("writeMemory", { memoryReference: "0x0200", data: Buffer.from([0xAB, 0xCD]).toString("base64") });
  const back = await dc.customRequest("readMemory", { memoryReference: "0x0200", count: 2 });
  assert.deepEqual([...Buffer.from(back.body.data, "base64")], [0xAB, 0xCD]);

  // Intellio's reading of Armistice's bytes: the misdecode, as toyisa disasm --cpu intellio prints it.
  const dis = await dc.disassembleRequest({ memoryReference: "0x0100", instructionCount: 3 });
  const listing = toyisa("disasm", "--cpu", "intellio", bin);
  for (const insn of dis.body.instructions) {
    assert.ok(listing.includes(insn.instruction), `${insn.address} ${insn.instruction} not in\n${listing}`);
    assert.ok(listing.includes(insn.instructionBytes), `${insn.instructionBytes} not in\n${listing}`);
  }
  assert.notEqual(dis.body.instructions[0].instruction, "mov b, 3");
});

test("a program reads input typed in the debug console", async () => {
  const echo = join(fixtures, "echo.pasm");
  const asked = dc.waitForEvent("output");
  await launch({ program: echo, cpu: "intellio" });
  await asked;
  const printed = dc.assertOutput("stdout", "42\n");
  const exited = dc.waitForEvent("exited");
  await dc.evaluateRequest({ expression: "41", context: "repl" });
  await printed;
  assert.equal((await exited).body.exitCode, 0);
});

test("a program reads its input from a file", async () => {
  const echo = join(fixtures, "echo.pasm");
  const printed = dc.assertOutput("stdout", "42\n");
  await launch({ program: echo, cpu: "armistice", input: join(fixtures, "echo.input") });
  await printed;
});

test("a fault stops as an exception with the crash report, then exits with its status", async () => {
  const crash = join(fixtures, "crash.pasm");
  const stopped = dc.waitForEvent("stopped");
  await launch({ program: crash, cpu: "armistice" });
  const e = await stopped;
  assert.equal(e.body.reason, "exception");
  const dir = mkdtempSync(join(tmpdir(), "toyisa-dap-"));
  const bin = join(dir, "crash.bin");
  toyisa("asm", "--target", "armistice", "-o", bin, crash);
  let report = "";
  try {
    toyisa("run", "--cpu", "armistice", bin);
  } catch (err) {
    report = err.stderr.toString();
  }
  const headline = report.split("\n")[0];
  assert.ok(headline.length > 0 && e.body.text.includes(headline), `${e.body.text}\n---\n${report}`);
  const st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].line, 3);
  const exited = dc.waitForEvent("exited");
  await dc.continueRequest({ threadId: 1 });
  assert.equal((await exited).body.exitCode, 139);
});

test("exited carries the exit status", async () => {
  const exited = dc.waitForEvent("exited");
  await launch({ program: join(fixtures, "status.pasm"), cpu: "intellio" });
  assert.equal((await exited).body.exitCode, 7);
});

test("emulate runs an Intellio program on Armistice through the translator", async () => {
  const printed = dc.assertOutput("stdout", "3\n2\n1\n");
  const exited = dc.waitForEvent("exited");
  await launch({ program: calls, cpu: "intellio", emulate: true });
  await printed;
  assert.equal((await exited).body.exitCode, 0);
});

test("an unknown request gets an error answer, and the session goes on", async () => {
  await Promise.all([launch({ program: calls, cpu: "armistice", stopOnEntry: true }), dc.assertStoppedLocation("entry", { line: 2 })]);
  await assert.rejects(dc.customRequest("noSuchRequest", {}));
  await dc.threadsRequest();
});

test("a data breakpoint on a register stops where it changed", async () => {
  await Promise.all([launch({ program: calls, cpu: "armistice", stopOnEntry: true }), dc.assertStoppedLocation("entry", { line: 2 })]);
  const info = await dc.dataBreakpointInfoRequest({ variablesReference: 1, name: "c" });
  assert.ok(info.body.dataId, info.body.description);
  const set = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId }] });
  assert.ok(set.body.breakpoints[0].verified);
  // mov c, b on line 3 changes c: the run stops after it, at line 4.
  await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation("data breakpoint", { line: 4 })]);
});

test("binaries: a fat file's slice keeps its line table; a raw binary steps by instruction", async () => {
  const dir = mkdtempSync(join(tmpdir(), "toyisa-dap-"));
  const fat = join(dir, "calls.fat");
  toyisa("asm", "--target", "fat", "-o", fat, calls);
  await Promise.all([launch({ program: fat, cpu: "intellio" }, [9]), dc.assertStoppedLocation("breakpoint", { path: calls, line: 9 })]);
  await dc.stop();

  const raw = join(dir, "calls.bin");
  toyisa("asm", "--target", "armistice", "--format", "raw", "-o", raw, calls);
  dc = new DebugClient(process.execPath, join(here, "adapter.mjs"), "toyisa");
  dc.defaultTimeout = 30000;
  await dc.start();
  const stopped = dc.waitForEvent("stopped");
  await launch({ program: raw, cpu: "armistice", stopOnEntry: true });
  assert.equal((await stopped).body.reason, "entry");
  let st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].source, undefined);
  assert.equal(st.body.stackFrames[0].instructionPointerReference, "0x0100");
  await Promise.all([dc.stepInRequest({ threadId: 1 }), dc.waitForEvent("stopped")]);
  st = await dc.stackTraceRequest({ threadId: 1 });
  assert.equal(st.body.stackFrames[0].instructionPointerReference, "0x0104");
});

test("a line steps as a whole; the disassembly view steps by instruction, forwards and back", async () => {
  const div = join(fixtures, "div.pasm"); // divu c, 3 is push, mov, divu, pop on Intellio
  await Promise.all([launch({ program: div, cpu: "intellio", stopOnEntry: true }), dc.assertStoppedLocation("entry", { line: 2 })]);
  const where = async () => (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { line: 3 })]);
  const start = (await where()).instructionPointerReference;
  await Promise.all([dc.nextRequest({ threadId: 1, granularity: "instruction" }), dc.waitForEvent("stopped")]);
  const inside = await where();
  assert.equal(inside.line, 3);
  assert.notEqual(inside.instructionPointerReference, start);
  await Promise.all([dc.stepBackRequest({ threadId: 1, granularity: "instruction" }), dc.waitForEvent("stopped")]);
  assert.equal((await where()).instructionPointerReference, start);
  await Promise.all([dc.nextRequest({ threadId: 1 }), dc.assertStoppedLocation("step", { line: 4 })]);
  assert.match((await registers()).c, /\(4\)$/);
});

test("a source that does not assemble: launch fails with the assembler's message", async () => {
  await dc.initializeRequest();
  await assert.rejects(dc.launchRequest({ program: join(fixtures, "broken.pasm"), cpu: "intellio" }), /unknown instruction 'movv'/);
  await assert.rejects(dc.launchRequest({ program: join(fixtures, "calls.pasm"), cpu: "z80" }), /unknown CPU 'z80'/);
});
