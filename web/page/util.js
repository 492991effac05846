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
