// Progressive enhancement of the respondent's form: autosave, a "saved at" line, live conditions and
// character counters. Everything here is optional: the form works the same without it.
(function () {
  "use strict";
  var form = document.getElementById("answers-form");
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;

  var status = document.getElementById("autosave-status");
  var version = form.querySelector('input[name="baseVersion"]');
  var dirty = false;
  var stopped = false;
  var timer = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function body(action) {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "action" && typeof value === "string") data.append(key, value);
    });
    data.set("action", action);
    return data;
  }

  function save() {
    if (!dirty || stopped) return;
    dirty = false;
    fetch(window.location.href, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body("draft").toString(),
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (json) {
          return { status: response.status, json: json };
        });
      })
      .then(function (result) {
        if (result.status === 200) {
          version.value = String(result.json.version);
          // What each question now holds as far as this page knows: the next save merges from here.
          var base = result.json.base || {};
          Object.keys(base).forEach(function (id) {
            var input = form.querySelector('input[name="base[' + id + ']"]');
            if (input) input.value = base[id];
          });
          var text = form.getAttribute(result.json.mergedOthers ? "data-merged-text" : "data-saved-text");
          say(text.replace("{time}", result.json.savedAtTime));
        } else if (result.status === 409) {
          // A colleague changed a question this person changed too: stop autosaving; "Save draft" shows
          // both versions side by side.
          stopped = true;
          say(form.getAttribute("data-conflict-text"));
        } else if (result.status === 422) {
          dirty = true; // keep trying once the text is valid; the page shows errors on "Save draft"
          say(form.getAttribute("data-invalid-text"));
        } else {
          dirty = true;
          say(form.getAttribute("data-failed-text"));
        }
      })
      .catch(function () {
        dirty = true;
        say(form.getAttribute("data-failed-text"));
      });
  }

  function changed() {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 2000);
    applyConditions();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The page's own post carries every field: an autosave firing while a slow server answers it would
  // land after a submission and leave a draft over it.
  form.addEventListener("submit", function () {
    stopped = true;
    if (timer) clearTimeout(timer);
  });
  setInterval(save, 30000);

  // Conditions on earlier answers, evaluated as the server does (functions/core/questionnaire/conditions.ts).
  function valueOf(id) {
    var fields = form.querySelectorAll('[name="' + id + '"], [name="' + id + '[]"], [name^="' + id + '["]');
    var values = [];
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) continue;
      if (f.value !== "") values.push(f.value);
    }
    return values;
  }

  function holds(c) {
    if (c.all) return c.all.every(holds);
    if (c.any) return c.any.some(holds);
    if (c.not) return !holds(c.not);
    if (c.group) return true; // decided by the server, which knows the respondent's group
    var values = valueOf(c.question);
    if ("equals" in c) {
      var wanted = c.equals === true ? "yes" : c.equals === false ? "no" : String(c.equals);
      return values.length === 1 && values[0] === wanted;
    }
    if ("includes" in c) return values.indexOf(c.includes) !== -1;
    return values.length > 0 === c.answered;
  }

  function applyConditions() {
    var conditional = form.querySelectorAll("[data-when]");
    for (var i = 0; i < conditional.length; i++) {
      var block = conditional[i];
      var show = holds(JSON.parse(block.getAttribute("data-when")));
      block.hidden = !show;
      var hint = block.querySelector(".conditional-hint");
      if (hint) hint.hidden = true;
    }
  }

  // Live character counters next to every field with a maximum length.
  var limited = form.querySelectorAll("[maxlength]");
  for (var i = 0; i < limited.length; i++) {
    (function (field) {
      var counter = document.getElementById(field.id + "-count");
      if (!counter) return;
      var template = counter.getAttribute("data-template");
      function update() {
        counter.textContent = template
          .replace("{count}", String(field.value.length))
          .replace("{max}", field.getAttribute("maxlength"));
      }
      field.addEventListener("input", update);
      update();
    })(limited[i]);
  }

  // Files go straight to the bucket where the server hands out a presigned POST for each (past Lambda's
  // 6 MB request limit); then the form names them (attach[question][] = id:name) and the server checks
  // them as it checks files sent with the form. Where it has none (the local folder), or a send fails,
  // the file goes with the form as without this script.
  var sendingFiles = false;
  form.addEventListener("submit", function (event) {
    if (sendingFiles) return;
    var inputs = Array.prototype.filter.call(form.querySelectorAll('input[type="file"]'), function (input) {
      return input.files && input.files.length > 0;
    });
    if (!inputs.length) return;
    event.preventDefault();
    var submitter = event.submitter;
    var uploads = window.location.pathname.replace(/\/$/, "") + "/uploads";
    function sendAhead(question, file) {
      var ask = new URLSearchParams();
      ask.set("question", question);
      ask.set("size", String(file.size));
      return fetch(uploads, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: ask.toString(),
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { direct: false };
        })
        .then(function (answer) {
          if (!answer.url) return null;
          var data = new FormData();
          Object.keys(answer.fields).forEach(function (name) {
            data.append(name, answer.fields[name]);
          });
          data.append("file", file); // S3 reads the fields before the file, which comes last
          return fetch(answer.url, { method: "POST", body: data }).then(function (sent) {
            return sent.ok ? answer.file + ":" + file.name : null;
          });
        })
        .catch(function () {
          return null;
        });
    }
    Promise.all(
      inputs.map(function (input) {
        var question = input.name.replace(/^upload\[/, "").replace(/\]$/, "");
        return Promise.all(
          Array.prototype.map.call(input.files, function (file) {
            return sendAhead(question, file);
          }),
        ).then(function (sent) {
          // All of an input's files in the bucket, or the input sends them all with the form.
          if (
            sent.some(function (s) {
              return s === null;
            })
          )
            return;
          sent.forEach(function (entry) {
            var hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = "attach[" + question + "][]";
            hidden.value = entry;
            form.appendChild(hidden);
          });
          input.value = "";
        });
      }),
    ).then(function () {
      sendingFiles = true;
      if (form.requestSubmit) form.requestSubmit(submitter || undefined);
      else form.submit();
    });
  });

  applyConditions();
})();
