// Builds the static page: bundles the page's modules (with CodeMirror) into one classic script,
// and puts the TeaVM-compiled core plus the worker glue into it as the Web Worker's source, so the
// folder works from any static host and opened straight from disk (no module scripts, no fetch).
//
//   node build.mjs [core.js] [out-dir] [--wasm=true]
import { build } from "esbuild";
import { readFileSync, mkdirSync, copyFileSync, existsSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const core = resolve(process.argv[2] || join(here, "target/teavm/toyisa-core.js"));
const out = resolve(process.argv[3] || join(here, "target/site"));

if (!existsSync(core)) {
  console.error(`build.mjs: ${core} is missing: build the core first (mvn -pl web -am package)`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });

const workerSource = {
  name: "worker-source",
  setup(b) {
    b.onResolve({ filter: /^virtual:worker-source$/ }, () => ({ path: "worker-source", namespace: "virtual" }));
    b.onLoad({ filter: /.*/, namespace: "virtual" }, () => ({
      contents: readFileSync(core, "utf8") + "\n" + readFileSync(join(here, "page/worker.js"), "utf8"),
      loader: "text",
    }));
  },
};

// The WebAssembly GC build of the core, when it was made (mvn -Pwasm): only the benchmark page uses
// it, to measure it against the JavaScript one. Its bytes travel inside the worker's source.
const withWasm = process.argv.includes("--wasm=true");
const wasmDir = join(here, "target/teavm-wasm");
const wasm = join(wasmDir, "toyisa-core.wasm");
const wasmWorkerSource = {
  name: "wasm-worker-source",
  setup(b) {
    b.onResolve({ filter: /^virtual:wasm-worker-source$/ }, () => ({ path: "wasm-worker-source", namespace: "virtual-wasm" }));
    b.onLoad({ filter: /.*/, namespace: "virtual-wasm" }, () => {
      if (!withWasm) return { contents: "", loader: "text" };
      if (!existsSync(wasm)) throw new Error(`${wasm} is missing: build it with mvn -pl web -am -Pwasm package`);
      const bytes = readFileSync(wasm).toString("base64");
      const contents = readFileSync(join(wasmDir, "toyisa-core.wasm-runtime.js"), "utf8") + "\n" +
        `self.toyisaCoreLoading = TeaVM.wasmGC.load(Uint8Array.from(atob("${bytes}"), (c) => c.charCodeAt(0)))` +
        ".then((t) => { self.toyisaCore = t.exports; });\n" +
        readFileSync(join(here, "page/worker.js"), "utf8");
      return { contents, loader: "text" };
    });
  },
};

for (const entry of ["app.js", "bench.js"]) {
  await build({
    entryPoints: [join(here, "page", entry)],
    outfile: join(out, entry),
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    legalComments: "none",
    plugins: entry === "bench.js" ? [workerSource, wasmWorkerSource] : [workerSource],
    loader: { ".pasm": "text", ".out": "text" },
    logLevel: "warning",
  });
}
for (const f of ["index.html", "bench.html", "style.css"]) copyFileSync(join(here, "page", f), join(out, f));
// The course: the built-in course's student edition, written by the Maven build (CourseCatalog);
// `toyisa web --course DIR` serves another in its place.
const course = join(here, "target/course.js");
if (!existsSync(course)) {
  console.error(`build.mjs: ${course} is missing: the Maven build writes it (mvn -pl web -am package)`);
  process.exit(1);
}
copyFileSync(course, join(out, "course.js"));
// The list of the page's files, for `toyisa web --export` (a jar cannot list a folder of its own).
writeFileSync(join(out, "site.txt"), readdirSync(out).filter((f) => f !== "site.txt").sort().join("\n") + "\n");
const size = statSync(join(out, "app.js")).size;
console.log(`page built in ${out} (app.js ${(size / 1024).toFixed(0)} KiB)`);
