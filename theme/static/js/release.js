/* Release page: show and wire the "Copy link" and "Print" buttons.
   Without this file both stay hidden; the share links work without it. */
(function () {
  "use strict";
  var share = document.querySelector(".share");
  if (!share) {
    return;
  }
  var status = share.querySelector(".share__status");
  var copy = share.querySelector("[data-copy]");
  var print = share.querySelector("[data-print]");

  function reveal(button) {
    button.closest("li").hidden = false;
  }

  if (copy && navigator.clipboard) {
    reveal(copy);
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.copy).then(
        function () { status.textContent = copy.dataset.done; },
        function () { status.textContent = copy.dataset.copy; }
      );
    });
  }
  if (print && typeof window.print === "function") {
    reveal(print);
    print.addEventListener("click", function () { window.print(); });
  }
}());
