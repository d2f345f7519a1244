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

  function notice(form, text, role) {
    var old = form.querySelector(".offline-saved");
    if (old) old.remove();
    var p = el("p", "offline-saved", text);
    p.setAttribute("role", role || "status");
    p.setAttribute("data-testid", "offline-saved");
    form.insertBefore(p, form.firstChild);
  }

  /* A form sent without a signal becomes a draft. `sameKey`: a citizen report keeps the form's own key. */
  function draftOf(form, submitter, sameKey) {
    var kind = form.dataset.offline;
    var data = collect(form, submitter);
    var here = location.pathname + location.search;
    if (kind === "citizen") {
      var own = sameKey && form.elements.idempotency_key;
      var key = (own && own.value) || uuid(); /* offline, a stored page's key may have been used already */
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

  function hasPhotos(form) {
    return Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (i) { return i.files.length; });
  }

  /* "Mengirim… 42%" with its bar, so nobody on a weak signal taps again or leaves; without a percentage (a plain
     post, where XMLHttpRequest is missing) the bar only says that it is sending. */
  function sending(form, percent) {
    var box = form.querySelector(".upload-progress");
    if (!box) {
      box = el("p", "upload-progress", T.tSending + " ");
      box.setAttribute("role", "status");
      box.setAttribute("data-testid", "upload-progress");
      box.insertBefore(el("progress"), box.firstChild);
      box.appendChild(el("strong"));
      box.lastChild.setAttribute("data-testid", "upload-percent");
      form.appendChild(box);
    }
    if (percent === undefined) return;
    box.firstChild.max = 100;
    box.firstChild.value = percent;
    box.lastChild.textContent = percent + "%";
  }

  /* Kept as a draft, as offline: the citizen report under the form's own idempotency key, so that if the lost
     request did reach the server, sending the draft gets that same report back. */
  function keep(form, submitter, sameKey) {
    var draft = draftOf(form, submitter, sameKey);
    return ask({ type: "draft-save", draft: draft }).then(function (list) {
      show(list);
      notice(form, form.dataset.offline === "evidence" ? T.tPhoto : T.tSaved);
      if (form.dataset.offline !== "progress") form.reset();
      if (sameKey && form.elements.idempotency_key) form.elements.idempotency_key.value = uuid(); /* the next report */
    });
  }

  /* The answer replaces the page, as a plain post's would: the page it was redirected to (at its address, with
     the fragment the button asks for: XMLHttpRequest never sees one), or the form again with its errors. */
  function showAnswer(form, submitter, xhr) {
    if (xhr.responseURL && xhr.responseURL !== form.action) {
      history.replaceState(null, "", xhr.responseURL + ((submitter && submitter.dataset.fragment) || ""));
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }

  /* Online with photos: sent by XMLHttpRequest, which counts what has gone. The network can drop on the way
     (an error, or nothing moving for STALL ms): the form is kept as a draft where the service worker runs,
     otherwise it stays filled in with a message. */
  var STALL = 60000;
  function upload(form, submitter) {
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var xhr = new XMLHttpRequest();
    var timer = null;
    function alive() { clearTimeout(timer); timer = setTimeout(function () { xhr.abort(); }, STALL); }
    function lost() {
      clearTimeout(timer);
      delete form.dataset.uploading;
      form.querySelector(".upload-progress").remove();
      if (navigator.serviceWorker.controller) keep(form, submitter, true);
      else notice(form, T.tFailed, "alert");
    }
    form.dataset.uploading = "1";
    sending(form, 0);
    xhr.upload.onprogress = function (e) {
      alive();
      if (e.lengthComputable) sending(form, Math.floor((100 * e.loaded) / e.total));
    };
    xhr.onprogress = alive;
    xhr.onload = function () { clearTimeout(timer); showAnswer(form, submitter, xhr); };
    xhr.onerror = xhr.ontimeout = xhr.onabort = lost;
    xhr.open(form.method.toUpperCase(), form.action);
    alive();
    xhr.send(body);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.offline || event.defaultPrevented) return;
    if (form.dataset.uploading) { event.preventDefault(); return; } /* a second tap while sending */
    if (navigator.onLine) {
      if (!hasPhotos(form)) return;
      if (!window.XMLHttpRequest || !window.FormData) { sending(form); return; }
      event.preventDefault();
      upload(form, event.submitter);
      return;
    }
    if (!navigator.serviceWorker.controller) return;
    event.preventDefault();
    keep(form, event.submitter, false);
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
