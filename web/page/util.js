// Small helpers shared by the page's parts.
export const $ = (sel) => document.querySelector(sel);

export function hex4(n) {
  return (n & 0xFFFF).toString(16).toUpperCase().padStart(4, "0");
}

export function hex2(n) {
  return (n & 0xFF).toString(16).toUpperCase().padStart(2, "0");
}

/** Bytes as the API takes them: {@code "20 10 22 2A"}. */
export function bytesHex(bytes) {
  return Array.from(bytes, hex2).join(" ");
}

export function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/**
 * The diagnostics of several builds of one source ({@code [[cpu, build], ...]}), each once, in
 * source order; one that only some CPUs report is tagged with them, as in a fat build.
 */
export function combineDiagnostics(builds) {
  const seen = new Map();
  for (const [cpu, b] of builds) {
    for (const d of (b && b.diagnostics) || []) {
      const key = d.line + ":" + d.column + ":" + d.message;
      const known = seen.get(key);
      if (!known) seen.set(key, { d, cpus: [cpu] });
      else if (!known.cpus.includes(cpu)) known.cpus.push(cpu);
    }
  }
  const out = [...seen.values()].map(({ d, cpus }) => {
    if (cpus.length === builds.length) return d;
    const tag = " [" + cpus.join(", ") + "]";
    const lines = (d.text || "").split("\n");
    lines[0] += tag;
    return Object.assign({}, d, { message: d.message + tag, text: lines.join("\n") });
  });
  return out.sort((x, y) => x.line - y.line || x.column - y.column);
}
