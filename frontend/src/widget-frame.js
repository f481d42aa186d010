// The widget's iframe: similar ideas while typing, vote instead, or post. Signed in by the
// host product's identity token (sent by widget.js with postMessage), exchanged for a widget
// session that goes with every request in the body: no third-party cookie is needed.
(function () {
  "use strict";
  var root = document.getElementById("widget");
  if (!root) return;
  var $ = function (id) { return document.getElementById(id); };
  var state = { session: null, timer: null, lastQuery: "" };
  var board = root.dataset.board;
  // Translations, written into the frame by the server for languages other than English.
  var messagesEl = document.getElementById("script-messages");
  var messages = messagesEl ? JSON.parse(messagesEl.textContent) : {};
  function _(text) { return messages[text] || text; }

  function showError(message) {
    var box = $("widget-error");
    box.textContent = message || "";
    box.classList.toggle("d-none", !message);
  }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var message = (data.error && data.error.message) || _("Something went wrong (%s).").replace("%s", response.status);
          throw new Error(message);
        }
        return data;
      });
    });
  }

  function setSignedIn(user) {
    $("widget-identity").textContent = _("Posting as %s").replace("%s", user.name + (user.company ? " · " + user.company : ""));
    $("widget-post").classList.remove("d-none");
    $("widget-login").classList.add("d-none");
    renderSimilar(state.items || []);
  }

  function setAnonymous() {
    state.session = null;
    $("widget-identity").textContent = _("Not signed in");
    $("widget-post").classList.add("d-none");
    $("widget-login").classList.remove("d-none");
    $("widget-login").href = root.dataset.loginUrl;
  }

  function voteButton(item, meta) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-primary widget-vote";
    button.textContent = _("Vote");
    button.addEventListener("click", function () {
      button.disabled = true;
      postJSON(root.dataset.voteUrl.replace("/0/", "/" + item.id + "/"), { session: state.session, vote: true })
        .then(function (data) {
          button.textContent = _("Voted") + " \u2713";
          button.className = "btn btn-sm btn-success widget-vote";
          meta.textContent = _("%s votes").replace("%s", data.vote_count) + " · " + item.status.replace("_", " ");
        })
        .catch(function (error) { button.disabled = false; showError(error.message); });
    });
    return button;
  }

  function renderSimilar(items) {
    state.items = items;
    var list = $("widget-similar-list");
    list.replaceChildren();
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "widget-similar-item d-flex align-items-center gap-2";
      var text = document.createElement("div");
      text.className = "flex-grow-1 small";
      var link = document.createElement("a");
      link.href = item.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = item.title + " ";
      var newTab = document.createElement("span");
      newTab.className = "visually-hidden";
      newTab.textContent = "(" + _("opens in a new tab") + ")";
      link.appendChild(newTab);
      var meta = document.createElement("div");
      meta.className = "text-body-secondary";
      meta.textContent = _("%s votes").replace("%s", item.vote_count) + " · " + item.status.replace("_", " ");
      text.appendChild(link);
      text.appendChild(meta);
      li.appendChild(text);
      if (state.session) li.appendChild(voteButton(item, meta));
      list.appendChild(li);
    });
    $("widget-similar").classList.toggle("d-none", items.length === 0);
  }

  // What a screen reader hears after a pause in typing: one sentence, and only when it
  // changed (the list itself is not a live region: five titles and buttons were too many).
  function announce(count) {
    var text = count === 0 ? _("No similar ideas found")
      : count === 1 ? _("1 similar idea found below")
        : _("%s similar ideas found below").replace("%s", count);
    var status = $("widget-similar-status");
    if (status.textContent !== text) status.textContent = text;
  }

  function searchSimilar() {
    var q = $("widget-title").value.trim();
    if (q.length < 4) { renderSimilar([]); return; }
    if (q === state.lastQuery) return;
    state.lastQuery = q;
    var url = root.dataset.similarUrl + "?k=5&q=" + encodeURIComponent(q);
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) {
        if (q !== state.lastQuery) return;
        renderSimilar((data.items || []).map(function (hit) { return hit.idea; }));
        announce(state.items.length);
      })
      .catch(function () { renderSimilar([]); });
  }

  $("widget-title").addEventListener("input", function () {
    clearTimeout(state.timer);
    state.timer = setTimeout(searchSimilar, 350);
  });

  $("widget-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (!state.session) return;
    showError("");
    var button = $("widget-post");
    button.disabled = true;
    $("widget-status").textContent = _("Posting\u2026");
    postJSON(root.dataset.postUrl, {
      session: state.session,
      board: board,
      title: $("widget-title").value,
      body: $("widget-body").value
    }).then(function (data) {
      $("widget-form").classList.add("d-none");
      $("widget-done-link").href = data.url;
      $("widget-done").classList.remove("d-none");
    }).catch(function (error) {
      showError(error.message);
    }).finally(function () {
      button.disabled = false;
      $("widget-status").textContent = "";
    });
  });

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var data = event.data || {};
    if (data.type !== "ideaportal:identify") return;
    if (!data.token) { setAnonymous(); return; }
    postJSON(root.dataset.sessionUrl, { token: data.token })
      .then(function (result) {
        state.session = result.session;
        showError("");
        setSignedIn(result.user);
      })
      .catch(function (error) {
        setAnonymous();
        showError(error.message);
      });
  });

  setAnonymous();
  if (window.parent !== window) window.parent.postMessage({ type: "ideaportal:ready" }, "*");
})();
