// The page's colours: light, dark or high contrast. "Automatic" follows the system's
// prefers-color-scheme (and prefers-contrast: more); a choice made here is kept in the browser.
import { $ } from "./util.js";
import { setting, keepSetting } from "./storage.js";

export const THEMES = ["auto", "light", "dark", "contrast"];

export function applyTheme(theme) {
  const t = THEMES.includes(theme) ? theme : "auto";
  if (t === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
  $("#theme").value = t;
}

export function initTheme() {
  applyTheme(setting("theme", "auto"));
  $("#theme").onchange = () => {
    applyTheme($("#theme").value);
    keepSetting("theme", $("#theme").value);
  };
}
