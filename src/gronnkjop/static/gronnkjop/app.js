// Grønnkjøp's own few lines of script; every page works without them.
// After a form is sent back with errors, move keyboard and screen-reader focus to its error summary
// (WCAG 3.3.1), so the user hears what is wrong and can follow the links to the fields.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
  }
});

// A table wider than the screen scrolls sideways in its own box (app.css). A keyboard user can scroll
// it only when it can take focus, so such a table joins the tab order (named by its caption, as every
// table is) (WCAG 2.1.1); when it fits again it leaves it. Tables with links are reachable anyway,
// but one focus stop to scroll is still the quicker way across.
function markScrollingTables() {
  for (const box of document.querySelectorAll(".ds-table, .gk-scroll")) {
    if (box.matches(".gk-scroll > .ds-table")) continue; // its box scrolls, and is marked in the page
    const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.gkScroll = "1";
    } else if (!scrolls && box.dataset.gkScroll) {
      box.removeAttribute("tabindex");
      delete box.dataset.gkScroll;
    }
  }
}
document.addEventListener("DOMContentLoaded", markScrollingTables);
window.addEventListener("resize", markScrollingTables);
