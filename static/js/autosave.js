/* Unsaved edits of an article, kept on the server as the editor types
   (newsroom/admin/editing.py) and offered back after a crash, a closed tab or an
   expired session. The latest state is also kept in this browser until the
   server has it, so that what was typed after a session expired comes back
   after the next login. Without JavaScript none of this runs and the form works
   as before. */
(function () {
  "use strict";

  const EVERY_MS = 3000;
  const PREFIX = "newsroom-draft:";

  // The page's own state is read once the form's scripts have run; typing that
  // comes before it (a fast typist, a test) must not be taken for that state.
  let typedEarly = false;
  document.addEventListener("input", (event) => { if (event.isTrusted) typedEarly = true; }, true);

  // A successful save (the admin's success message) ends the edits this browser
  // kept for a form it submitted.
  function forgetSubmitted() {
    if (!document.querySelector(".messagelist .success")) return;
    try {
      Object.keys(localStorage).forEach((key) => {
        if (!key.startsWith(PREFIX)) return;
        const kept = JSON.parse(localStorage.getItem(key) || "null");
        if (kept && kept.submitted) localStorage.removeItem(key);
      });
    } catch (error) { /* storage unavailable: nothing kept here */ }
  }

  function setUp(box) {
    const form = box.closest("form");
    const url = box.dataset.draftUrl;
    const localKey = PREFIX + box.dataset.user + ":" + url;
    const status = box.querySelector(".autosave-status");
    const offer = box.querySelector(".draft-offer");
    const expired = box.querySelector(".session-expired");
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    let sent = null; // the state the server has
    let initial = null; // the state the page opened with
    let held = false; // an offer waits for an answer
    let stopped = false; // the session expired
    let submitting = false; // the form is being saved: its own POST carries it

    function say(template, values) {
      let text = template;
      Object.entries(values || {}).forEach(([key, value]) => { text = text.replace("{" + key + "}", value); });
      status.textContent = text;
    }

    function clock(iso) {
      return new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    }

    function loadedVersion() {
      const field = form.querySelector("[name=loaded_version]");
      return field && field.value ? parseInt(field.value, 10) : null;
    }

    function state() {
      const fields = [];
      const labels = {};
      Array.from(form.elements).forEach((el) => {
        if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name.includes("__prefix__")) return;
        if (["file", "submit", "button", "reset"].includes(el.type)) return;
        if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
        if (el.tagName === "SELECT") {
          Array.from(el.selectedOptions).forEach((option) => {
            fields.push([el.name, option.value]);
            if (option.value) labels[el.name + "=" + option.value] = option.textContent;
          });
          return;
        }
        fields.push([el.name, el.value]);
      });
      return { fields: fields, labels: labels, loaded_version: loadedVersion() };
    }

    function keepLocally(body, extra) {
      try {
        localStorage.setItem(localKey, JSON.stringify(Object.assign({ body: body, at: Date.now() }, extra || {})));
      } catch (error) { /* storage full or unavailable: the server copy remains */ }
    }

    function localCopy() {
      try { return JSON.parse(localStorage.getItem(localKey) || "null"); } catch (error) { return null; }
    }

    function post(payload, keepalive) {
      return fetch(url, {
        method: "POST",
        body: JSON.stringify(payload),
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        credentials: "same-origin",
        redirect: "manual",
        keepalive: Boolean(keepalive),
      });
    }

    function sessionExpired() {
      stopped = true;
      expired.hidden = false;
    }

    function send(keepalive) {
      if (stopped || held || submitting) return Promise.resolve();
      const now = JSON.stringify(state());
      if (now === sent || now === initial) return Promise.resolve();
      keepLocally(now);
      return post(JSON.parse(now), keepalive).then((response) => {
        if (response.type === "opaqueredirect" || response.status === 401) { sessionExpired(); return; }
        return response.json().then((answer) => {
          if (!response.ok) { say(box.dataset.failed, { error: answer.error || response.status }); return; }
          sent = now;
          try { localStorage.removeItem(localKey); } catch (error) { /* nothing kept */ }
          say(box.dataset.saved, { time: clock(answer.saved_at) });
        });
      }).catch(() => { /* offline: kept in this browser, tried again */ });
    }

    function showOffer(iso) {
      held = true;
      const text = offer.querySelector("#draft-offer-text");
      text.textContent = text.dataset.template.replace("{time}", clock(iso));
      offer.hidden = false;
      say(box.dataset.held);
    }

    function rowsOf(prefix) {
      return form.querySelector("[name='" + prefix + "-TOTAL_FORMS']");
    }

    function ensureRows(prefix, count) {
      const total = rowsOf(prefix);
      const add = document.querySelector("#" + CSS.escape(prefix) + "-group .add-row a");
      let guard = 0;
      while (total && add && parseInt(total.value, 10) < count && guard++ < 5000) add.click();
    }

    function apply(draft) {
      const values = new Map();
      draft.fields.forEach(([name, value]) => {
        if (!values.has(name)) values.set(name, []);
        values.get(name).push(value);
      });
      values.forEach((value, name) => {
        if (name.endsWith("-TOTAL_FORMS")) ensureRows(name.slice(0, -"-TOTAL_FORMS".length), parseInt(value[0], 10));
      });
      const skip = /-(INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|TOTAL_FORMS)$/;
      Array.from(form.elements).forEach((el) => {
        if (!el.name || skip.test(el.name) || el.name === "csrfmiddlewaretoken" || el.name.includes("__prefix__")) return;
        if (["file", "submit", "button", "reset"].includes(el.type)) return;
        const wanted = values.get(el.name) || [];
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = wanted.includes(el.value);
        } else if (el.tagName === "SELECT") {
          Array.from(el.options).forEach((option) => { option.selected = wanted.includes(option.value); });
          wanted.forEach((value) => {
            if (value && !Array.from(el.options).some((option) => option.value === value)) {
              el.add(new Option(draft.labels[el.name + "=" + value] || value, value, true, true));
            }
          });
        } else if (values.has(el.name)) {
          el.value = wanted.shift();
          values.set(el.name, wanted);
        } else {
          return;
        }
        el.dispatchEvent(new Event("change", { bubbles: true }));
      });
      document.dispatchEvent(new CustomEvent("newsroom:restored", { detail: { form: form } }));
    }

    function answer(choice) {
      const done = () => {
        held = false;
        offer.hidden = true;
        initial = null; // from now on the form's state is the editor's to keep
      };
      if (choice === "discard") {
        return post({ discard: true }).then(() => {
          try { localStorage.removeItem(localKey); } catch (error) { /* nothing kept */ }
          done();
          status.textContent = "";
        });
      }
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => response.json())
        .then((data) => {
          if (!data.draft) { done(); return; }
          apply(data.draft);
          done();
          sent = JSON.stringify(state());
          say(box.dataset.restored, { time: clock(data.draft.saved_at) });
          status.setAttribute("tabindex", "-1");
          status.focus();
        });
    }

    offer.querySelectorAll("button[data-draft]").forEach((button) => {
      button.addEventListener("click", () => answer(button.dataset.draft));
    });

    form.addEventListener("submit", () => {
      submitting = true;
      // If the session has expired, the save goes to the login page: what was
      // typed comes back from here after logging in.
      keepLocally(JSON.stringify(state()), { submitted: true });
    });
    window.addEventListener("pagehide", () => send(true));
    document.addEventListener("visibilitychange", () => { if (document.hidden) send(true); });

    // The page's own state (after Django's scripts have filled in the inlines).
    window.setTimeout(() => {
      initial = typedEarly ? null : JSON.stringify(state());
      box.dataset.ready = "true"; // what was typed from now on is kept
      const local = localCopy();
      if (local && local.body && local.body !== initial) {
        // Typed here and never received by the server (an expired session, a lost
        // connection): hand it over now, then offer it.
        post(JSON.parse(local.body)).then((response) => {
          if (response.type === "opaqueredirect") { sessionExpired(); return null; }
          return response.json();
        }).then((saved) => {
          if (saved && saved.saved_at) {
            try { localStorage.removeItem(localKey); } catch (error) { /* nothing kept */ }
            showOffer(saved.saved_at);
          }
        }).catch(() => {});
      } else if (box.dataset.offerAt) {
        showOffer(box.dataset.offerAt);
      }
      window.setInterval(() => send(false), EVERY_MS);
    }, 0);
  }

  document.addEventListener("DOMContentLoaded", () => {
    forgetSubmitted();
    const box = document.getElementById("desk-editing");
    if (box) setUp(box);
  });
})();
