// Printed handouts: a link on paper cannot be followed, so print.css writes its address after it.
// Links to other sites carry their full address already; this gives links within the site theirs,
// taken from the page's canonical address (the public site, even when printed from a local copy).
(() => {
  "use strict";
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical ? canonical.href : window.location.href;
  const skip = /^(#|[a-z][a-z0-9+.-]*:)/i; // in-page anchors, and addresses that are already full (http:, tel:)
  document.querySelectorAll(".md-content a[href], .bu-crisis a[href]").forEach((link) => {
    const href = link.getAttribute("href");
    if (skip.test(href)) return;
    try {
      link.dataset.buPrintHref = new URL(href, base).href;
    } catch (error) {
      // Not a valid address: print the text alone.
    }
  });
})();

// Collapsed sections print open: on paper they cannot be opened. (Material's script did this; the
// site runs none.)
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details:not([open])").forEach((details) => { details.open = true; });
});
