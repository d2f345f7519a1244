/* Offline drafts on the page (docs/offline.md), loaded by pwa.js only where a form can be kept offline or
   drafts are waiting: keeps a form sent without a signal as a draft on the phone, lists the drafts
   ("Menunggu dikirim (N)") with "Kirim sekarang", their tracking code or status, or the server's reason. */
(function () {
  "use strict";
  var KC = window.KCOffline;
  if (!KC) return;
  var T = KC.text;
  var ask = KC.ask;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* The drafts waiting on this phone, at the top of the page. */
  function show(list) {
    var old = document.getElementById("kc-drafts");
    if (old) old.remove();
    if (!list.length) return;
    var main = document.getElementById("main");
    if (!main) return;
    var pending = list.filter(function (d) { return d.state === "pending"; }).length;
    var box = el("section", "offline-box");
    box.id = "kc-drafts";
    box.setAttribute("aria-live", "polite");
    box.setAttribute("data-testid", "offline-drafts");
    var title = el("h2", "h4", T.tPending + " (" + pending + ")");
    title.setAttribute("data-testid", "offline-pending");
    box.appendChild(title);
    var items = el("ul", "list");
    list.forEach(function (d) {
      var item = el("li", "draft-" + d.state);
      item.setAttribute("data-testid", "offline-draft");
      item.appendChild(el("strong", "", (d.kind === "citizen" ? T.tCitizen : T.tProgress) + ": "));
      item.appendChild(document.createTextNode(d.title + " "));
      if (d.state === "sent") {
        var link = el("a", "", d.code ? T.tCode + " " + d.code : T.tSent + (d.status ? " · " + d.status : ""));
        link.href = d.link;
        link.setAttribute("data-testid", "offline-sent");
        item.appendChild(link);
      } else if (d.state === "refused") {
        var why = el("span", "draft-reason", T.tRefused + ": " + d.reason);
        why.setAttribute("data-testid", "offline-reason");
        item.appendChild(why);
      } else if (d.note === "login") {
        item.appendChild(el("span", "muted", T.tLogin));
      }
      if (d.state !== "pending") {
        var remove = el("button", "link", T.tRemove);
        remove.type = "button";
        remove.addEventListener("click", function () { ask({ type: "draft-remove", id: d.id }).then(show); });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(remove);
      }
      items.appendChild(item);
    });
    box.appendChild(items);
    if (pending) {
      var send = el("button", "button small", T.tSend);
      send.type = "button";
      send.setAttribute("data-testid", "offline-send");
      send.addEventListener("click", function () { ask({ type: "send" }).then(show); });
      box.appendChild(send);
    }
    main.insertBefore(box, main.firstChild);
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function collect(form, submitter) {
    var fields = [], files = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      if (value instanceof File) { if (value.size) files.push([name, value, value.name]); }
      else fields.push([name, value]);
    });
    if (submitter && submitter.name) fields.push([submitter.name, submitter.value]);
    return { fields: fields, files: files };
  }

  function notice(form, text) {
    var old = form.querySelector(".offline-saved");
    if (old) old.remove();
    var p = el("p", "offline-saved", text);
    p.setAttribute("role", "status");
    p.setAttribute("data-testid", "offline-saved");
    form.insertBefore(p, form.firstChild);
  }

  /* A form sent without a signal becomes a draft. */
  function draftOf(form, submitter) {
    var kind = form.dataset.offline;
    var data = collect(form, submitter);
    var here = location.pathname + location.search;
    if (kind === "citizen") {
      var key = uuid();
      data.fields = data.fields.filter(function (f) { return f[0] !== "idempotency_key"; });
      data.fields.push(["idempotency_key", key]);
      var text = (form.querySelector("textarea") || {}).value || "";
      return { id: key, key: key, kind: kind, form: here, url: form.getAttribute("action") || here,
               title: text.slice(0, 60), fields: data.fields, files: data.files, state: "pending", created: Date.now() };
    }
    var send = form.dataset.offlineSend || (document.querySelector("form[data-offline=progress]") || form).dataset.offlineSend;
    var draft = { id: "progress:" + send, key: uuid(), kind: "progress", form: here, url: send,
                  title: form.dataset.offlineTitle || document.title, state: "pending", created: Date.now() };
    if (kind === "evidence") {
      /* A photo alone: the report's fields go with it, as the report form holds them now. */
      var report = document.querySelector("form[data-offline=progress]");
      var caption = data.fields.filter(function (f) { return f[0] === "caption"; })[0];
      draft.evidenceOnly = true;
      draft.fields = report ? collect(report, null).fields.concat([["then", "save"]]) : [];
      draft.files = data.files.map(function (f) { return ["photo", f[1], f[2], caption ? caption[1] : ""]; });
    } else {
      /* The report form holds its evidence too (issue #16: adding evidence never loses what was typed): its
         photos go with the draft, its other evidence fields (prefix "ev-") and a removal do not. */
      var cap = data.fields.filter(function (f) { return f[0] === "ev-caption"; })[0];
      draft.fields = data.fields.filter(function (f) { return f[0].indexOf("ev-") !== 0 && f[0] !== "remove_evidence"; });
      draft.files = data.files.map(function (f) { return ["photo", f[1], f[2], cap ? cap[1] : ""]; });
    }
    return draft;
  }

  /* Online, a form with photos says that it is sending, so nobody on a weak signal taps again or leaves. */
  function sending(form) {
    var files = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (i) { return i.files.length; });
    if (!files || form.querySelector(".upload-progress")) return;
    var box = el("p", "upload-progress", T.tSending);
    box.setAttribute("role", "status");
    box.setAttribute("data-testid", "upload-progress");
    box.insertBefore(el("progress"), box.firstChild);
    form.appendChild(box);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.offline) return;
    if (navigator.onLine) { sending(form); return; }
    if (!navigator.serviceWorker.controller) return;
    event.preventDefault();
    var draft = draftOf(form, event.submitter);
    ask({ type: "draft-save", draft: draft }).then(function (list) {
      show(list);
      notice(form, form.dataset.offline === "evidence" ? T.tPhoto : T.tSaved);
      if (form.dataset.offline !== "progress") form.reset();
    });
  });

  function refresh() {
    if (!navigator.serviceWorker.controller) return;
    ask({ type: navigator.onLine ? "send" : "list" }).then(show);
  }
  navigator.serviceWorker.addEventListener("message", function (e) {
    if (e.data && e.data.type === "drafts-changed") ask({ type: "list" }).then(show);
  });
  window.addEventListener("online", refresh);
  KC.show = show;
  KC.ready = true;
  refresh();
})();
