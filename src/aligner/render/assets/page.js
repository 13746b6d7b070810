/* Pin a unit (its Chinese and English highlighted together) on tap, click, Enter or a link to it;
   Escape unpins. Everything else on the page works without this script. */
(function () {
  "use strict";
  var pinned = null;
  // Lets a stylesheet or a test tell that the script ran (its hash matched the policy).
  document.documentElement.setAttribute("data-js", "on");

  function unitOf(node) {
    while (node && node !== document) {
      if (node.classList && node.classList.contains("u")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function pin(unit, keep) {
    if (pinned && pinned !== unit) pinned.classList.remove("pin");
    if (unit && (keep || unit !== pinned)) {
      unit.classList.add("pin");
      pinned = unit;
    } else {
      if (unit) unit.classList.remove("pin");
      pinned = null;
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("a, input, label, button, summary")) return;
    // A reader selecting text to copy is not asking for a pin.
    if (window.getSelection && String(window.getSelection()).length) return;
    pin(unitOf(target), false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      pin(null, false);
      return;
    }
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.hasAttribute && target.hasAttribute("data-segment")) {
      event.preventDefault();
      pin(unitOf(target), false);
    }
  });

  function follow() {
    var id = location.hash.slice(1);
    if (!id) return;
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      return;
    }
    var unit = unitOf(document.getElementById(id));
    if (unit) pin(unit, true);
  }

  window.addEventListener("hashchange", follow);
  follow();

  // The table of contents starts folded where it would fill a phone's screen.
  var toc = document.querySelector(".toc details");
  if (toc && window.matchMedia && window.matchMedia("(max-width: 700px)").matches) toc.open = false;
})();
