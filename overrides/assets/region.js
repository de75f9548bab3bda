// Crisis lines: the reader may put their own region first. The choice stays in this browser
// (localStorage, key "between-us-region"); it is never sent anywhere or guessed from location.
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

  const show = (id) => {
    const first = original.filter((section) => section.dataset.region === id);
    list.append(...first, ...original.filter((section) => section.dataset.region !== id));
    select.value = id;
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
