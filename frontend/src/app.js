// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Translations of the strings below, written into the page by the server (base.html)
  // for languages other than English; `make translations` extracts every _("...").
  const messagesEl = document.getElementById("script-messages");
  const messages = messagesEl ? JSON.parse(messagesEl.textContent) : {};
  function _(text) { return messages[text] || text; }

  function toast(message, kind) {
    const box = document.getElementById("toasts");
    if (!box) return;
    const el = document.createElement("div");
    el.className = "toast align-items-center border-0 show text-bg-" + (kind || "danger");
    el.setAttribute("role", "alert");
    const row = document.createElement("div");
    row.className = "d-flex";
    const body = document.createElement("div");
    body.className = "toast-body";
    body.textContent = message;
    row.appendChild(body);
    el.appendChild(row);
    box.appendChild(el);
    setTimeout(function () { el.remove(); }, 5000);
  }

  document.addEventListener("htmx:responseError", function (event) {
    const xhr = event.detail.xhr;
    let message = xhr.responseText || _("Something went wrong.");
    if (xhr.status === 401) message = _("Please log in first.");
    if (message.length > 300 || message.trim().startsWith("<")) message = _("Something went wrong (%s).").replace("%s", xhr.status);
    toast(message);
  });
  document.addEventListener("htmx:sendError", function () {
    toast(_("You seem to be offline. Try again in a moment."));
  });

  // Logged-out users clicking Vote are sent to log in instead of a silent 401.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 401) event.detail.shouldSwap = false;
  });

  // Similar ideas while typing: the list is not read out after every pause; the live region
  // #similar-status gets its one-sentence summary, and only when that changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    const box = event.detail.target;
    const status = document.getElementById("similar-status");
    if (!status || !box || box.id !== "similar-ideas") return;
    const source = box.querySelector("[data-status]");
    const text = source ? source.dataset.status : "";
    if (status.textContent !== text) status.textContent = text;
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.classList && form.classList.contains("confirm-delete")) {
      if (!window.confirm(_("Delete this comment?"))) event.preventDefault();
    }
  });

  // Triage queue: keyboard shortcuts and the selected count. The single-letter keys act only
  // while the focus is in the queue's table (WCAG 2.1.4), and never in a text field: typing
  // "x" in the note or the search box stays typing, and a screen reader's own keys elsewhere
  // on the page do nothing here.
  const table = document.querySelector(".triage-table");
  const rows = Array.from(document.querySelectorAll(".triage-row"));
  if (table && rows.length) {
    let current = -1;
    const count = document.getElementById("selected-count");
    const refreshCount = function () {
      if (count) count.textContent = String(document.querySelectorAll(".triage-row input[type=checkbox]:checked").length);
    };
    const focusRow = function (n) {
      if (current >= 0) rows[current].classList.remove("is-current");
      current = Math.max(0, Math.min(rows.length - 1, n));
      rows[current].classList.add("is-current");
      rows[current].focus();
    };
    const typing = function (el) {
      const tag = (el.tagName || "").toLowerCase();
      if (tag === "input") return !["checkbox", "radio", "button", "submit"].includes(el.type);
      return tag === "select" || tag === "textarea" || el.isContentEditable;
    };
    document.addEventListener("change", refreshCount);
    table.addEventListener("keydown", function (event) {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      // Start from the row the focus is in (a click or Tab may have put it there).
      const row = event.target.closest(".triage-row");
      if (row && rows.indexOf(row) !== current) {
        if (current >= 0) rows[current].classList.remove("is-current");
        current = rows.indexOf(row);
        row.classList.add("is-current");
      }
      if (event.key === "j") { focusRow(current + 1); event.preventDefault(); }
      else if (event.key === "k") { focusRow(current - 1); event.preventDefault(); }
      else if (event.key === "x" && current >= 0) {
        const box = rows[current].querySelector("input[type=checkbox]");
        box.checked = !box.checked; refreshCount(); event.preventDefault();
      } else if (event.key === "o" && current >= 0) { window.location = rows[current].dataset.url; }
      else if (event.key === "s") {
        const select = document.getElementById("bulk-status");
        if (select) { select.focus(); event.preventDefault(); }
      }
    });
  }

  // KPI dashboard: one line chart per series, drawn from the same JSON the CSV is built from.
  const seriesTag = document.getElementById("kpi-series");
  if (seriesTag && window.Chart) {
    const data = JSON.parse(seriesTag.textContent);
    document.querySelectorAll(".kpi-chart").forEach(function (canvas) {
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.days,
          datasets: [{ label: canvas.dataset.label, data: data[canvas.dataset.series],
                       borderColor: "#4f46e5", backgroundColor: "rgba(79,70,229,.12)",
                       fill: true, tension: 0.25, pointRadius: 0 }],
        },
        options: { animation: false, plugins: { legend: { display: false } },
                   scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    });
  }

  // Editorial calendar: drag a draft or scheduled post onto another day to reschedule it
  // (the post's own "move" form is submitted, so this works the same without dragging).
  document.querySelectorAll(".cal-post[draggable=true]").forEach(function (post) {
    post.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", post.dataset.form);
      event.dataTransfer.effectAllowed = "move";
    });
  });
  document.querySelectorAll(".cal-day[data-date]").forEach(function (day) {
    day.addEventListener("dragover", function (event) {
      event.preventDefault();
      day.classList.add("drop-target");
    });
    day.addEventListener("dragleave", function () { day.classList.remove("drop-target"); });
    day.addEventListener("drop", function (event) {
      event.preventDefault();
      const form = document.getElementById(event.dataTransfer.getData("text/plain"));
      if (!form) return;
      form.querySelector("input[name=date]").value = day.dataset.date;
      form.submit();
    });
  });
})();
