// The page's scripts import one way: app.js is the top and hands each view what it needs of the
// page (showView, setSource, assembled, the debugger); no module imports one that imports it back.
//
//   node --test test/modules.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const pageDir = join(dirname(fileURLToPath(import.meta.url)), "../page");

/** Each page module's imports of other page modules (static, re-exports and dynamic), by file name. */
function importGraph(dir) {
  const graph = new Map();
  const spec = /(?:\bimport\s*(?:[\w*{}\s,$]*?\s*from\s*)?|\bexport\s*[\w*{}\s,$]*?\s*from\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js")).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const deps = new Set();
    for (const m of text.matchAll(spec)) {
      const target = normalize(m[1]);
      if (!target.includes("/") && target.endsWith(".js")) deps.add(target); // a module of the page itself
    }
    graph.set(file, [...deps].sort());
  }
  return graph;
}

/** The first import cycle found, as a path that ends where it starts, or null. */
export function findCycle(graph) {
  const state = new Map(); // absent: unseen, 1: on the path, 2: done
  const path = [];
  const visit = (node) => {
    state.set(node, 1);
    path.push(node);
    for (const next of graph.get(node) || []) {
      if (state.get(next) === 1) return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 2);
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

test("the page's modules import one another without a cycle", () => {
  const graph = importGraph(pageDir);
  // The reading of imports is checked too: app.js is seen to import its views.
  assert.ok(graph.get("app.js").includes("exercises.js") && graph.get("app.js").includes("util.js"), JSON.stringify(graph.get("app.js")));
  const cycle = findCycle(graph);
  assert.equal(cycle, null, cycle && `an import cycle: ${cycle.join(" → ")}`);
});

test("a cycle, direct or through others, is found", () => {
  assert.deepEqual(findCycle(new Map([["a.js", ["b.js"]], ["b.js", ["a.js"]]])), ["a.js", "b.js", "a.js"]);
  assert.deepEqual(findCycle(new Map([["a.js", ["util.js", "keys.js"]], ["keys.js", ["lecture.js"]], ["lecture.js", ["a.js"]], ["util.js", []]])),
    ["a.js", "keys.js", "lecture.js", "a.js"]);
  assert.equal(findCycle(new Map([["a.js", ["b.js", "c.js"]], ["b.js", ["c.js"]], ["c.js", []]])), null);
});
