// Quick exit, after GOV.UK's "Exit this page": the links leave at once; pressing Shift three
// times within 5 seconds does the same. An overlay hides the page before the next one loads. What a
// screen reader hears comes from the page's language (data/strings, data attributes of the status).
(() => {
  "use strict";
  const links = document.querySelectorAll("[data-bu-exit]");
  const overlay = document.querySelector("[data-bu-exit-overlay]");
  const status = document.querySelector("[data-bu-exit-status]");
  const dots = document.querySelector("[data-bu-exit-dots]");
  if (!links.length || !overlay || !status) return;
  const url = links[0].href;
  const PRESSES = 3;
  const WINDOW_MS = 5000;
  let presses = 0;
  let timer = null;
  let otherKeyDown = false;

  const words = status.dataset;
  const announce = (text) => { status.textContent = text; };
  const drawDots = () => { if (dots) dots.textContent = "\u2022".repeat(presses); };

  const reset = () => {
    presses = 0;
    window.clearTimeout(timer);
    drawDots();
  };

  const leave = (event) => {
    if (event) event.preventDefault();
    overlay.hidden = false;
    document.documentElement.classList.add("bu-exiting");
    announce(words.leaving);
    window.location.href = url;
  };

  links.forEach((link) => link.addEventListener("click", leave));

  // A press counts when Shift goes down and up with no other key in between: Shift held with
  // another key (typing a capital letter) does not count, and any other key starts the count again.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Shift") {
      if (!event.repeat) otherKeyDown = false;
      return;
    }
    otherKeyDown = true;
    if (presses) { reset(); announce(""); }
  });

  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift" || otherKeyDown) return;
    presses += 1;
    drawDots();
    window.clearTimeout(timer);
    if (presses >= PRESSES) { leave(); return; }
    const left = PRESSES - presses;
    announce((left === 1 ? words.pressOne : words.pressMany).replace("{n}", String(left)));
    timer = window.setTimeout(() => { reset(); announce(words.timedOut); }, WINDOW_MS);
  });

  // Back from the neutral site (page restored from the back-forward cache): show the page again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      overlay.hidden = true;
      document.documentElement.classList.remove("bu-exiting");
      reset();
      announce("");
    }
  });
})();
