/* The questions and answers of the article form, from the keyboard:
   Alt+N a new question (the cursor in it), Tab from a question to its answer,
   Alt+ArrowUp / Alt+ArrowDown move the question the cursor is in (it moves at
   once; static/js/inline-order.js renumbers), Alt+Delete deletes it with an
   Undo. Each question folds away (Collapse / Expand; on a phone a long interview
   opens folded). A block of several questions and answers pasted into a
   question is offered split into segments by the transcript parser
   (interviews/segment_split.py). Without JavaScript the form works as Django's. */
(function () {
  "use strict";

  function text(tools, key, n) {
    return (tools.dataset[key] || "").split("{n}").join(String(n));
  }

  function setUp(tools) {
    const prefix = tools.dataset.prefix;
    const group = document.getElementById(prefix + "-group");
    if (!group) return;
    const announce = tools.querySelector(".segment-announce");
    const splitUrl = (document.getElementById("desk-editing") || {}).dataset;
    const csrf = document.querySelector("[name=csrfmiddlewaretoken]");

    function say(message) {
      announce.textContent = "";
      window.setTimeout(() => { announce.textContent = message; }, 20);
    }

    function rows() {
      return Array.from(group.querySelectorAll(".inline-related"))
        .filter((row) => !row.classList.contains("empty-form") && row.id !== prefix + "-empty");
    }

    function visibleRows() {
      return rows().filter((row) => !row.classList.contains("segment-deleted"));
    }

    function field(row, name) {
      return row.querySelector("[name$='-" + name + "']");
    }

    function isEmpty(row) {
      return ["question", "answer"].every((name) => !field(row, name) || !field(row, name).value.trim());
    }

    function numberOf(row) {
      return visibleRows().indexOf(row) + 1;
    }

    // -- a new question ------------------------------------------------------------

    function addRow() {
      const add = group.querySelector(".add-row a");
      if (!add) return null;
      add.click();
      const all = rows();
      return all[all.length - 1];
    }

    function newQuestion() {
      const list = visibleRows();
      const last = list[list.length - 1];
      const row = last && isEmpty(last) ? last : addRow();
      if (!row) return;
      expand(row);
      field(row, "question").focus();
    }

    // -- folding ---------------------------------------------------------------------

    function summary(row) {
      const question = field(row, "question");
      return question && question.value.trim() ? question.value.trim().slice(0, 90) : "";
    }

    function setFolded(row, folded) {
      row.classList.toggle("segment-folded", folded);
      const button = row.querySelector(".segment-fold");
      if (button) {
        button.setAttribute("aria-expanded", String(!folded));
        button.textContent = folded ? tools.dataset.expand : tools.dataset.collapse;
      }
      // A saved question is named in the heading already; a new one by this.
      const preview = row.querySelector(".segment-summary");
      if (preview && !row.classList.contains("has_original")) {
        preview.textContent = folded ? summary(row) : "";
      }
    }

    function expand(row) { setFolded(row, false); }

    // -- deleting, with undo ----------------------------------------------------------

    function remove(row) {
      const number = numberOf(row);
      const box = field(row, "DELETE");
      const kept = {};
      if (box) {
        box.checked = true;
      } else {
        // A row not saved yet: emptied (an empty new row is not saved), kept here.
        row.querySelectorAll("textarea, input[type=text], input[type=number], select").forEach((el) => {
          kept[el.name] = el.value;
          el.value = "";
        });
      }
      row.classList.add("segment-deleted");
      row.hidden = true;
      document.dispatchEvent(new CustomEvent("newsroom:reordered", { detail: { group: group } }));
      const toast = document.createElement("div");
      toast.className = "segment-undo";
      toast.setAttribute("role", "alert");
      toast.textContent = text(tools, "deleted", number) + " ";
      const undo = document.createElement("button");
      undo.type = "button";
      undo.className = "button";
      undo.textContent = tools.dataset.undo;
      undo.addEventListener("click", () => {
        if (box) box.checked = false;
        Object.entries(kept).forEach(([name, value]) => {
          const el = row.querySelector("[name='" + name + "']");
          if (el) el.value = value;
        });
        row.classList.remove("segment-deleted");
        row.hidden = false;
        toast.remove();
        document.dispatchEvent(new CustomEvent("newsroom:reordered", { detail: { group: group } }));
        expand(row);
        field(row, "question").focus();
      });
      toast.appendChild(undo);
      tools.appendChild(toast);
      undo.focus();
    }

    // -- moving -----------------------------------------------------------------------

    function move(row, direction) {
      const list = visibleRows();
      const other = list[list.indexOf(row) + direction];
      if (!other) return;
      const focused = document.activeElement;
      if (direction < 0) other.before(row); else other.after(row);
      document.dispatchEvent(new CustomEvent("newsroom:reordered", { detail: { group: group } }));
      if (focused && row.contains(focused)) focused.focus();
      say(text(tools, "moved", numberOf(row)));
    }

    // -- each row's buttons -------------------------------------------------------------

    function decorate(row) {
      if (row.querySelector(".segment-fold")) return;
      const heading = row.querySelector("h3");
      if (!heading) return;
      const fold = document.createElement("button");
      fold.type = "button";
      fold.className = "button segment-fold";
      fold.setAttribute("aria-expanded", "true");
      fold.textContent = tools.dataset.collapse;
      fold.addEventListener("click", () => setFolded(row, !row.classList.contains("segment-folded")));
      const del = document.createElement("button");
      del.type = "button";
      del.className = "button segment-delete";
      del.textContent = tools.dataset.delete;
      del.addEventListener("click", () => remove(row));
      const preview = document.createElement("span");
      preview.className = "segment-summary";
      preview.setAttribute("dir", "auto");
      heading.append(" ", preview, fold, del);
      const question = field(row, "question");
      if (question) {
        question.setAttribute("aria-describedby", prefix + "-keys");
        question.addEventListener("paste", (event) => offerSplit(row, event));
      }
    }

    // -- pasting several questions and answers --------------------------------------------

    function offerSplit(row, event) {
      const pasted = (event.clipboardData || window.clipboardData).getData("text");
      if (!pasted || pasted.split(/\n\s*\n/).filter((p) => p.trim()).length < 2) return;
      if (!splitUrl || !splitUrl.splitUrl) return;
      fetch(splitUrl.splitUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
        body: JSON.stringify({ text: pasted }),
      }).then((response) => response.json()).then((answer) => {
        const segments = answer.segments || [];
        if (segments.length < 2 && !(segments.length === 1 && segments[0].answer)) return;
        const offer = document.createElement("div");
        offer.className = "split-offer";
        offer.setAttribute("role", "alert");
        const message = document.createElement("p");
        message.textContent = text(tools, "splitOffer", segments.length);
        const yes = document.createElement("button");
        yes.type = "button";
        yes.className = "button default";
        yes.textContent = tools.dataset.split;
        const no = document.createElement("button");
        no.type = "button";
        no.className = "button";
        no.textContent = tools.dataset.keep;
        offer.append(message, yes, " ", no);
        field(row, "question").closest(".form-row").after(offer);
        no.addEventListener("click", () => { offer.remove(); field(row, "question").focus(); });
        yes.addEventListener("click", () => {
          offer.remove();
          let target = row;
          segments.forEach((segment, index) => {
            if (index > 0) {
              const after = target;
              target = addRow();
              if (!target) return;
              after.after(target);
            }
            field(target, "question").value = segment.question;
            field(target, "answer").value = segment.answer;
          });
          document.dispatchEvent(new CustomEvent("newsroom:reordered", { detail: { group: group } }));
          say(text(tools, "splitDone", segments.length));
          field(target, "answer").focus();
        });
        yes.focus();
      }).catch(() => {});
    }

    // -- the tools above the questions ----------------------------------------------------

    const bar = document.createElement("div");
    bar.className = "segment-bar";
    const plus = document.createElement("button");
    plus.type = "button";
    plus.className = "button";
    plus.textContent = tools.dataset.new + " (Alt+N)";
    plus.setAttribute("aria-keyshortcuts", "Alt+N");
    plus.addEventListener("click", newQuestion);
    const all = document.createElement("button");
    all.type = "button";
    all.className = "button";
    all.textContent = tools.dataset.collapseAll;
    all.addEventListener("click", () => {
      const fold = all.textContent === tools.dataset.collapseAll;
      rows().forEach((row) => setFolded(row, fold));
      all.textContent = fold ? tools.dataset.expandAll : tools.dataset.collapseAll;
    });
    bar.append(plus, " ", all);
    tools.prepend(bar);

    rows().forEach(decorate);
    // On a phone, a long interview opens folded: the jump list and the headings
    // are the way around it.
    if (window.matchMedia("(max-width: 767px)").matches && rows().length > 3) {
      rows().forEach((row, index) => setFolded(row, index > 0));
    }
    document.addEventListener("formset:added", (event) => {
      if (event.target.closest("#" + prefix + "-group")) decorate(event.target);
    });
    tools.querySelectorAll(".jump-list a").forEach((link) => {
      link.addEventListener("click", () => {
        const row = document.getElementById(link.getAttribute("href").slice(1));
        if (row) {
          expand(row);
          window.setTimeout(() => field(row, "question").focus(), 0);
        }
      });
    });

    document.addEventListener("keydown", (event) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === "n" || event.code === "KeyN") {
        event.preventDefault();
        newQuestion();
        return;
      }
      const row = event.target.closest && event.target.closest("#" + prefix + "-group .inline-related");
      if (!row) return;
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        move(row, event.key === "ArrowUp" ? -1 : 1);
      } else if (event.key === "Delete") {
        event.preventDefault();
        remove(row);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".segment-tools").forEach(setUp);
  });
})();
