/* Move-up / move-down buttons for admin inlines that have a "position" field.
   The buttons move the row on the page and renumber the position fields, so the
   order the editor sees is the order that is saved. Without JavaScript, editors
   type the position numbers themselves. */
(function () {
  "use strict";

  function rows(group) {
    return Array.from(group.querySelectorAll(".inline-related, tr.form-row"))
      .filter((row) => !row.classList.contains("empty-form") && row.querySelector(".position-input"));
  }

  function renumber(group) {
    let n = 1;
    rows(group).forEach((row) => {
      const deleted = row.querySelector("input[name$='-DELETE']");
      const input = row.querySelector(".position-input");
      if (deleted && deleted.checked) return;
      const filled = Array.from(row.querySelectorAll("textarea, select, input[type=text]"))
        .some((field) => field.value.trim() !== "");
      if (filled) input.value = n++;
    });
  }

  function move(row, direction) {
    const group = row.closest(".inline-group");
    const list = rows(group);
    const index = list.indexOf(row);
    const other = list[index + direction];
    if (!other) return;
    if (direction < 0) other.before(row); else other.after(row);
    renumber(group);
    row.querySelector(".order-buttons button[data-move='" + direction + "']").focus();
  }

  function addButtons(row) {
    if (row.querySelector(".order-buttons")) return;
    const input = row.querySelector(".position-input");
    if (!input) return;
    const box = document.createElement("span");
    box.className = "order-buttons";
    // The labels come from the field, in the admin's language (newsroom/admin/parts.py).
    const labels = [input.dataset.moveUp || "Move up", input.dataset.moveDown || "Move down"];
    [[-1, "↑", labels[0]], [1, "↓", labels[1]]].forEach(([direction, text, label]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.title = label;
      button.setAttribute("aria-label", label);
      button.dataset.move = direction;
      button.className = "button";
      button.addEventListener("click", () => move(row, direction));
      box.appendChild(button);
    });
    input.after(box);
  }

  function setUp() {
    document.querySelectorAll(".inline-group").forEach((group) => rows(group).forEach(addButtons));
  }

  document.addEventListener("DOMContentLoaded", setUp);
  // Rows moved, deleted or added by static/js/segment-keys.js.
  document.addEventListener("newsroom:reordered", (event) => renumber(event.detail.group));
  document.addEventListener("formset:added", (event) => addButtons(event.target));
})();
