// Progressive enhancement only: the site works without JavaScript.
(function () {
  // Collapse the menu on small screens (it is open without JavaScript).
  var toggle = document.querySelector(".nav-toggle");
  if (toggle && window.matchMedia("(max-width: 899px)").matches) {
    toggle.removeAttribute("open");
  }
  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
