// The search dialog (loaded by search.js when a reader first opens search), over Pagefind's index (pagefind/,
// written by every build: hooks/search_index.py). A query stays in this page: it is never put in an
// address, the history, storage or a log. A query that contains a crisis phrase (data/crisis-terms.yml and
// every helpline's name and number) shows a card with the crisis lines, in the language of the phrase. The
// pure functions are exported for the browser tests, which check every crisis phrase against
// `crisisLanguage` without typing each one.

// ---- crisis card ------------------------------------------------------------------------------------
// As hooks/between_us/search.py normalises phrases: lower case, no apostrophes, punctuation as spaces.
export const normalize = (text) => text.toLowerCase().replace(/['\u2019]/g, "")
  .replace(/[^\p{L}\p{N}_]+/gu, " ").trim().replace(/\s+/g, " ");
// As search.py's crisis_key: accents dropped too ("morír", "suicídio": readers often leave them out).
export const crisisKey = (text) => normalize(text.normalize("NFD").replace(/\p{M}/gu, ""));
// The language the crisis card shows for a query, or null: the rules of search.py's crisis_language. A
// phrase of another language than the page's alone shows that language ("quiero morir" on an English page).
export const crisisLanguage = (query, known, pageLanguage) => {
  const words = crisisKey(query);
  const texts = [words, words.replace(/([0-9]) (?=[0-9])/g, "$1")]; // "116 123" and "116123" alike
  const found = (within, alone = []) => texts.some((text) => alone.includes(text) ||
    within.some((phrase) => ` ${text} `.includes(` ${phrase} `)));
  const languages = Object.keys(known.languages)
    .filter((lang) => found(known.languages[lang].within, known.languages[lang].alone));
  if (languages.includes(pageLanguage) || (!languages.length && found(known.any))) return pageLanguage;
  return languages[0] ?? null;
};

// ---- the query Pagefind gets -------------------------------------------------------------------------
// Pagefind looks for every word of a query, so "how to stop arguing with my wife" would match only
// pages that also say "how", "to" and "my". Readers type whole sentences: small words are left out
// (unless nothing else is left). The crisis card still reads the whole query.
const SMALL_WORDS = new Set(("a an the i im ive id me my mine myself we our us you your youre he him his she her " +
  "they them their it its is am are was were be been being do does did doing have has had having to of in on " +
  "at for with about from by into over as and or but so if then than that this these those there what whats " +
  "how why when where who which can cant could should would will wont just very really too feel feeling " +
  "felt get gets got getting keep keeps any some now right anymore always never ever still ok okay normal").split(" "));
export const searchWords = (query) => {
  const words = normalize(query).split(" ");
  const kept = words.filter((word) => !SMALL_WORDS.has(word));
  return kept.length ? kept : words;
};

// Wires the dialog (search.js has opened it already) and searches what is typed, from now on.
export const start = (root) => {
  const part = (name) => root.querySelector(`[data-bu-search-${name}]`);
  const dialog = part("dialog");
  const input = part("input");
  const status = part("status");
  const list = part("results");
  const more = part("more");
  const empty = part("empty");
  const crisis = part("crisis");
  const site = new URL(root.dataset.buSearchRoot, document.baseURI);
  // Results shown at once: each costs a download of its text (about 3 KB gzip). Three fill a phone's
  // screen; "More results" shows three more.
  const PAGE = 3;
  const REGION_KEY = "between-us-region"; // the reader's saved region (region.js)

  // ---- loading, on demand -----------------------------------------------------------------------------
  let engine = null;
  let phrases = null;
  const pagefind = () => {
    engine ??= import(new URL("pagefind/pagefind.js", site).href).then(async (module) => {
      await module.options({ baseUrl: site.pathname });
      await module.init();
      return module;
    }).catch((error) => {
      engine = null; // a flaky connection: try again on the next search
      throw error;
    });
    return engine;
  };
  const crisisPhrases = () => {
    phrases ??= fetch(new URL("search/crisis-phrases.json", site))
      .then((response) => response.json())
      .catch(() => {
        phrases = null;
        return { any: [], languages: {} };
      });
    return phrases;
  };

  const savedRegion = () => {
    try {
      return window.localStorage.getItem(REGION_KEY) || "";
    } catch (error) {
      return "";
    }
  };
  // The lines are the page's own crisis block (its HTML, from data/helplines.yml): the reader's saved
  // region, or every region in the block's order (region.js puts a linked or guessed region first).
  // Copies lose their ids, which the block keeps. In another language than the page's, the card's text is
  // in that language (data/strings, printed in every language by partials/search.html), and each line's
  // options in that language come first (988: press 2, text AYUDA).
  const pageLanguage = document.documentElement.lang || "en";
  let crisisShown = null;
  const fillCrisisLines = (language) => {
    crisis.querySelectorAll("[data-bu-search-crisis-text]").forEach((node) => {
      node.textContent = node.dataset[language] ?? node.dataset[pageLanguage];
    });
    if (language === pageLanguage) crisis.removeAttribute("lang");
    else crisis.lang = language;
    const target = crisis.querySelector("[data-bu-search-crisis-lines]");
    const sections = Array.from(document.querySelectorAll("[data-bu-crisis] .bu-crisis__region"));
    const chosen = sections.filter((section) => section.dataset.region === savedRegion());
    const copies = (chosen.length ? chosen : sections).map((section) => {
      const copy = section.cloneNode(true);
      copy.removeAttribute("aria-labelledby");
      copy.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
      copy.querySelectorAll(".bu-crisis__topic").forEach((node) => node.remove());
      copy.querySelectorAll("[data-bu-crisis-options]").forEach((options) => {
        const own = options.querySelector(`[data-bu-lang="${CSS.escape(language)}"]`);
        const first = options.firstElementChild;
        if (own && first !== own) first.before(own, own.previousSibling); // its separator with it
      });
      return copy;
    });
    target.replaceChildren(...copies);
  };
  const showCrisis = (language) => {
    if (language && language !== crisisShown) fillCrisisLines(language);
    crisisShown = language;
    crisis.hidden = !language;
  };

  // Pagefind finds only the pages with every word; a reader's words are rarely all on the page that
  // answers them ("he cheated can we fix it"). Each word is searched alone too, and a page ranks by the
  // sum of its scores: pages with more of the words, and with them in titles and headings, come first.
  // The single words need no more of the index than the whole query did.
  const rank = async (module, words) => {
    const searches = await Promise.all([words.join(" "), ...(words.length > 1 ? words : [])]
      .map((term) => module.search(term)));
    const pages = new Map();
    for (const { results } of searches) {
      for (const result of results) {
        const page = pages.get(result.id) ?? { result, score: 0 };
        page.score += result.score;
        pages.set(result.id, page);
      }
    }
    return Array.from(pages.values()).sort((a, b) => b.score - a.score).map((page) => page.result);
  };
  // Search that forgives typing: a word the index does not hold as it is (its quoted search, which
  // Pagefind does not stretch to other words, finds nothing) is searched as the nearest word the site uses
  // (search-spelling.js, which with the vocabulary loads only then), and the note above the results says
  // so: "Showing results for lonely". Nothing of the query leaves the page. The pages, and the query as
  // searched when it is not the reader's own (else null).
  const forgiving = async (module, query) => {
    const words = searchWords(query);
    const [found, exact] = await Promise.all([rank(module, words),
      Promise.all(words.map((word) => module.search(`"${word}"`)))]);
    const missed = words.filter((_, i) => !exact[i].results.length);
    if (!missed.length) return { found, shown: null };
    const fixes = await import(new URL("search-spelling.js", import.meta.url).href)
      .then((spelling) => spelling.corrections(missed, site)).catch(() => new Map());
    if (!fixes.size) return { found, shown: null };
    const shown = normalize(query).split(" ").map((word) => fixes.get(word) ?? word).join(" ");
    return { found: await rank(module, searchWords(shown)), shown };
  };
  const spelling = part("spelling");
  const showSpelling = (shown) => {
    spelling.hidden = !shown;
    spelling.querySelector("[data-bu-search-spelling-words]").textContent = shown ?? "";
  };

  // ---- results ----------------------------------------------------------------------------------------
  // Pagefind's content of a page ends with the words readers use for it (hidden on the page): matches
  // there find the page, but an excerpt is made only from the page's own text, else its summary.
  const excerpt = (data) => {
    const words = data.content.split(/\s+/);
    const own = words.length - Number(data.meta.terms || 0);
    const hits = data.locations.filter((location) => location < own);
    const paragraph = document.createElement("p");
    paragraph.className = "bu-search__excerpt";
    if (!hits.length) {
      paragraph.textContent = data.meta.summary || "";
      return paragraph;
    }
    const LENGTH = 26;
    let start = hits[0];
    let best = 0;
    for (const hit of hits) {
      const count = hits.filter((other) => other >= hit && other < hit + LENGTH).length;
      if (count > best) [start, best] = [hit, count];
    }
    start = Math.max(0, Math.min(start - 5, own - LENGTH));
    const end = Math.min(own, start + LENGTH);
    const marked = new Set(hits);
    if (start > 0) paragraph.append("\u2026 ");
    for (let i = start; i < end; i += 1) {
      if (marked.has(i)) {
        const mark = document.createElement("mark");
        mark.textContent = words[i];
        paragraph.append(mark);
      } else {
        paragraph.append(words[i]);
      }
      paragraph.append(i + 1 < end ? " " : "");
    }
    if (end < own) paragraph.append(" \u2026");
    return paragraph;
  };
  // The section the matches are in, when they are all in one section with a heading of its own. The
  // site's own blocks ("In short", ids bu-...) repeat the text, so they do not count.
  const section = (data) => {
    const own = data.content.split(/\s+/).length - Number(data.meta.terms || 0);
    const matched = data.sub_results.filter((sub) => !sub.anchor?.id.startsWith("bu-") &&
      sub.locations.some((location) => location < own));
    return matched.length === 1 && matched[0].anchor ? matched[0] : null;
  };
  const link = (href, text, className) => {
    const anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = text;
    if (className) anchor.className = className;
    return anchor;
  };
  const item = (data) => {
    const li = document.createElement("li");
    li.className = "bu-search__result";
    const heading = document.createElement("h2");
    heading.append(link(data.url, data.meta.title || data.url, "bu-search__title"));
    li.append(heading);
    if (data.meta.topic) {
      const topic = document.createElement("p");
      topic.className = "bu-search__topic";
      topic.textContent = data.meta.topic;
      li.append(topic);
    }
    li.append(excerpt(data));
    const sub = section(data);
    if (sub) {
      const where = document.createElement("p");
      where.className = "bu-search__section";
      where.append("In the section ", link(sub.url, sub.title));
      li.append(where);
    }
    return li;
  };

  // ---- searching --------------------------------------------------------------------------------------
  let ticket = 0;
  let pending = [];
  const say = (text) => {
    status.textContent = text;
  };
  const clear = () => {
    list.replaceChildren();
    pending = [];
    more.hidden = true;
    empty.hidden = true;
    showCrisis(null);
    showSpelling(null);
  };
  const showMore = async (mine) => {
    const next = pending.splice(0, PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== ticket) return;
    list.append(...data.map(item));
    more.hidden = pending.length === 0;
  };
  const run = async () => {
    const mine = ++ticket;
    const query = input.value.trim();
    if (!query) {
      clear();
      say("");
      return;
    }
    // Help first: the crisis card shows as soon as the phrases are here, before any result.
    const known = await crisisPhrases();
    if (mine !== ticket) return;
    showCrisis(crisisLanguage(query, known, pageLanguage));
    say("Searching\u2026");
    let found;
    let shown;
    try {
      ({ found, shown } = await pagefind().then((module) => forgiving(module, query)));
    } catch (error) {
      if (mine === ticket) say("Search could not load. Check your connection and try again.");
      return;
    }
    if (mine !== ticket) return;
    showSpelling(shown);
    // A crisis word typed with a slip that no listed form covers ("suiciddal") counts as corrected.
    if (shown && !crisisShown) showCrisis(crisisLanguage(shown, known, pageLanguage));
    const count = found.length;
    list.replaceChildren();
    pending = found;
    empty.hidden = count > 0;
    await showMore(mine);
    // Announced once the results are on screen.
    if (mine === ticket) say(count === 0 ? "No results." : `${count} ${count === 1 ? "result" : "results"}.`);
  };
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  more.addEventListener("click", () => {
    const first = list.children.length;
    showMore(ticket).then(() => list.children[first]?.querySelector("a")?.focus());
  });

  // ---- the dialog and its keys ------------------------------------------------------------------------
  dialog.addEventListener("close", () => {
    ticket += 1; // a search still on its way is dropped (search.js has cleared the box)
    clear();
    say("");
  });
  pagefind().catch(() => {}); // start loading while the reader types
  if (input.value.trim()) run(); // typed while this file was on its way
  const links = () => Array.from(list.querySelectorAll("a.bu-search__title"));
  dialog.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault(); // a search box would only clear itself on the first Escape
      dialog.close();
    } else if (event.key === "ArrowDown" && (event.target === input || at >= 0)) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)]?.focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    } else if (event.key === "Enter" && event.target === input && all.length) {
      event.preventDefault();
      all[0].click();
    }
  });
};
