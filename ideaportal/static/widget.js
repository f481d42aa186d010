// IdeaPortal feedback widget, for the customer's own product:
//   <script src="https://ideas.example.com/widget.js" data-board="general"
//           data-token="<HS256 JWT signed with the portal's widget secret>" defer></script>
// Adds a feedback button; it opens the portal's compact submit form in an iframe. The
// identity token goes to the frame by postMessage, addressed to the portal's origin only.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.IdeaPortalWidget) return;
  var portal = new URL(script.src, document.baseURI).origin;
  var board = script.getAttribute("data-board") || "";
  var token = script.getAttribute("data-token") || "";
  var label = script.getAttribute("data-label") || "Feedback";
  var panel = null;
  var frame = null;

  function style(el, rules) {
    Object.keys(rules).forEach(function (key) { el.style[key] = rules[key]; });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("data-ideaportal", "open");
  button.setAttribute("aria-haspopup", "dialog");
  style(button, {
    position: "fixed", right: "20px", bottom: "20px", zIndex: "2147483000",
    padding: "10px 18px", border: "0", borderRadius: "999px", cursor: "pointer",
    background: "#4f46e5", color: "#fff", font: "600 14px/1.2 system-ui, sans-serif",
    boxShadow: "0 6px 20px rgba(0,0,0,.2)"
  });

  function open() {
    if (panel) { panel.style.display = "block"; return; }
    panel = document.createElement("div");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Share an idea");
    style(panel, {
      position: "fixed", right: "20px", bottom: "76px", zIndex: "2147483000",
      width: "380px", maxWidth: "calc(100vw - 40px)", height: "560px",
      maxHeight: "calc(100vh - 100px)", background: "#fff", borderRadius: "12px",
      boxShadow: "0 12px 40px rgba(0,0,0,.25)", overflow: "hidden"
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.setAttribute("data-ideaportal", "close");
    style(close, {
      position: "absolute", top: "6px", right: "8px", border: "0", background: "transparent",
      font: "22px/1 system-ui, sans-serif", cursor: "pointer", color: "#555"
    });
    close.addEventListener("click", hide);
    frame = document.createElement("iframe");
    frame.title = "Share an idea";
    frame.src = portal + "/widget/frame?board=" + encodeURIComponent(board);
    style(frame, { width: "100%", height: "100%", border: "0" });
    panel.appendChild(frame);
    panel.appendChild(close);
    document.body.appendChild(panel);
  }

  function hide() { if (panel) panel.style.display = "none"; }

  window.addEventListener("message", function (event) {
    if (!frame || event.origin !== portal || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === "ideaportal:ready") {
      frame.contentWindow.postMessage({ type: "ideaportal:identify", token: token }, portal);
    } else if (data.type === "ideaportal:close") {
      hide();
    }
  });

  window.IdeaPortalWidget = {
    open: open,
    close: hide,
    // For products that fetch the token later (e.g. after their own log-in).
    setToken: function (value) { token = value || ""; }
  };

  function mount() { document.body.appendChild(button); }
  button.addEventListener("click", function () {
    if (panel && panel.style.display !== "none") hide(); else open();
  });
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
