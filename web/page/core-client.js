// The page's side of the worker: promise-based calls, runs in slices, and a Stop that always
// answers — between two slices, or, when the worker is busy with one long call (a translated run),
// by ending the worker and starting a fresh one.
import workerSource from "virtual:worker-source";

export const STOP_DEADLINE_MS = 100;
/** How long a run in slices may take to stop before the worker is replaced anyway. */
const SLICED_DEADLINE_MS = 2000;
/** Calls that return at once (no guest code runs in them). */
const QUICK = new Set(["state", "memory", "disassemble", "setBreakpoints", "setInteractive", "dispose", "assemble", "input", "endInput"]);

export class Core {
  /** {@code source}: the worker's script; the page's own (the JavaScript core) unless given. */
  constructor(source) {
    this.url = URL.createObjectURL(new Blob([source || workerSource], { type: "text/javascript" }));
    this.generation = 0;
    /** Called when the worker was replaced: every machine in it is gone. */
    this.restartListeners = [];
    this.spawn();
  }

  spawn() {
    this.worker = new Worker(this.url);
    this.generation++;
    this.nextId = 1;
    this.pending = new Map();
    this.busy = 0; // calls sent and not answered
    this.ready = new Promise((resolve, reject) => {
      this.worker.onerror = (e) => reject(new Error("the core did not start: " + (e.message || "worker error")));
      this.worker.onmessage = (e) => {
        if (e.data && e.data.ready) {
          this.worker.onmessage = (ev) => this.receive(ev.data);
          resolve();
        }
      };
    });
  }

  receive(msg) {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (!msg.done) {
      if (p.progress) p.progress(msg.result);
      return;
    }
    this.pending.delete(msg.id);
    this.busy--;
    p.resolve(msg.result);
  }

  send(message, progress) {
    return this.ready.then(() => new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, progress, op: message.op });
      this.busy++;
      this.worker.postMessage(Object.assign({ id }, message));
    }));
  }

  call(op, ...args) {
    return this.send({ op, args });
  }

  /**
   * Runs a session until it ends, reaches a breakpoint or is stopped; progress every ~100 ms.
   * {@code start} begins another run instead of Continue: "next", "finish", or "until" with args [address].
   */
  go(sid, progress, start, args) {
    return this.send({ op: "go", sid, start, args }, progress);
  }

  bench(cpu, bytes, steps, translated = false, engine = "jit") {
    return this.send({ op: "bench", cpu, bytes, steps, translated, engine });
  }

  /**
   * Stops whatever runs. A "go" (a run in slices) stops between two slices: its promise resolves
   * with userStopped, the machine kept. A long call that cannot be sliced (a translated run) is
   * not answered in time: then the worker is ended and replaced, and the pending calls resolve
   * with {abandoned: true}. Resolves once the page may go on (true when the worker was replaced).
   */
  stop(sid) {
    if (sid !== undefined && sid !== null) this.worker.postMessage({ op: "stop", sid });
    if (this.busy === 0) return Promise.resolve(false);
    const gen = this.generation;
    const sliced = [...this.pending.values()].every((p) => p.op === "go" || QUICK.has(p.op));
    // A sliced run answers within a slice; only a machine starved by other work takes longer,
    // and its state is worth the wait. Anything else gets the deadline.
    const deadline = sliced ? SLICED_DEADLINE_MS : STOP_DEADLINE_MS - 20;
    return new Promise((resolve) => {
      const started = performance.now();
      const poll = () => {
        if (this.generation !== gen || this.busy === 0) return resolve(false);
        if (performance.now() - started >= deadline) {
          this.restart();
          return resolve(true);
        }
        setTimeout(poll, 2);
      };
      poll();
    });
  }

  /** Ends the worker; every session is gone, and every pending call resolves as abandoned. */
  restart() {
    this.worker.terminate();
    const pending = this.pending;
    this.spawn();
    for (const p of pending.values()) p.resolve({ abandoned: true, error: "stopped: the run was abandoned" });
    for (const f of this.restartListeners) f();
  }
}
