// toyisa dap's wire, spoken to directly: what a client that sends garbage gets back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

test("malformed messages get an error or are dropped; stdout carries only the protocol", async () => {
  const child = spawn(process.execPath, [join(here, "adapter.mjs")], { stdio: ["pipe", "pipe", "ignore"] });
  const exited = new Promise((resolve) => child.on("close", resolve));
  const frame = (text) => `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
  let out = "";
  child.stdout.on("data", (d) => (out += d.toString("utf8")));
  child.stdin.write(frame('{"seq":1,"type":"request","command":"initialize","arguments":{"adapterID":"toyisa"}}'));
  child.stdin.write(frame('{"seq":2,"type":"request","command":"launch","arguments":'));
  child.stdin.write(frame('{"seq":3,"type":"request","command":"threads"}'));
  child.stdin.end();
  assert.equal(await exited, 0);
  assert.ok(!out.includes("\tat "), "a stack trace on stdout");
  const bodies = [];
  for (let rest = out; rest.length; ) {
    const m = /^Content-Length: (\d+)\r\n\r\n/.exec(rest);
    assert.ok(m, `not a message on stdout: ${JSON.stringify(rest.slice(0, 80))}`);
    const body = Buffer.from(rest.slice(m[0].length), "utf8").subarray(0, Number(m[1])).toString("utf8");
    bodies.push(JSON.parse(body));
    rest = rest.slice(m[0].length + body.length);
  }
  assert.ok(bodies.some((b) => b.command === "initialize" && b.success));
  assert.ok(bodies.some((b) => b.command === "threads" && b.success), JSON.stringify(bodies));
});
