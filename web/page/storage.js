// Programs kept in the browser: explicit save and load (localStorage), export to a file, import
// from one, and a share link that carries the program in the URL fragment (#src=...).
import { $ } from "./util.js";

const KEY = "toyisa.programs";
const DRAFT = "toyisa.draft";

function readAll() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || "{}");
    return v && typeof v === "object" ? v : {};
  } catch (e) {
    return {};
  }
}

function writeAll(all) {
  localStorage.setItem(KEY, JSON.stringify(all));
}

/** UTF-8 text to base64url and back: the fragment of a share link. */
export function encodeSource(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeSource(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The program to start with: the share link's, else the last draft, else the fallback. */
export function initialSource(fallback) {
  const m = /^#src=([A-Za-z0-9_-]*)$/.exec(location.hash);
  if (m) {
    try {
      return decodeSource(m[1]);
    } catch (e) {
      // a damaged link: start from the draft instead
    }
  }
  try {
    const d = localStorage.getItem(DRAFT);
    if (d) return d;
  } catch (e) {
    // storage unavailable (a locked-down browser): nothing kept
  }
  return fallback;
}

export function initStorage(app, { setSource }) {
  const list = $("#prog-list");
  const refresh = () => {
    const all = readAll();
    list.innerHTML = '<option value="">Load a saved program…</option>' +
      Object.keys(all).sort().map((n) => `<option>${n.replace(/[&<>"]/g, "")}</option>`).join("");
  };
  refresh();
  const text = () => app.editor.state.doc.toString();
  let draftTimer = 0;
  app.listeners.push(() => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => { try { localStorage.setItem(DRAFT, text()); } catch (e) { /* not kept */ } }, 500);
  });
  $("#prog-save").onclick = () => {
    const name = (prompt("Save the program as:", list.value || "program") || "").trim();
    if (!name) return;
    const all = readAll();
    all[name] = text();
    writeAll(all);
    refresh();
    list.value = name;
  };
  list.onchange = () => {
    const all = readAll();
    if (list.value && all[list.value] !== undefined) setSource(all[list.value]);
  };
  $("#prog-delete").onclick = () => {
    if (!list.value) return;
    const all = readAll();
    delete all[list.value];
    writeAll(all);
    refresh();
  };
  $("#prog-export").onclick = () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text()], { type: "text/plain" }));
    a.download = (list.value || "program") + ".pasm";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  $("#prog-import").onchange = async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    if (f.size > 1000000) { alert("that file is too large for a program (more than 1 MB)"); return; }
    setSource(await f.text());
    e.target.value = "";
  };
  $("#prog-share").onclick = async () => {
    const link = location.href.replace(/#.*$/, "") + "#src=" + encodeSource(text());
    history.replaceState(null, "", link);
    try {
      await navigator.clipboard.writeText(link);
      $("#prog-share").textContent = "Link copied";
    } catch (e) {
      $("#prog-share").textContent = "Link in the address bar";
    }
    setTimeout(() => { $("#prog-share").textContent = "Share link"; }, 2000);
  };
  $("#prog-example").onclick = () => setSource(app.print42);
}

// ------------------------------------------------------------------ settings

const SETTINGS = "toyisa.settings";

/** A setting kept in this browser (the theme, the speed of a shown run, large type), or the fallback. */
export function setting(name, fallback) {
  try {
    const all = JSON.parse(localStorage.getItem(SETTINGS) || "{}");
    return all && Object.prototype.hasOwnProperty.call(all, name) ? all[name] : fallback;
  } catch (e) {
    return fallback;
  }
}

export function keepSetting(name, value) {
  try {
    const all = JSON.parse(localStorage.getItem(SETTINGS) || "{}") || {};
    all[name] = value;
    localStorage.setItem(SETTINGS, JSON.stringify(all));
  } catch (e) {
    // storage unavailable: the setting lasts as long as the page
  }
}
