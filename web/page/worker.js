// The page's Web Worker: the TeaVM-compiled core runs here, never on the page's own thread, so no
// guest program can freeze the page. The build appends this file to the core script; the core's
// exported functions are then globals of the worker (assemble, load, step, run, ...).
//
// Messages in:  {id, op, args}    an API call, answered once
//               {id, op: "go", sid, start?, args?}  run a session in slices until it stops, hits a breakpoint
//                                    or is stopped; start names another run to begin (next, finish, until
//                                    with args [address]), which "run" then resumes;
//                                    the answer carries ran (instructions), runMs, mips and sliceMsMax
//               {op: "stop", sid}  stop a "go" between two slices
//               {id, op: "bench", cpu, bytes, steps, translated, engine}  the fast loop on the engine ("jit" or
//                                    "interpreter"), or the translator, timed
// Messages out: {id, result, done}  done=false for progress reports of a "go"
(function () {
  "use strict";
  // The JavaScript core's functions are the worker's globals; the WebAssembly one's are its exports.
  const api = () => self.toyisaCore || self;
  const stops = new Set();
  // A slice is sized to take about 10 ms, so a Stop is answered well within 100 ms even on a busy
  // machine, and the time between slices is a small part of a run. Between slices the worker
  // yields through a message to itself (a timer would be clamped to 4 ms), so the page's messages
  // — a Stop — are handled in between.
  const SLICE_MS = 10;
  const yieldChannel = new MessageChannel();
  const yielded = [];
  yieldChannel.port1.onmessage = () => { const f = yielded.shift(); if (f) f(); };
  const yieldThen = (f) => { yielded.push(f); yieldChannel.port2.postMessage(0); };
  // The slice size the last run settled on: the next run starts there rather than ramping up from
  // a few thousand again (on the jit a short run would otherwise be mostly ramp).
  let learnedSlice = 4096;

  function call(op, args) {
    try {
      const text = api()[op].apply(null, args);
      return text === undefined ? {} : JSON.parse(text);
    } catch (err) {
      return { error: "internal error in " + op + ": " + (err && err.message ? err.message : String(err)) };
    }
  }

  // A run's figures: instructions, time since it began, and the longest slice (the worst wait for a Stop).
  function figures(r, started, longest) {
    const ms = performance.now() - started;
    r.runMs = ms;
    r.mips = r.ran ? r.ran / ms / 1000 : 0;
    r.sliceMsMax = longest;
    return r;
  }

  function go(m) {
    stops.delete(m.sid);
    let slice = learnedSlice;
    let longest = 0;
    const started = performance.now();
    let lastReport = started;
    let ran = 0;
    const tick = () => {
      if (stops.has(m.sid)) {
        stops.delete(m.sid);
        const s = call("stop", [m.sid]);
        s.userStopped = true;
        s.ran = ran;
        postMessage({ id: m.id, result: figures(s, started, longest), done: true });
        return;
      }
      const t0 = performance.now();
      // The first slice may begin another kind of run (next, finish, until); "run" resumes it.
      const first = m.start && ran === 0 && !m.begun;
      m.begun = true;
      const r = first ? call(m.start, [m.sid, ...(m.args || []), slice]) : call("run", [m.sid, slice]);
      const dt = performance.now() - t0;
      if (dt > longest) longest = dt;
      if (r.ran) ran = r.ran;
      if (r.error || !r.running) {
        postMessage({ id: m.id, result: figures(r, started, longest), done: true });
        return;
      }
      if (dt < SLICE_MS / 4 && slice < (1 << 24)) slice *= 4;
      else if (dt < SLICE_MS / 2 && slice < (1 << 24)) slice *= 2;
      else if (dt > SLICE_MS * 1.5 && slice > 16) slice >>= 1;
      learnedSlice = slice;
      if (t0 - lastReport > 100) {
        lastReport = t0;
        postMessage({ id: m.id, result: figures(r, started, longest), done: false });
      }
      yieldThen(tick);
    };
    tick();
  }

  function bench(m) {
    const loaded = call("load", [m.cpu, m.bytes, "", m.steps + 1, 0]);
    if (loaded.error) return { error: loaded.error };
    if (m.engine) {
      const e = call("engine", [loaded.id, m.engine, 0]);
      if (e.error || e.note) return { error: e.error || e.note };
    }
    let r = loaded;
    const t0 = performance.now();
    while (!r.stopped && r.steps < m.steps && !r.error) r = call("runFast", [loaded.id, Math.min(10000000, m.steps - r.steps)]);
    const ms = performance.now() - t0;
    call("dispose", [loaded.id]);
    return { cpu: m.cpu, steps: r.steps, ms: ms, mips: r.steps / ms / 1000, outcome: r.outcome, output: r.output, error: r.error };
  }

  function benchTranslated(m) {
    const t0 = performance.now();
    const r = call("translate", [m.bytes, "", m.steps]);
    const ms = performance.now() - t0;
    if (r.error) return { error: r.error };
    return { cpu: "intellio", steps: r.steps, ms: ms, mips: r.steps / ms / 1000, outcome: r.outcome, output: r.output,
      hostPerGuest: r.stats.expansion };
  }

  self.onmessage = (e) => {
    const m = e.data;
    if (m.op === "stop") { stops.add(m.sid); return; }
    if (m.op === "go") { go(m); return; }
    if (m.op === "bench") { postMessage({ id: m.id, result: m.translated ? benchTranslated(m) : bench(m), done: true }); return; }
    postMessage({ id: m.id, result: call(m.op, m.args || []), done: true });
  };
  // The WebAssembly build of the core (the benchmark page only) is ready once its module is loaded.
  (self.toyisaCoreLoading || Promise.resolve()).then(
    () => postMessage({ ready: true }),
    (err) => { throw new Error("the core did not load: " + (err && err.message ? err.message : String(err))); });
})();
