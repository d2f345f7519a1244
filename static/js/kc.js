/* Kota Cerdas: small enhancements shared by every page (the pages work without them). */
(function () {
  "use strict";

  /* After a failed submit, put the keyboard and screen-reader focus on the error summary (or on the first field
     in error), so the reader hears what went wrong instead of starting again at the top of the page. */
  function focusErrors(root) {
    var target = root.querySelector("[data-error-summary], .errorlist-box") ||
      root.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (!target) return;
    if (!target.matches("input, select, textarea, button, a[href]")) target.setAttribute("tabindex", "-1");
    target.focus();
    if (target.scrollIntoView) target.scrollIntoView({block: "center"});
  }

  document.addEventListener("DOMContentLoaded", function () { focusErrors(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrors(event.target); });
})();
