// Accessible names for admin controls that scripts build after the page loads, which carry none of their own:
// the rich-text editors (django-prose-editor), the autocomplete boxes (select2) and the fields of tabular inlines
// (whose column header is not a <label>). Each gets the text of the label of the field it stands for.
"use strict";
(function () {
  function labelText(field) {
    if (!field || !field.id) return "";
    const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameEditors() {
    document.querySelectorAll(".prose-editor").forEach((wrapper) => {
      const textarea = wrapper.querySelector("textarea");
      const editable = wrapper.querySelector("[contenteditable='true']");
      if (!textarea || !editable || editable.hasAttribute("aria-label")) return;
      editable.setAttribute("role", "textbox");
      editable.setAttribute("aria-multiline", "true");
      editable.setAttribute("aria-label", labelText(textarea) || textarea.name);
      const help = textarea.getAttribute("aria-describedby");
      if (help) editable.setAttribute("aria-describedby", help);
    });
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete, select[data-select2-id]").forEach((select) => {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      const name = labelText(select) || columnName(select);
      if (!name) return;
      container.querySelectorAll("[role='combobox'], [role='textbox'], .select2-search__field").forEach((control) => {
        if (!control.getAttribute("aria-label")) control.setAttribute("aria-label", name);
      });
    });
  }

  function columnName(field) {
    const cell = field.closest("td");
    const table = field.closest("table");
    if (!cell || !table) return "";
    const headers = table.querySelectorAll("thead th");
    const header = headers[Array.prototype.indexOf.call(cell.parentElement.children, cell)];
    if (!header) return "";
    const row = Array.prototype.indexOf.call(cell.parentElement.parentElement.children, cell.parentElement) + 1;
    return `${header.textContent.trim()} (row ${row})`;
  }

  function nameTabularFields() {
    document.querySelectorAll(".tabular td input, .tabular td select, .tabular td textarea").forEach((field) => {
      if (field.type === "hidden" || field.getAttribute("aria-label") || labelText(field)) return;
      const name = columnName(field);
      if (name) field.setAttribute("aria-label", name);
    });
  }

  function nameAll() {
    nameEditors();
    nameAutocompletes();
    nameTabularFields();
  }

  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      nameAll();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
})();
