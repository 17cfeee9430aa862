/*
 * Accessible names for the admin's widgets that come without one (found by axe-core,
 * tests/browser/test_accessibility.py):
 * - a tabular inline's fields have no <label>: each is named after its column's header;
 * - the searchable selects (select2, the autocomplete fields) are named after their <select>;
 * - an empty column header (the row's own column, a read-only inline's delete column) becomes
 *   a plain cell: a header without a name is announced as an unnamed column;
 * - the search icons of the two-box pickers (filter_horizontal) carry a name without a role.
 * Widgets added later (a new inline row, select2 opening) are named as they appear.
 */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim().replace(/:$/, "") : "";
  }

  function headerOf(control) {
    const cell = control.closest(".tabular td");
    const table = cell && cell.closest("table");
    if (!table || !table.tHead) {
      return "";
    }
    return text(table.tHead.rows[0].cells[cell.cellIndex]);
  }

  function nameOf(control) {
    const label = control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    return text(label) || control.getAttribute("aria-label") || headerOf(control);
  }

  function isNamed(control) {
    return control.labels.length || control.hasAttribute("aria-label") ||
      control.hasAttribute("aria-labelledby");
  }

  function nameAll() {
    document.querySelectorAll(".tabular td :is(input, select, textarea)").forEach((control) => {
      if (control.type !== "hidden" && !isNamed(control)) {
        const name = headerOf(control);
        if (name) {
          control.setAttribute("aria-label", name);
        }
      }
    });
    document.querySelectorAll("select + .select2-container").forEach((container) => {
      const name = nameOf(container.previousElementSibling);
      container.querySelectorAll(
        ".select2-selection, .select2-selection__rendered, .select2-search__field"
      ).forEach((part) => {
        if (name && part.getAttribute("aria-label") !== name) {
          part.setAttribute("aria-label", name);
        }
      });
    });
    document.querySelectorAll(".tabular thead th").forEach((header) => {
      if (!text(header) && !header.children.length) {
        const cell = document.createElement("td");
        cell.className = header.className;
        header.replaceWith(cell);
      }
    });
    document.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      queueMicrotask(() => {
        pending = false;
        nameAll();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
  });
})();
