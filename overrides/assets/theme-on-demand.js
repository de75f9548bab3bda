// Material's own script waits in the page as an inert block (type="text/plain": overrides/main.html).
// Started, it runs the search worker, and the worker downloads the whole search index (about 850 KB
// gzip at 1,000 articles): a reader who only reads needs none of it. It starts here when the reader
// reaches for search, or arrives from a search result. Until then this file does the one job of
// Material's script that a reader would miss at once: the colour scheme.
(() => {
  "use strict";
  const held = document.querySelector("script[data-bu-theme-script]");
  if (!held) return;
  const form = document.querySelector('form[name="search"]');
  const query = form && form.querySelector("input[name=query]");
  // Without scripts Material hides search; it shows it when its script runs, and sizes the sidebars.
  // Search shows at once here, and the sidebars keep their scriptless height until then (site.css).
  const root = document.documentElement;
  root.classList.replace("no-js", "js");
  root.classList.add("bu-theme-waiting");
  let started = false;
  let running = false;

  const start = () => {
    if (started) return;
    started = true;
    const script = document.createElement("script");
    script.src = held.src;
    // Material starts on DOMContentLoaded, which has passed by now: announce it once more. None of the
    // site's own scripts listens for it.
    script.addEventListener("load", () => {
      const focused = document.activeElement;
      if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
      running = true;
      root.classList.remove("bu-theme-waiting");
      // Starting, Material closes search and takes the focus away: give it back to the search box.
      if (focused === query) {
        query.blur();
        query.focus();
      }
    });
    // A download that fails (a flaky connection) is tried again the next time the reader reaches for search.
    script.addEventListener("error", () => {
      script.remove();
      started = false;
    });
    document.body.append(script);
  };

  // ---- colour scheme, as Material 9's palette component sets it --------------------------------------
  // The scheme saved by an earlier choice, else the first whose media query matches (light or dark, as
  // the device prefers). The toggle shown is the one that switches to the next scheme.
  const inputs = Array.from(document.querySelectorAll('[data-md-component="palette"] input'));
  const KEYS = ["media", "scheme", "primary", "accent"];
  const apply = (index) => {
    const color = Object.fromEntries(KEYS.map((key) => [key, inputs[index].getAttribute(`data-md-color-${key}`)]));
    KEYS.forEach((key) => document.body.setAttribute(`data-md-color-${key}`, color[key]));
    inputs[index].checked = true;
    inputs.forEach((input, i) => {
      const label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    return { index, color };
  };
  if (inputs.length) {
    let saved = null;
    try {
      saved = __md_get("__palette");
    } catch (error) {
      // Storage blocked (private modes, settings): follow the device's preference.
    }
    const index = saved ? saved.index : inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches);
    apply(Math.min(Math.max(0, index), inputs.length - 1));
    // Material saves the scheme each time it starts, chosen or not. Only a reader's choice is saved here
    // (the privacy page says so): Material's saving is let through while a toggle is changing, and the
    // choice goes where Material looks for it (__md_set), so the two agree.
    const save = window.__md_set;
    let choosing = false;
    window.__md_set = (key, ...rest) => {
      if (key !== "__palette" || choosing) save(key, ...rest);
    };
    inputs.forEach((input, i) => input.addEventListener("change", () => {
      choosing = true;
      window.setTimeout(() => { choosing = false; });
      if (!running) __md_set("__palette", apply(i));
    }));
  }

  // ---- what starts Material's script -----------------------------------------------------------------
  const toggle = document.getElementById("__search");
  if (!form || !query) return;
  const open = () => {
    if (toggle) toggle.checked = true; // shows the search panel, as Material does on focus
    start();
  };
  form.addEventListener("focusin", open);
  // The search button on phones ticks the toggle: put the cursor in the box, as Material does.
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) query.focus(); });
  // Arriving from a search result (?h=words): Material marks the words found.
  if (new URLSearchParams(window.location.search).has("h")) start();
  // Material's search keys: f, s and /, outside a text field and without Ctrl, Alt or Cmd.
  const SEARCH_KEYS = new Set(["f", "s", "/"]);
  const typing = (element) => element instanceof HTMLElement &&
    (element.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName));
  document.addEventListener("keydown", (event) => {
    if (!running && event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false; // closes search while Material's script is still on its way
      query.blur();
      return;
    }
    if (running || event.ctrlKey || event.altKey || event.metaKey || !SEARCH_KEYS.has(event.key) ||
        typing(event.target)) return;
    event.preventDefault(); // the key opens search; it is not typed into the box
    query.focus();
  });
})();
