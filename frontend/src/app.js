// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

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
    let message = xhr.responseText || "Something went wrong.";
    if (xhr.status === 401) message = "Please log in first.";
    if (message.length > 300 || message.trim().startsWith("<")) message = "Something went wrong (" + xhr.status + ").";
    toast(message);
  });
  document.addEventListener("htmx:sendError", function () {
    toast("You seem to be offline. Try again in a moment.");
  });

  // Logged-out users clicking Vote are sent to log in instead of a silent 401.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 401) event.detail.shouldSwap = false;
  });

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.classList && form.classList.contains("confirm-delete")) {
      if (!window.confirm("Delete this comment?")) event.preventDefault();
    }
  });
})();
