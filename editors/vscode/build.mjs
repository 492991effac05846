// Builds toyisa.vsix: the npm packages from the committed lock file (when missing or older than
// it), toyisa.jar copied in (server/toyisa.jar), then @vscode/vsce. Run by the Maven build.
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const lock = join(here, "package-lock.json");
const installed = join(here, "node_modules/.package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log("editors/vscode: npm ci (from package-lock.json)");
  execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: here, stdio: "inherit" });
}
if (process.argv[2] === "deps") process.exit(0);
const jar = process.env.TOYISA_JAR || join(here, "../../repl/target/toyisa.jar");
if (!existsSync(jar)) throw new Error(`no ${jar}: build the repl module first`);
mkdirSync(join(here, "server"), { recursive: true });
copyFileSync(jar, join(here, "server/toyisa.jar"));
execFileSync(process.execPath, [join(here, "node_modules/@vscode/vsce/vsce"), "package", "--allow-missing-repository", "--skip-license",
  "-o", join(here, "toyisa.vsix")], { cwd: here, stdio: "inherit" });
