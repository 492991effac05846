// The page's Web Worker: the TeaVM-compiled core runs here, never on the page's own thread, so no
// guest program can freeze the page. The build appends this file to the core script; the core's
// exported functions are then globals of the worker (assemble, load, step, run, ...).
//
// Messages in:  {id, op, args}    an API call, answered once
//               {id, op: "go", sid}  run a session in slices until it stops, hits a breakpoint or is stopped
//               {op: "stop", sid}  stop a "go" between two slices
//               {id, op: "bench", cpu, bytes, steps, translated}  the fast loop (or the translator), timed
// Messages out: {id, result, done}  done=false for progress reports of a "go"
(function () {
  "use strict";
  // The JavaScript core's functions are the worker's globals; the WebAssembly one's are its exports.
  const api = () => self.toyisaCore || self;
  const stops = new Set();
  // A slice is sized to take about 4 ms, so a Stop is answered well within 100 ms even on a busy
  // machine. Between slices the worker yields through a message to itself (a timer would be
  // clamped to 4 ms), so the page's messages — a Stop — are handled in between.
  const SLICE_MS = 4;
  const yieldChannel = new MessageChannel();
  const yielded = [];
  yieldChannel.port1.onmessage = () => { const f = yielded.shift(); if (f) f(); };
  const yieldThen = (f) => { yielded.push(f); yieldChannel.port2.postMessage(0); };

  function call(op, args) {
    try {
      const text = api()[op].apply(null, args);
      return text === undefined ? {} : JSON.parse(text);
    } catch (err) {
      return { error: "internal error in " + op + ": " + (err && err.message ? err.message : String(err)) };
    }
  }

  function go(m) {
    stops.delete(m.sid);
    let slice = 256;
    let lastReport = performance.now();
    const tick = () => {
      if (stops.has(m.sid)) {
        stops.delete(m.sid);
        const s = call("state", [m.sid]);
        s.userStopped = true;
        postMessage({ id: m.id, result: s, done: true });
        return;
      }
      const t0 = performance.now();
      const r = call("run", [m.sid, slice]);
      const dt = performance.now() - t0;
      if (r.error || r.stopped || r.breakpoint || r.waitingForInput) {
        postMessage({ id: m.id, result: r, done: true });
        return;
      }
      if (dt < SLICE_MS / 2 && slice < (1 << 22)) slice *= 2;
      else if (dt > SLICE_MS * 1.5 && slice > 16) slice >>= 1;
      if (t0 - lastReport > 100) {
        lastReport = t0;
        postMessage({ id: m.id, result: r, done: false });
      }
      yieldThen(tick);
    };
    tick();
  }

  function bench(m) {
    const loaded = call("load", [m.cpu, m.bytes, "", m.steps + 1, 0]);
    if (loaded.error) return { error: loaded.error };
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
