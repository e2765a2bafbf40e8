/* Progressive enhancement for teacher pages: show a "working" notice on slow forms.
   Everything works without this file. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy-message]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var notice = form.querySelector(".busy");
      if (notice) { notice.hidden = false; }
      var button = form.querySelector("button[type=submit]");
      if (button) { button.setAttribute("aria-disabled", "true"); }
    });
  });
})();
