// Printed handouts: a link on paper cannot be followed, so its address is printed after it (print.css
// shows the `.bu-print-href` span on paper only). Links within the site print their public address, taken
// from the page's canonical address (even when printed from a local copy). Each part of an address is kept
// whole and lines break between parts, as hooks/between_us/handout.py's address_html does; without this
// script, print.css prints other sites' addresses from the link itself.
(() => {
  "use strict";
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical ? canonical.href : window.location.href;
  const skip = /^(#|(?!https?:)[a-z][a-z0-9+.-]*:)/i; // in-page anchors; tel:, sms:, mailto: show what to dial
  document.querySelectorAll(".md-content a[href], .bu-crisis a[href]").forEach((link) => {
    const href = link.getAttribute("href");
    if (skip.test(href)) return;
    let address;
    try {
      address = new URL(href, base).href;
    } catch (error) {
      return; // Not a valid address: print the text alone.
    }
    const printed = document.createElement("span");
    printed.className = "bu-print-href";
    printed.append(" (");
    (address.match(/[^/?&=]*(?:[/?&=]+|$)/g) || []).filter(Boolean).forEach((part, index) => {
      if (index) printed.append(document.createElement("wbr"));
      const whole = document.createElement("span");
      whole.className = "bu-nobreak";
      whole.textContent = part;
      printed.append(whole);
    });
    printed.append(")");
    link.dataset.buPrintHref = address;
    link.after(printed);
  });
})();

// Collapsed sections print open: on paper they cannot be opened. (Material's script did this; the
// site runs none.)
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details:not([open])").forEach((details) => { details.open = true; });
});
