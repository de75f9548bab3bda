// Site search, on every page: the search button and keys (/ and s) open the dialog at once, and the rest
// (search-dialog.js, then Pagefind and its index) loads only then. A query is never put in an address,
// the history or storage; the dialog forgets it when it closes, or when the page is left.
const root = document.querySelector("[data-bu-search]");
const dialog = root?.querySelector("[data-bu-search-dialog]");
if (dialog && window.HTMLDialogElement) {
  const input = root.querySelector("[data-bu-search-input]");
  let loading = null;
  const load = () => {
    loading ??= import(new URL("search-dialog.js", import.meta.url).href).then((module) => module.start(root))
      .catch(() => {
        loading = null; // a flaky connection: tried again the next time search opens
        const status = root.querySelector("[data-bu-search-status]");
        status.textContent = status.dataset.failed; // in the page's language (partials/search.html)
      });
  };
  const open = () => {
    if (!dialog.open) {
      dialog.showModal();
      input.focus();
    }
    load();
  };
  dialog.addEventListener("close", () => {
    input.value = ""; // nothing a reader typed outlives the dialog
  });
  root.querySelector("[data-bu-search-open]").addEventListener("click", open);
  root.querySelector("[data-bu-search-close]").addEventListener("click", () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it, as on most sites.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  const typing = (element) => element instanceof HTMLElement &&
    (element.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(element.tagName));
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return;
    if (event.key === "/" || event.key === "s") {
      event.preventDefault(); // the key opens search; it is not typed into the box
      open();
    }
  });
  window.addEventListener("pagehide", () => dialog.close());
}
