/* Progressive enhancement of the proposal form (templates/participants/proposal_form.html).
 * Without JavaScript everything works by posting the form back; with it, the practice picker
 * shows matches while typing, and "Add a milestone row" adds the row in place. */
(function () {
  "use strict";
  var form = document.getElementById("proposal-form");
  if (!form) {
    return;
  }

  var picker = form.querySelector("[data-picker-url]");
  var results = document.getElementById("practice-results");
  var search = document.getElementById("practice-q");
  if (picker && results && search && window.fetch) {
    var timer = null;
    var latest = 0;
    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = search.value.trim();
        if (query.length < 2) {
          return;
        }
        var ticket = ++latest;
        var url = picker.getAttribute("data-picker-url") + "?q=" + encodeURIComponent(query);
        window.fetch(url, { credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.text() : Promise.reject(response.status);
          })
          .then(function (html) {
            // Only the answer to the latest keystroke is shown.
            if (ticket === latest) {
              results.innerHTML = html;
            }
          })
          .catch(function () {
            /* The "Search practices" button still works. */
          });
      }, 250);
    });
  }

  var addRow = document.getElementById("add-milestone");
  var template = document.getElementById("milestone-empty-row");
  var rows = document.getElementById("milestone-rows");
  var total = form.querySelector("input[name='milestones-TOTAL_FORMS']");
  var max = form.querySelector("input[name='milestones-MAX_NUM_FORMS']");
  if (addRow && template && rows && total) {
    addRow.addEventListener("click", function (event) {
      var count = parseInt(total.value, 10);
      if (isNaN(count) || (max && count >= parseInt(max.value, 10))) {
        return; /* let the server answer */
      }
      event.preventDefault();
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(count)));
      total.value = String(count + 1);
      var first = rows.lastElementChild.querySelector("select, textarea, input:not([type=hidden])");
      if (first) {
        first.focus();
      }
    });
  }
})();
