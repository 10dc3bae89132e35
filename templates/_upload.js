/* The upload page without a reload: drop files, show upload progress and "analysing", then the
   report in a frame with a download button. Without JavaScript the form posts as a plain form
   and the answer is the report page itself. */
(function () {
  var form = document.getElementById("analyse-form");
  if (!form || !window.FormData || !window.XMLHttpRequest || !window.Blob || !window.URL) { return; }
  var input = document.getElementById("person-files");
  var drop = document.getElementById("person-drop");
  var chosen = document.getElementById("person-chosen");
  var bar = document.getElementById("person-progress");
  var text = document.getElementById("person-status-text");
  var button = form.querySelector("button[type=submit]");
  var result = document.getElementById("result");
  var frame = document.getElementById("report-frame");
  var download = document.getElementById("download");
  var shown = null;

  function say(message, isError) {
    text.textContent = message;
    text.className = isError ? "error" : "";
  }
  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " kB";
  }
  function listFiles() {
    chosen.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + size(file.size) + ")";
      chosen.appendChild(item);
    });
  }
  input.addEventListener("change", listFiles);
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      listFiles();
    }
  });

  function finish() {
    button.disabled = false;
    bar.hidden = true;
  }
  function problem(html) {
    // The server's error page is readable on its own; here its message joins the form.
    var doc = new DOMParser().parseFromString(html, "text/html");
    var message = doc.querySelector(".message-text");
    var hint = doc.querySelector(".message-hint");
    say(message ? message.textContent : form.getAttribute("data-offline"), true);
    if (hint) {
      var extra = document.createElement("span");
      extra.className = "status-hint";
      extra.textContent = hint.textContent;
      text.appendChild(extra);
    }
  }
  function show(buffer) {
    if (shown) { URL.revokeObjectURL(shown); }
    shown = URL.createObjectURL(new Blob([buffer], { type: "text/html" }));
    download.href = shown;
    frame.src = shown;
    form.closest("section").hidden = true;
    var team = document.getElementById("team");
    if (team) { team.hidden = true; }
    result.hidden = false;
    say("");
    document.getElementById("result-title").focus();
    result.scrollIntoView();
  }
  // Links out of the report (profile pages) open in a new tab: inside this frame they would be
  // blocked. Only the shown copy changes; the download keeps the exact bytes.
  frame.addEventListener("load", function () {
    var doc = frame.contentDocument;
    if (!doc) { return; }
    Array.prototype.forEach.call(doc.querySelectorAll('a[href^="http"]'), function (link) {
      link.target = "_blank";
    });
  });
  function send(data, attempt) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.responseType = "arraybuffer";
    xhr.upload.onprogress = function (event) {
      if (!event.lengthComputable) { return; }
      bar.value = event.loaded / event.total;
      say(form.getAttribute("data-uploading").replace("{pct}", Math.round(100 * event.loaded / event.total)));
    };
    xhr.upload.onload = function () {
      bar.removeAttribute("value");
      say(form.getAttribute("data-analysing"));
    };
    xhr.onload = function () {
      if (xhr.status === 503 && attempt < 30) {
        var wait = parseInt(xhr.getResponseHeader("Retry-After") || "3", 10) || 3;
        say(form.getAttribute("data-busy").replace("{s}", wait));
        window.setTimeout(function () { send(data, attempt + 1); }, wait * 1000);
        return;
      }
      finish();
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (xhr.status === 200 && type.indexOf("text/html") === 0) {
        show(xhr.response);
      } else {
        problem(new TextDecoder("utf-8").decode(xhr.response));
      }
    };
    xhr.onerror = function () { finish(); say(form.getAttribute("data-offline"), true); };
    xhr.send(data);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!input.files.length) { say(form.getAttribute("data-nofile"), true); input.focus(); return; }
    var total = Array.prototype.reduce.call(input.files, function (sum, f) { return sum + f.size; }, 0);
    if (total > Number(form.getAttribute("data-toobig"))) {
      say(form.getAttribute("data-toobig-message"), true);
      return;
    }
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    say(form.getAttribute("data-uploading").replace("{pct}", "0"));
    send(new FormData(form), 0);
  });
  // The team form stays a plain post (the answer is a zip the browser saves); say it is working.
  var teamForm = document.getElementById("team-form");
  if (teamForm) {
    teamForm.addEventListener("submit", function () {
      document.getElementById("team-status-text").textContent = teamForm.getAttribute("data-working");
    });
  }
  document.getElementById("again").addEventListener("click", function () {
    result.hidden = true;
    frame.removeAttribute("src");
    form.closest("section").hidden = false;
    var team = document.getElementById("team");
    if (team) { team.hidden = false; }
    form.reset();
    listFiles();
    input.focus();
  });
})();
