// The import preview: a paragraph's role changes with one key while focus is on
// its roles (q question, a answer, i intro, h headline, d dek, s heading, b bio,
// x left out); arrow keys work as in any radio group. The row's colour follows.
(function () {
  "use strict";
  function mark(input) {
    var row = input.closest(".block");
    if (!row) { return; }
    row.className = row.className.replace(/\brole-\S+/, "role-" + input.value);
    row.dataset.role = input.value;
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches(".transcript-import .block input[type=radio]")) {
      mark(event.target);
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.matches || !target.matches(".transcript-import .block input[type=radio]")) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var row = target.closest(".block");
    var choice = row.querySelector('input[data-key="' + event.key.toLowerCase() + '"]');
    if (!choice) { return; }
    event.preventDefault();
    choice.checked = true;
    choice.focus();
    mark(choice);
  });
})();
