// Crisis lines: the reader may put their own region first. The choice stays in this browser
// (localStorage, key "between-us-region"); it is never sent anywhere or guessed from location (the
// printed short box guesses from the browser's language, below, and stores nothing).
// A clinic's link may name a region (`?region=uk`): that page then shows it first, unless the reader
// has saved a choice of their own. The link's region is never stored; an unknown id is ignored.
(() => {
  "use strict";
  const KEY = "between-us-region";
  const select = document.querySelector("[data-bu-region-select]");
  if (!select) return;
  const list = select.closest("[data-bu-crisis]").querySelector(".bu-crisis__regions");
  const original = Array.from(list.children);
  const known = (id) => Array.from(select.options).some((option) => option.value === id);

  const first = (parent, rows, id) => {
    parent.append(...rows.filter((row) => row.dataset.region === id), ...rows.filter((row) => row.dataset.region !== id));
  };
  // The short crisis box on a printed article's first page (one per article in a pack): the region first,
  // and print.css then prints that region alone.
  const boxes = Array.from(document.querySelectorAll("[data-bu-crisis-short]"), (box) => {
    const rows = box.querySelector(".bu-crisis-short__regions");
    return { box, rows, original: Array.from(rows.children) };
  });
  const showShort = (id) => {
    boxes.forEach(({ box, rows, original: regions }) => {
      first(rows, regions, id);
      box.toggleAttribute("data-bu-chosen", id !== "");
    });
  };
  // The device's guess, for the short boxes only: the country of the browser's language ("en-GB": the
  // United Kingdom). Never stored, never sent; the block on screen keeps its order without a choice.
  const guessed = () => {
    for (const tag of navigator.languages || [navigator.language]) {
      try {
        const country = new Intl.Locale(tag).region;
        const row = country && boxes[0]?.original.find((region) => region.dataset.iso === country);
        if (row) return row.dataset.region;
      } catch (error) {
        // Not a language tag: try the next.
      }
    }
    return "";
  };

  const show = (id) => {
    first(list, original, id);
    select.value = id;
    showShort(id || guessed());
  };

  let saved = "";
  try {
    saved = window.localStorage.getItem(KEY) || "";
  } catch (error) {
    // Storage can be blocked (private modes, settings): the full list still shows, in the usual order.
  }
  let linked = "";
  try {
    linked = (new URLSearchParams(window.location.search).get("region") || "").toLowerCase();
  } catch (error) {
    // No usable address: the usual order.
  }
  show(saved && known(saved) ? saved : linked && known(linked) ? linked : "");
  select.closest("[hidden]")?.removeAttribute("hidden");

  select.addEventListener("change", () => {
    try {
      if (select.value) window.localStorage.setItem(KEY, select.value);
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      // Not saved; the order still changes on this page.
    }
    show(select.value);
  });
})();
