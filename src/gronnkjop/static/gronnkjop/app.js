// Grønnkjøp's own few lines of script; every page works without them.
// After a form is sent back with errors, move keyboard and screen-reader focus to its error summary
// (WCAG 3.3.1), so the user hears what is wrong and can follow the links to the fields.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
  }
});
