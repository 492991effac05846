// The tour: the seed's story on Print(42), the eight acts of `toyisa demo`, as a guided walk. Each
// act explains one step and can show it in the page's own views, from the real core.
import { $, esc } from "./util.js";

let app;
let showView, setSource, assembled, debuggerApi;
let act = 0;
/** What the last Show me of an exec act printed, and for which act: {act, text}. */
let shown = null;

function checkRadio(name, value) {
  const r = document.querySelector(`input[name="${name}"][value="${value}"]`);
  r.checked = true;
}

const ACTS = [
  {
    title: "One portable source: Print(42)",
    text: () => `<p>Four lines of portable assembly. The same text is assembled for two invented CPUs.</p><pre>${esc(app.print42)}</pre>`,
    show: async () => { setSource(app.print42); showView("code"); await assembled(); },
  },
  {
    title: "Two builds of the same source",
    text: () => {
      const a = app.builds.armistice, i = app.builds.intellio;
      return `<p>Armistice: fixed 4-byte instructions, big-endian constants. Intellio: 1 to 4 bytes, little-endian.</p>` +
        `<pre>Armistice ${a && a.ok ? a.bytes : "…"}\nIntellio  ${i && i.ok ? i.bytes : "…"}</pre>` +
        `<p>Armistice's <code>mov a, 10h</code> is <code>36 01 00 10</code> (opcode, register, big-endian constant); ` +
        `Intellio's is <code>20 10</code> (an opcode per register, one constant byte).</p>`;
    },
    show: async () => { setSource(app.print42); await assembled(); showView("code"); },
  },
  {
    title: "Each binary on its own CPU",
    text: () => `<p>Each build runs on the CPU it was made for, and prints <code>42</code>. ` +
      `Show me runs the Armistice build on Armistice; switch the target to Intellio and press Run for the other.</p>`,
    show: async () => {
      setSource(app.print42); await assembled(); showView("code");
      checkRadio("target", "armistice"); $("#wrong-build").checked = false;
      await debuggerApi.doRun(true);
    },
  },
  {
    title: "Each binary on the wrong CPU",
    text: () => `<p>Load the Intellio bytes on Armistice: it reads <code>20 10 22 2A</code> as one instruction, ` +
      `<code>and r10, 1022h</code> — it has eaten the next instruction as a constant — and dies on ` +
      `<code>CD 13 F4 00</code> with an illegal instruction. Intellio reads Armistice's bytes as seven wrong instructions.</p>`,
    show: async () => {
      setSource(app.print42); await assembled(); showView("code");
      checkRadio("target", "armistice"); $("#wrong-build").checked = true;
      await debuggerApi.doRun(true);
    },
  },
  {
    title: "The same bytes on both CPUs, side by side",
    text: () => `<p>The misdecode view steps both CPUs in lockstep over the same bytes: boxes above are Armistice's ` +
      `instructions, boxes below Intellio's; yellow bytes were eaten as operands by one CPU where the other began an instruction.</p>`,
    show: async () => {
      setSource(app.print42); await assembled();
      checkRadio("md-source", "intellio");
      showView("misdecode");
      $("#md-run").click();
    },
  },
  {
    title: "A header names the machine, so the loader can refuse a foreign file",
    text: () => `<p>A raw binary carries no word about its CPU. The TXF container starts with a header that names ` +
      `the machine (Armistice A7h, Intellio 1Eh), so the loader refuses a foreign file with <i>exec format error</i> ` +
      `instead of running garbage — unless binfmt hands it to an emulator. Show me runs the loader's rules ` +
      `(<code>toyisa exec --machine armistice print42.intellio.txf</code>) twice: with the Intellio binfmt entry ` +
      `disabled, and enabled.</p><pre id="tour-exec" class="mono"></pre>`,
    show: () => execTwice("intellio", "armistice"),
  },
  {
    title: "The emulator runs it anyway, by translating it",
    text: () => `<p>The emulator translates the Intellio code, block by block, into real Armistice instructions and ` +
      `runs them on the Armistice core: the foreign binary prints 42 after all. The translation view shows each guest ` +
      `block beside the host code made for it, and the counts.</p>`,
    show: async () => { setSource(app.print42); await assembled(); showTranslation("intellio"); },
  },
  {
    title: "The other way round: the Armistice binary on an Intellio machine",
    text: () => `<p>This is qemu-aarch64's case: an ARM-flavoured binary on an x86-flavoured machine. The binfmt entry ` +
      `<code>toyisa-armistice</code> matches the Armistice TXF header and hands the file to the emulator, which ` +
      `translates Armistice code into Intellio instructions. Sixteen guest registers live on eight host ones, in the ` +
      `host's own memory (fills and spills); big-endian, aligned words are byte-swapped on the little-endian host, ` +
      `with an alignment test; the port becomes a HAL call; the flags come from host compares only. Show me runs ` +
      `<code>toyisa exec --machine intellio print42.armistice.txf</code> with the entry disabled and enabled, then the ` +
      `translation view in this direction.</p><pre id="tour-exec" class="mono"></pre>`,
    // The source first: its builds coming in re-render the tour's card, which must keep exec's lines.
    show: async () => { setSource(app.print42); await assembled(); await execTwice("armistice", "intellio"); showTranslation("armistice"); },
  },
];

/** {@code toyisa exec --machine MACHINE} on the TXF build of Print(42) for BUILT, its binfmt entry disabled, then enabled. */
async function execTwice(built, machine) {
  const forAct = act; // the user may walk on while exec runs
  const lines = [];
  for (const binfmt of [false, true]) {
    const r = await app.core.call("exec", app.print42, built, machine, binfmt);
    if (r.error) { lines.push(r.error); continue; }
    lines.push(`$ toyisa binfmt --${binfmt ? "enable" : "disable"} toyisa-${built}`);
    lines.push(`$ toyisa exec --machine ${machine} ${r.file}      # starts ${r.header}`);
    if (r.kind === "REFUSED") lines.push(`toyisa exec: ${r.message}`, `(exit status ${r.exitStatus}: nothing ran)`);
    else lines.push(`${r.output.trimEnd()}      (handed to ${r.interpreter}; exit status ${r.exitStatus})`);
    lines.push("");
  }
  shown = { act: forAct, text: lines.join("\n") };
  if (act === forAct) $("#tour-exec").textContent = shown.text;
}

/** The translation view, translating the build of GUEST (its own build: no misdecode), run at once. */
function showTranslation(guest) {
  $("#tr-guest").value = guest;
  $("#tr-wrong").checked = false;
  showView("translate");
  $("#tr-run").click();
}

function render() {
  const a = ACTS[act];
  $("#tour-count").textContent = `Act ${act + 1} of ${ACTS.length}`;
  $("#tour-card").innerHTML = `<h2>${act + 1}. ${esc(a.title)}</h2>${a.text()}` +
    (a.show ? `<p><button id="tour-show">Show me</button></p>` : "");
  if (a.show) $("#tour-show").onclick = () => a.show();
  // A build coming in re-renders the card; what Show me printed for this act stays.
  if (shown && shown.act === act && $("#tour-exec")) $("#tour-exec").textContent = shown.text;
  $("#tour-prev").disabled = act === 0;
  $("#tour-next").disabled = act === ACTS.length - 1;
}

export function initTour(a, page) {
  app = a;
  ({ showView, setSource, assembled, debuggerApi } = page);
  $("#tour-prev").onclick = () => { if (act > 0) { act--; render(); } };
  $("#tour-next").onclick = () => { if (act < ACTS.length - 1) { act++; render(); } };
  app.listeners.push(() => { if ($("#view-tour").classList.contains("active")) render(); });
  render();
}
