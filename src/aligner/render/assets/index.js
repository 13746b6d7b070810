/* The index: sort by a column, and search titles and text, all in the page (no request, no eval).
   Without the script the table lists every document, newest first. */
(function () {
  "use strict";
  document.documentElement.setAttribute("data-js", "on");
  var table = document.getElementById("docs");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var input = document.getElementById("q");
  var found = document.getElementById("found");

  function sortBy(header, ascending) {
    var key = header.getAttribute("data-key");
    var down = ascending === undefined ? header.getAttribute("aria-sort") !== "ascending" : ascending;
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) headers[i].setAttribute("aria-sort", "none");
    header.setAttribute("aria-sort", down ? "ascending" : "descending");
    var numeric = key === "coverage";
    rows.sort(function (a, b) {
      var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "zh-Hans-CN");
      return down ? order : -order;
    });
    for (var j = 0; j < rows.length; j++) body.appendChild(rows[j]);
  }

  table.tHead.addEventListener("click", function (event) {
    var header = event.target.closest("th");
    if (header) sortBy(header);
  });

  // On a phone the table is a list of cards without its header row: the same sort from a menu.
  var order = document.getElementById("order");
  order.addEventListener("change", function () {
    var header = table.tHead.querySelector('th[data-key="' + order.value + '"]');
    if (header) sortBy(header, order.value !== "date");
  });

  function search() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].getAttribute("data-text");
      var hit = words.every(function (word) { return text.indexOf(word) !== -1; });
      rows[i].hidden = !hit;
      if (hit) shown++;
    }
    found.textContent = shown + (shown === 1 ? " document" : " documents");
  }

  input.addEventListener("input", search);
})();
