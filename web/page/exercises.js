// The exercises: a course's statements and starters, a submission written in the page (a second
// editor for source, a text box for bytes, answers or a binfmt entry) and its visible tests run by
// the command line's own grader in the worker (exerciseCheck), with the same feedback as
// `toyisa exercise check`. The course is course.js: the student edition's catalog, so the page
// never holds a hidden test or a solution.
import { marked } from "marked";
import { $, esc, bytesHex, combineDiagnostics } from "./util.js";
import { createEditor } from "./editor.js";

const DRAFTS = "toyisa.exercise.";
const NAMES = { armistice: "Armistice", intellio: "Intellio" };
const KIND = {
  source: "a portable source (.pasm), assembled for each CPU",
  binary: "bytes: hex text, or a raw, TXF or fat file",
  text: "answers, one 'id: answer' a line",
  binfmt: "a binfmt entry: magic, mask and offset lines",
};

// Statements are Markdown from the course; raw HTML in them is shown as text, never run.
marked.use({ renderer: { html: (token) => esc(token.text) } });

let app;
let showView, setSource;
const ex = { course: null, current: null, editor: null, bytes: null, fileName: null, checking: false };

function catalog() {
  const c = self.TOYISA_COURSE;
  return c && Array.isArray(c.exercises) ? c : { title: "no course", exercises: [], broken: [] };
}

function draftKey(e) {
  return DRAFTS + e.id;
}

function loadDraft(e) {
  try {
    const v = localStorage.getItem(draftKey(e));
    return v === null ? e.starter : v;
  } catch (err) {
    return e.starter;
  }
}

function saveDraft() {
  const e = ex.current;
  if (!e) return;
  try {
    localStorage.setItem(draftKey(e), answerText());
  } catch (err) {
    // a full or forbidden storage only loses the draft
  }
}

function answerText() {
  return ex.current && ex.current.submit === "source" ? ex.editor.state.doc.toString() : $("#ex-text").value;
}

function setAnswerText(text) {
  if (ex.current.submit === "source") ex.editor.dispatch({ changes: { from: 0, to: ex.editor.state.doc.length, insert: text } });
  else $("#ex-text").value = text;
}

function cpusOf(e) {
  return [...new Set(e.runs.map((r) => r.cpu))];
}

// As the grader names a run: "Armistice", "Intellio (translated)", "Armistice (jit)".
function runLabel(r) {
  return NAMES[r.cpu] + (r.engine === "interpreter" ? "" : ` (${r.engine})`);
}

function renderList() {
  const c = ex.course;
  $("#ex-course").textContent = c.title;
  $("#ex-list").innerHTML = c.exercises.map((e) =>
    `<li><button data-ex="${esc(e.id)}" aria-current="${e === ex.current}"><b>${esc(e.title)}</b>` +
    `<span class="small">${esc(e.lesson)}</span></button></li>`).join("") +
    (c.broken || []).map((b) => `<li class="broken small">${esc(b.id)}: ${esc(b.problem)}</li>`).join("");
}

function select(id) {
  const e = ex.course.exercises.find((x) => x.id === id);
  if (!e) return;
  if (ex.current) saveDraft();
  ex.current = e;
  ex.bytes = null;
  ex.fileName = null;
  renderList();
  const tests = e.tests.length;
  $("#ex-statement").innerHTML =
    `<h2>${esc(e.title)}</h2><p class="small">${esc(e.lesson)} · hand in ${esc(KIND[e.submit] || e.submit)}` +
    (e.runs.length ? ` · runs on ${esc(e.runs.map(runLabel).join(", "))}` : "") + "</p>" +
    marked.parse(e.statement, { async: false }) +
    (e.questions.length ? "<ol class=\"ex-questions\">" + e.questions.map((q) =>
      `<li><code>${esc(q.id)}</code>: ${esc(q.prompt)}</li>`).join("") + "</ol>" : "") +
    `<p class="small">${tests ? `${tests} visible test${tests === 1 ? "" : "s"} run here` : "No visible tests: the autograder grades this one"}` +
    "; your instructor's autograder may run hidden tests too.</p>";
  const source = e.submit === "source";
  $("#ex-editor").hidden = !source;
  $("#ex-text").hidden = source;
  $("#ex-to-editor").hidden = !source;
  $("#ex-file-label").hidden = e.submit !== "binary";
  $("#ex-file").textContent = "";
  setAnswerText(loadDraft(e));
  $("#ex-results").innerHTML = "";
  $("#ex-check").disabled = false;
}

async function check() {
  const e = ex.current;
  if (!e || ex.checking) return;
  saveDraft();
  const bytes = ex.bytes || new TextEncoder().encode(answerText());
  const fileName = ex.fileName || e.starterFile.replace(/^starter/, e.id);
  ex.checking = true;
  $("#ex-check").disabled = true;
  $("#ex-stop").disabled = false;
  $("#ex-results").innerHTML = `<div class="status">running the visible tests…</div>`;
  const r = await app.core.call("exerciseCheck", JSON.stringify(e), fileName, bytesHex(bytes));
  ex.checking = false;
  $("#ex-check").disabled = false;
  $("#ex-stop").disabled = true;
  if (e !== ex.current) return;
  renderResults(r);
}

function renderResults(r) {
  const box = $("#ex-results");
  if (r.abandoned) { box.innerHTML = `<div class="status fault">stopped: the tests were not finished</div>`; return; }
  if (r.error) { box.innerHTML = `<div class="status fault">${esc(r.error)}</div>`; return; }
  const passed = r.results.filter((x) => x.passed).length;
  const summary = r.results.length === 0
    ? (r.formatError ? "the submission cannot be graded as it is"
      : r.wellFormed === false ? "no visible tests to run, and the answers are not complete: see below"
        : "no visible tests to run: the answers file reads well")
    : `${passed} of ${r.results.length} passed · score ${r.score}/${r.maxScore}`;
  box.innerHTML =
    `<div class="status ${r.passed ? "halt" : r.results.length || r.problems.length ? "fault" : ""}" id="ex-summary">${esc(summary)}</div>` +
    r.problems.map((p) => `<pre class="ex-problem mono">${esc(p)}</pre>`).join("") +
    r.results.map((x) =>
      `<details class="ex-result ${x.passed ? "pass" : "fail"}"${x.passed ? "" : " open"}><summary>` +
      `<b>${x.passed ? "PASS" : "FAIL"}</b> ${esc(x.name)} <span class="small">${x.score}/${x.maxScore}` +
      (x.description ? " · " + esc(x.description) : "") + "</span></summary>" +
      `<pre class="mono">${esc(x.feedback)}</pre></details>`).join("") +
    `<details class="md-text"${r.unchecked ? " open" : ""}><summary>As <code>toyisa exercise check</code> prints it</summary><pre class="mono" id="ex-report">${esc(r.report)}</pre></details>`;
}

async function stop() {
  await app.core.stop(null);
}

function openFile(file) {
  if (file.size > 1 << 20) {
    $("#ex-file").textContent = `${file.name}: larger than 1 MiB`;
    return;
  }
  file.arrayBuffer().then((buf) => {
    ex.bytes = new Uint8Array(buf);
    ex.fileName = file.name;
    $("#ex-file").innerHTML = `${esc(file.name)} (${buf.byteLength} bytes) is handed in <button id="ex-file-close" title="Hand in the text box again">×</button>`;
    $("#ex-file-close").onclick = () => { ex.bytes = null; ex.fileName = null; $("#ex-file").textContent = ""; };
  });
}

function download() {
  const e = ex.current;
  if (!e) return;
  const blob = ex.bytes ? new Blob([ex.bytes]) : new Blob([answerText()], { type: "text/plain" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = ex.fileName || e.starterFile.replace(/^starter/, e.id);
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The combined diagnostics of the exercise's CPUs, for the exercise's editor. */
async function diagnostics(text) {
  const e = ex.current;
  if (!e || e.submit !== "source") return [];
  const cpus = cpusOf(e);
  const builds = await Promise.all(cpus.map((cpu) => app.core.call("assemble", text, cpu)));
  return combineDiagnostics(cpus.map((cpu, i) => [cpu, builds[i]]));
}

export function initExercises(a, page) {
  app = a;
  ({ showView, setSource } = page);
  ex.course = catalog();
  // The editor's diagnostics run on each pause in typing: the draft is kept then too.
  ex.editor = createEditor($("#ex-editor"), "", (text) => { saveDraft(); return diagnostics(text); }, () => {});
  let timer = null;
  $("#ex-text").oninput = () => { clearTimeout(timer); timer = setTimeout(saveDraft, 500); };
  $("#ex-list").onclick = (e) => { const b = e.target.closest("button[data-ex]"); if (b) select(b.dataset.ex); };
  $("#ex-check").onclick = check;
  $("#ex-stop").onclick = stop;
  $("#ex-starter").onclick = () => { if (ex.current) { setAnswerText(ex.current.starter); saveDraft(); } };
  $("#ex-to-editor").onclick = () => { setSource(answerText()); showView("code"); };
  $("#ex-download").onclick = download;
  $("#ex-file-input").onchange = (e) => { const f = e.target.files[0]; e.target.value = ""; if (f) openFile(f); };
  window.addEventListener("beforeunload", saveDraft);
  if (ex.course.exercises.length) select(ex.course.exercises[0].id);
  else $("#ex-statement").innerHTML = `<p>No course in this page (course.js is missing).</p>`;
  app.exercises = { select, check, state: ex };
}
