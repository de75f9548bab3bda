// The colour scheme, as Material 9's palette component sets it (the site runs no Material script): the
// scheme a reader chose before, else the first whose media query matches (light or dark, as the device
// prefers). The toggle shown is the one that switches to the next scheme. Only a reader's own choice is
// saved (the privacy page says so), where Material keeps it (__md_set, "__palette").
(() => {
  "use strict";
  const inputs = Array.from(document.querySelectorAll('[data-md-component="palette"] input'));
  if (!inputs.length) return;
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
  let saved = null;
  try {
    saved = __md_get("__palette");
  } catch (error) {
    // Storage blocked (private modes, settings): follow the device's preference.
  }
  const index = saved ? saved.index : inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches);
  apply(Math.min(Math.max(0, index), inputs.length - 1));
  inputs.forEach((input, i) => input.addEventListener("change", () => {
    try {
      __md_set("__palette", apply(i));
    } catch (error) {
      apply(i); // not saved; this page still changes
    }
  }));
})();
