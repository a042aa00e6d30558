/* Progressive enhancement for the feedback form: without this script the form posts as usual. */
(function () {
  "use strict";

  /* The error summary: focus it, and let its links focus the field they name. */
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a") : null;
      if (!link || link.getAttribute("href").charAt(0) !== "#") { return; }
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) { return; }
      event.preventDefault();
      (target.closest("fieldset.question") || target.closest(".field") || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  var form = document.getElementById("questions");
  if (!form || !window.fetch || !window.JSON) { return; }
  var texts = form.dataset;
  var questions = form.querySelectorAll("fieldset.question");
  var competencies = form.querySelectorAll("fieldset.competency");
  var progressText = document.getElementById("progress-text");
  var progressBar = document.getElementById("progress-bar");
  var saveStatus = document.getElementById("save-status");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function answeredIn(scope) {
    var n = 0;
    scope.querySelectorAll("fieldset.question").forEach(function (question) {
      if (question.querySelector("input[type=radio]:checked")) { n += 1; }
    });
    return n;
  }

  function showProgress() {
    var n = answeredIn(form);
    progressText.textContent = fill(texts.progress, { n: n, total: questions.length });
    progressBar.value = n;
    competencies.forEach(function (competency) {
      var out = competency.querySelector(".c-progress");
      var total = competency.querySelectorAll("fieldset.question").length;
      out.textContent = fill(texts.progress, { n: answeredIn(competency), total: total });
      out.hidden = false;
    });
  }

  function showCounter(textarea) {
    var out = textarea.parentNode.querySelector(".counter");
    var max = parseInt(textarea.getAttribute("maxlength"), 10);
    if (!out || !max) { return; }
    var left = max - textarea.value.length;
    out.hidden = left > max / 10;
    out.textContent = fill(texts.charsLeft, { n: Math.max(left, 0) });
  }

  /* The answers as the JSON API takes them. */
  function collect() {
    var ratings = {};
    var comments = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      if (input.name.indexOf("rating.") === 0) {
        ratings[input.name.slice(7)] = input.value === "na" ? "na" : Number(input.value);
      }
    });
    form.querySelectorAll("textarea").forEach(function (textarea) {
      if (textarea.name.indexOf("comment.") === 0) { comments[textarea.name.slice(8)] = textarea.value; }
    });
    var overall = document.getElementById("overall");
    var status = form.querySelector("input[name=status]");
    return { ratings: ratings, comments: comments, overall: overall ? overall.value : "", status: status ? status.value : "" };
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  var timer = null;
  var saving = false;
  var again = false;
  var posting = false;

  function save(keepalive) {
    if (posting) { return; }
    if (saving) { again = true; return; }
    saving = true;
    fetch(form.getAttribute("action"), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(collect()),
      credentials: "same-origin",
      keepalive: keepalive === true
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      // A submit or decline then tries "in progress" first: one request instead of two.
      document.querySelectorAll("input[name=status]").forEach(function (input) { input.value = "in_progress"; });
      var now = new Date();
      saveStatus.textContent = fill(texts.saved, { time: two(now.getHours()) + texts.timeSeparator + two(now.getMinutes()) });
      saveStatus.classList.remove("failed");
    }).catch(function () {
      saveStatus.textContent = texts.failed;
      saveStatus.classList.add("failed");
    }).then(function () {
      saving = false;
      if (again) { again = false; later(); }
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { timer = null; save(false); }, 1000);
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "radio") { showProgress(); later(); }
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { showCounter(event.target); later(); }
  });
  /* A plain post (draft or submit) carries every answer: drop the pending autosave, post once. */
  form.addEventListener("submit", function (event) {
    if (posting) { event.preventDefault(); return; }
    posting = true;
    window.clearTimeout(timer);
    timer = null;
  });
  window.addEventListener("pageshow", function () { posting = false; });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && timer !== null) {
      window.clearTimeout(timer);
      timer = null;
      save(true);
    }
  });

  form.querySelectorAll("textarea").forEach(showCounter);
  document.getElementById("statusbar").hidden = false;
  document.getElementById("autosave-note").hidden = false;
  showProgress();
})();
