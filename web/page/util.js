// Small helpers shared by the page's parts.
export const $ = (sel) => document.querySelector(sel);

export function hex4(n) {
  return (n & 0xFFFF).toString(16).toUpperCase().padStart(4, "0");
}

export function hex2(n) {
  return (n & 0xFF).toString(16).toUpperCase().padStart(2, "0");
}

export function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
