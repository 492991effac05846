// Installs the page's npm packages from the committed lock file when they are missing or older
// than it (a fresh clone, a changed lock). Run by the Maven build before the page is bundled.
import { existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lock = join(here, "package-lock.json");
const installed = join(here, "node_modules/.package-lock.json");
if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
console.log("web: npm ci (the page's packages, from package-lock.json)");
execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], { cwd: here, stdio: "inherit" });
