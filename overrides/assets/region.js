// Crisis lines: the reader may put their own region first. The choice stays in this browser
// (localStorage, key "between-us-region"); it is never sent anywhere.
// A clinic's link may name a region (`?region=uk`): that page then shows it first, unless the reader
// has saved a choice of their own. The link's region is never stored; an unknown id is ignored.
// Until the reader chooses, their region is guessed on this device: from the browser's time zone, else
// from the country in its languages ("en-GB"), with what each option carries (its time zones from
// data/time-zones.yml, its country code from data/helplines.yml). The guessed region comes first, every
// other region after it; the guess is never stored or sent, and the picker still says "All regions".
// A saved choice or a link's region comes first, the guess next. Without JavaScript: the usual order.
(() => {
  "use strict";
  const KEY = "between-us-region";
  const select = document.querySelector("[data-bu-region-select]");
  if (!select) return;
  const list = select.closest("[data-bu-crisis]").querySelector(".bu-crisis__regions");
  const original = Array.from(list.children);
  const options = Array.from(select.options).filter((option) => option.value);
  const known = (id) => options.some((option) => option.value === id);

  const guess = () => {
    let zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      // No time zone: the languages may still say.
    }
    const inZone = (names) => names.split(" ")
      .some((name) => name === zone || (name.endsWith("/") && zone.startsWith(name)));
    const byZone = options.find((option) => zone && inZone(option.dataset.zones || ""));
    if (byZone) return byZone.value;
    for (const tag of navigator.languages || []) {
      let country = "";
      try {
        country = new Intl.Locale(tag).region || "";
      } catch (error) {
        // Not a language tag this browser reads.
      }
      const byCountry = options.find((option) => country && option.dataset.iso === country);
      if (byCountry) return byCountry.value;
    }
    return "";
  };
  const guessed = guess();

  const first = (parent, rows, id) => {
    parent.append(...rows.filter((row) => row.dataset.region === id), ...rows.filter((row) => row.dataset.region !== id));
  };
  // The short crisis box on a printed article's first page (one per article in a pack): the chosen, linked
  // or guessed region first, and print.css then prints that region alone.
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
  const show = (id) => {
    const leading = [id, guessed].filter((region, at, all) => region && all.indexOf(region) === at);
    const ahead = leading.flatMap((region) => original.filter((section) => section.dataset.region === region));
    list.append(...ahead, ...original.filter((section) => !ahead.includes(section)));
    select.value = id;
    showShort(id || guessed);
  };

  let saved = "";
  try {
    saved = window.localStorage.getItem(KEY) || "";
  } catch (error) {
    // Storage can be blocked (private modes, settings): the full list still shows, the guess first.
  }
  let linked = "";
  try {
    linked = (new URLSearchParams(window.location.search).get("region") || "").toLowerCase();
  } catch (error) {
    // No usable address: the guess first.
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
