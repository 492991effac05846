// The page's core (the TeaVM build) under node, as the page's worker calls it: every function
// answers one JSON text, read back here. TOYISA_CORE names another build of it.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const raw = createRequire(import.meta.url)(resolve(process.env.TOYISA_CORE || join(here, "../target/teavm/toyisa-core.js")));

export const core = new Proxy({}, { get: (_, op) => (...args) => { const t = raw[op](...args); return t === undefined ? undefined : JSON.parse(t); } });
