/* Names for the admin's autocomplete boxes (select2): the box that takes the
   keyboard gets the label of the field it stands for, so that screen readers
   say which field it is (select2 labels it with its selection only). */
(function () {
  "use strict";

  function name(select) {
    const label = select.id && document.querySelector("label[for='" + CSS.escape(select.id) + "']");
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function label(root) {
    (root || document).querySelectorAll(".select2-selection[role=combobox]").forEach((box) => {
      const container = box.closest(".select2-container");
      const select = container && container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") return;
      const text = name(select);
      if (!text) return;
      box.setAttribute("aria-label", text);
      box.removeAttribute("aria-labelledby");
      // The selection inside is read as the box's value, not as a field of its own.
      const shown = box.querySelector(".select2-selection__rendered");
      if (shown) {
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      }
    });
  }

  // The boxes appear when Django's autocomplete script has run: name them
  // then (tried for up to five seconds).
  function labelAll(tries) {
    label();
    const waiting = Array.from(document.querySelectorAll("select.admin-autocomplete"))
      .filter((select) => !select.name.includes("__prefix__"))
      .some((select) => {
        const next = select.nextElementSibling;
        return !next || !next.querySelector(".select2-selection[aria-label]");
      });
    if (waiting && tries > 0) window.setTimeout(() => labelAll(tries - 1), 50);
    else document.documentElement.dataset.fieldsNamed = "true";
  }

  window.addEventListener("load", () => labelAll(100));
  document.addEventListener("formset:added", (event) => window.setTimeout(() => label(event.target), 0));
})();
