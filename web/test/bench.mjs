// The speed of the interpreters in the page: opens bench.html in headless Chromium (from the
// built folder, no server), runs its measurement and prints guest MIPS per CPU and engine.
//   node test/bench.mjs [site-dir]
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.argv[2] || join(here, "../target/classes/toyisa/web/site"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(site, "bench.html")).href);
  const rows = await page.evaluate(() => window.measure());
  console.log("cpu        program         engine                     instructions       ms   MIPS");
  for (const r of rows) {
    console.log(`${r.cpu.padEnd(10)} ${r.program.padEnd(15)} ${r.engine.padEnd(26)} ${String(r.steps).padStart(12)} ${String(r.ms).padStart(8)} ${String(r.mips).padStart(6)}`);
  }
} finally {
  await browser.close();
}
