// Search that forgives typing: search-dialog.js loads this file only when a word of a query finds no page,
// and this file then fetches the site's vocabulary (search/vocabulary.txt: every indexed word, in bands of
// how common, written by each build: hooks/between_us/search_vocabulary.py). The query itself is never
// sent: the nearest word is looked for here, in the page.

// Words shorter than this are left as typed (too many words are one letter away); the build leaves them
// out of the vocabulary too.
const SHORTEST = 3;

// The file's words, in its order: each line is the number of first letters the word shares with the word
// before it (one digit) and the rest of its letters ("lone", then "4ly": "lonely"), as search_vocabulary.py
// writes them; letters, not UTF-16 units.
export const decode = (text) => {
  const words = [];
  let previous = "";
  for (const line of text ? text.split("\n") : []) {
    previous = Array.from(previous).slice(0, Number(line[0])).join("") + line.slice(1);
    words.push(previous);
  }
  return words;
};

// Each edition's own (its root's search/vocabulary.txt): a search over another edition's articles corrects
// a word to that edition's words.
const vocabularies = new Map();
const load = (site) => {
  if (!vocabularies.has(site.href)) {
    vocabularies.set(site.href, fetch(new URL("search/vocabulary.txt", site))
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.statusText))))
      .then(decode)
      .catch(() => {
        vocabularies.delete(site.href); // a flaky connection: tried again on the next miss
        return [];
      }));
  }
  return vocabularies.get(site.href);
};

// The edit distance of two words (a letter added, dropped or changed, or two neighbours swapped, as in
// "lonley", each count one), or limit + 1 as soon as it is sure to be more than `limit`.
export const distance = (a, b, limit) => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const change = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + change);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    if (Math.min(...row) > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
};

// The word of `words` (most common first, or in bands of how common) to search instead of `word`: the
// nearest, at most one edit away for a word of four letters or fewer and two for a longer one; of the
// nearest, the first in `words`. Null when the word starts a word of the vocabulary, has no near word, is
// short, or is not all letters.
export const nearest = (word, words) => {
  if (word.length < SHORTEST || !/^\p{L}+$/u.test(word)) return null;
  const limit = word.length <= 4 ? 1 : 2;
  let best = null;
  let bestDistance = limit + 1;
  for (const candidate of words) {
    if (candidate.startsWith(word)) return null; // a word known, or being typed: Pagefind finds its pages
    const d = distance(word, candidate, bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [candidate, d]; // an equal one later is as or less common
  }
  return best;
};

// The words to search instead of the `missed` ones, as a map (empty when none is near a known word).
export const corrections = async (missed, site) => {
  const words = await load(site);
  const fixes = new Map();
  for (const word of missed) {
    const fix = nearest(word, words);
    if (fix) fixes.set(word, fix);
  }
  return fixes;
};
