// What the built toyisa.vsix holds: the grammar, the launch configurations, the server jar — and
// nothing of the example course's solutions or hidden tests, inside the jar or out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vsix = join(here, "../toyisa.vsix");
const course = join(here, "../../../courses/example");

function unzip(zip, into) {
  execFileSync("unzip", ["-q", "-o", zip, "-d", into]);
  return into;
}

/** A source line without its comment, for comparing code. */
function code(line) {
  return line.replace(/;.*/, "").trim();
}

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

const root = unzip(vsix, mkdtempSync(join(tmpdir(), "toyisa-vsix-")));
const ext = join(root, "extension");
const jarDir = unzip(join(ext, "server/toyisa.jar"), mkdtempSync(join(tmpdir(), "toyisa-jar-")));

test("the vsix holds the language, its grammar and the three launch configurations", () => {
  const pkg = JSON.parse(readFileSync(join(ext, "package.json"), "utf8"));
  assert.deepEqual(pkg.contributes.languages[0].extensions, [".pasm", ".inc"]);
  const grammar = JSON.parse(readFileSync(join(ext, pkg.contributes.grammars[0].path), "utf8"));
  assert.equal(grammar.scopeName, "source.pasm");
  assert.ok(existsSync(join(ext, "language-configuration.json")));
  assert.ok(existsSync(join(ext, "snippets/pasm.json")));
  const names = pkg.contributes.debuggers[0].initialConfigurations.map((c) => c.name);
  assert.deepEqual(names, ["Run on Armistice", "Run on Intellio", "Emulate (Intellio on Armistice)"]);
  assert.ok(existsSync(join(ext, "node_modules/vscode-languageclient/package.json")), "the language client ships");
  assert.ok(existsSync(join(jarDir, "toyisa/cli/Toyisa.class")), "toyisa.jar ships");
});

test("no solution or hidden test of the example course ships", () => {
  const secrets = [];
  for (const ex of readdirSync(course)) {
    for (const name of ["solution.pasm", "hidden.toml"]) {
      const p = join(course, ex, name);
      if (!existsSync(p)) continue;
      // What a student is given (the starter) is no secret: only the solution's other lines are.
      const starter = join(course, ex, "starter.pasm");
      const given = new Set(existsSync(starter) ? readFileSync(starter, "latin1").split("\n").map(code) : []);
      const lines = readFileSync(p, "latin1").split("\n").map(code).filter((l) => l.length > 8 && !given.has(l));
      secrets.push({ name: `${ex}/${name}`, lines });
    }
  }
  assert.ok(secrets.length > 0, "the example course has solutions to look for");
  for (const f of [...files(ext), ...files(jarDir)]) {
    const shown = relative(root, f);
    assert.ok(!/^(solution|hidden)[^a-z]/i.test(f.split(/[\\/]/).pop()), `${shown} looks like a solution or hidden test`);
    if (f.endsWith(".jar") || statSync(f).size > 8 << 20) continue;
    const text = readFileSync(f, "latin1");
    for (const s of secrets) {
      // Three of a solution's own lines close together would give it away.
      for (let i = 0; i + 3 <= s.lines.length; i++) {
        const run = s.lines.slice(i, i + 3);
        if (run.every((l) => text.includes(l))) {
          const at = text.indexOf(run[0]);
          const near = text.slice(at, at + 400);
          assert.ok(!run.every((l) => near.includes(l)), `${shown} holds ${s.name}: ${run.join(" / ")}`);
        }
      }
    }
  }
});
