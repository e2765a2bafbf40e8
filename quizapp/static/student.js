/* Read-aloud for students: progressive enhancement. Without JavaScript or speechSynthesis the
   button stays hidden and every page works as before. */
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var buttons = document.querySelectorAll("button.read-aloud");
  Array.prototype.forEach.call(buttons, function (button) {
    var root = button.closest("[data-read-root]");
    if (!root) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var parts = [];
      var number = 0;
      Array.prototype.forEach.call(root.querySelectorAll(".read-text"), function (el) {
        var text = el.textContent.trim();
        if (!text) { return; }
        if (el.classList.contains("option-text")) {
          number += 1;
          text = "Answer " + number + ": " + text;
        }
        parts.push(text);
      });
      window.speechSynthesis.cancel();
      var utterance = new window.SpeechSynthesisUtterance(parts.join(". "));
      utterance.lang = document.documentElement.lang || "en";
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
  });
})();
