// The search dialog (loaded by search.js when a reader first opens search), over Pagefind's index (pagefind/,
// written by every build: hooks/search_index.py). A query stays in this page: it is never put in an
// address, the history, storage or a log. A query that contains a crisis phrase (data/crisis-terms.yml and
// every helpline's name and number) shows a card with the crisis lines, in the language of the phrase. On an
// edition in another language than the first, a search its pages do not answer is run over the first
// edition's articles, marked as in that language. The site's own words it shows come from
// partials/search.html (data/strings). The pure functions are exported for the browser tests, which check
// every crisis phrase against `crisisLanguage` without typing each one.

// ---- crisis card ------------------------------------------------------------------------------------
// As hooks/between_us/search.py normalises phrases: lower case, no apostrophes, punctuation as spaces.
export const normalize = (text) => text.toLowerCase().replace(/['\u2019]/g, "")
  .replace(/[^\p{L}\p{N}_]+/gu, " ").trim().replace(/\s+/g, " ");
// As search.py's crisis_key: accents dropped too ("morír", "suicídio": readers often leave them out).
export const crisisKey = (text) => normalize(text.normalize("NFD").replace(/\p{M}/gu, ""));
// The phrases of search/crisis-phrases.json with each slot ("{someone} hit me") filled in with each of its
// words ("he hit me", "my ex hit me", ...): the file is smaller with the slots. As search.py's expand.
export const expandPhrases = ({ slots, ...phrases }) => {
  const filled = (forms) => forms.flatMap((form) => form.split(" ").reduce((starts, word) => {
    const slot = /^\{([a-z_]+)\}$/.exec(word);
    return starts.flatMap((start) => (slot ? slots[slot[1]] : [word])
      .map((choice) => (start ? `${start} ${choice}` : choice)));
  }, [""]));
  const languages = Object.fromEntries(Object.entries(phrases.languages).map(([lang, known]) =>
    [lang, { within: filled(known.within), alone: filled(known.alone) }]));
  return { ...phrases, languages };
};
// The language the crisis card shows for a query, or null: the rules of search.py's crisis_language, over
// the phrases with their slots filled in. A phrase of another language than the page's alone shows that
// language ("quiero morir" on an English page).
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
// pages that also say "how", "to" and "my". Readers type whole sentences: the small words of the page's
// language (data/search-synonyms*.yml, `small_words`) are left out, unless nothing else is left; accents
// aside ("qué" and "que"). The crisis card still reads the whole query.
export const searchWords = (query, small) => {
  const words = normalize(query).split(" ");
  const kept = words.filter((word) => !small.has(crisisKey(word)));
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
  const fallbackNote = part("fallback");
  const site = new URL(root.dataset.buSearchRoot, document.baseURI);
  // On an edition in another language than the first: the first edition's root and language, searched when
  // this edition's pages have no result (partials/search.html).
  const fallbackRoot = root.dataset.buSearchFallbackRoot;
  const other = fallbackRoot ? new URL(fallbackRoot, document.baseURI) : null;
  // Results shown at once: each costs a download of its text (about 3 KB gzip). Three fill a phone's
  // screen; "More results" shows three more.
  const PAGE = 3;
  const REGION_KEY = "between-us-region"; // the reader's saved region (region.js)

  // ---- loading, on demand -----------------------------------------------------------------------------
  // Each edition has its own index (pagefind/ under its root); another address is another module, so the
  // first edition's index loads beside this one's, and only when a search needs it. Pagefind searches in
  // this page, not in its web worker: the worker's code (about 12 KB gzip) would come on top of
  // pagefind.js, which holds the same engine, and a first search must stay within its byte budget
  // (DECISIONS.md, "Pagefind searches in the page, without its worker").
  const engines = new Map();
  let phrases = null;
  const pagefind = (at = site) => {
    if (!engines.has(at.href)) {
      engines.set(at.href, import(new URL("pagefind/pagefind.js", at).href).then(async (module) => {
        await module.options({ baseUrl: at.pathname, noWorker: true });
        await module.init();
        return module;
      }).catch((error) => {
        engines.delete(at.href); // a flaky connection: try again on the next search
        throw error;
      }));
    }
    return engines.get(at.href);
  };
  const crisisPhrases = () => {
    phrases ??= fetch(new URL("search/crisis-phrases.json", site))
      .then((response) => response.json())
      .then(expandPhrases)
      .catch(() => {
        phrases = null;
        return { any: [], languages: {}, small_words: [] };
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
  // so: "Showing results for lonely". Nothing of the query leaves the page. The pages, the query as
  // searched when it is not the reader's own (else null), and whether the pages are only Pagefind's
  // stretches of words that no page holds ("autismo" on the Spanish pages): `loose`.
  const forgiving = async (module, query, small, at = site) => {
    const words = searchWords(query, small);
    const [found, exact] = await Promise.all([rank(module, words),
      Promise.all(words.map((word) => module.search(`"${word}"`)))]);
    const missed = words.filter((_, i) => !exact[i].results.length);
    if (!missed.length) return { found, shown: null, loose: false };
    const fixes = await import(new URL("search-spelling.js", import.meta.url).href)
      .then((spelling) => spelling.corrections(missed, at)).catch(() => new Map());
    if (!fixes.size) return { found, shown: null, loose: missed.length === words.length };
    const shown = normalize(query).split(" ").map((word) => fixes.get(word) ?? word).join(" ");
    return { found: await rank(module, searchWords(shown, small)), shown, loose: false };
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
  // The results shown are in the first edition's language when this edition's had none (then marked, and
  // their text marked as in that language); the site's own words around them stay in the page's.
  let resultsLanguage = pageLanguage;
  const inPageLanguage = (element) => {
    if (resultsLanguage !== pageLanguage) element.lang = pageLanguage;
    return element;
  };
  const item = (data) => {
    const li = document.createElement("li");
    li.className = "bu-search__result";
    if (resultsLanguage !== pageLanguage) li.lang = resultsLanguage;
    const heading = document.createElement("h2");
    heading.append(link(data.url, data.meta.title || data.url, "bu-search__title"));
    if (resultsLanguage !== pageLanguage) {
      const mark = inPageLanguage(document.createElement("span"));
      mark.className = "bu-search__mark";
      mark.textContent = list.dataset.fallbackMark;
      heading.append(" ", mark);
    }
    li.append(heading);
    if (data.meta.topic) {
      const topic = inPageLanguage(document.createElement("p"));
      topic.className = "bu-search__topic";
      // The topic's name in the page's language (data/strings: topics); the index holds the English one.
      topic.textContent = list.getAttribute(`data-topic-${data.meta.topic.toLowerCase()}`) ?? data.meta.topic;
      li.append(topic);
    }
    li.append(excerpt(data));
    const sub = section(data);
    if (sub) {
      const where = inPageLanguage(document.createElement("p"));
      where.className = "bu-search__section";
      const target = link(sub.url, sub.title);
      if (resultsLanguage !== pageLanguage) target.lang = resultsLanguage;
      where.append(`${list.dataset.inSection} `, target);
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
  // "3 results.", in the plural form the page's language uses for the number (data/strings: search.count).
  const plural = new Intl.PluralRules(pageLanguage);
  const counted = (count) => {
    const form = plural.select(count);
    const text = status.dataset[`count${form[0].toUpperCase()}${form.slice(1)}`] ?? status.dataset.countOther;
    return text.replace("{count}", String(count));
  };
  const showFallback = (language) => {
    resultsLanguage = language;
    if (fallbackNote) fallbackNote.hidden = language === pageLanguage;
  };
  const clear = () => {
    list.replaceChildren();
    pending = [];
    more.hidden = true;
    empty.hidden = true;
    showCrisis(null);
    showSpelling(null);
    showFallback(pageLanguage);
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
    say(status.dataset.searching);
    const small = new Set(known.small_words);
    let found;
    let shown;
    let loose;
    try {
      ({ found, shown, loose } = await pagefind().then((module) => forgiving(module, query, small)));
    } catch (error) {
      if (mine === ticket) say(status.dataset.failed);
      return;
    }
    // Never a dead end in another language: with no result here (or only stretches of words no page here
    // holds), the same search over the first edition's articles (its own index, loaded only now), each
    // marked. If they have none, or fail to load, this edition's results (or "No results") stand.
    let language = pageLanguage;
    if ((!found.length || loose) && other && mine === ticket) {
      const elsewhere = await pagefind(other).then((module) => forgiving(module, query, small, other))
        .catch(() => ({ found: [] }));
      if (elsewhere.found.length && !(found.length && elsewhere.loose)) { // stretches for stretches: stay
        ({ found, shown } = elsewhere);
        language = root.dataset.buSearchFallbackLang;
      }
    }
    if (mine !== ticket) return;
    showSpelling(shown);
    // A crisis word typed with a slip that no listed form covers ("suiciddal") counts as corrected.
    if (shown && !crisisShown) showCrisis(crisisLanguage(shown, known, pageLanguage));
    const count = found.length;
    list.replaceChildren();
    showFallback(language);
    pending = found;
    empty.hidden = count > 0;
    await showMore(mine);
    // Announced once the results are on screen.
    if (mine === ticket) say(count === 0 ? status.dataset.none : counted(count));
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
