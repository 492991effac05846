// DebugClient spawns "runtime executable": this runs "java -jar toyisa.jar dap" in its place, on the
// same standard input and output. The jar is the one the build made (TOYISA_JAR overrides it).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const jar = process.env.TOYISA_JAR || join(here, "../../../repl/target/toyisa.jar");
const child = spawn(process.env.TOYISA_JAVA || "java", ["-jar", jar, "dap"], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(signal ? 1 : code ?? 0));
