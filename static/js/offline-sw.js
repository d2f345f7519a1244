/* Kota Cerdas service worker (docs/offline.md), imported by /sw.js after Workbox and idb-keyval.
   - Pages: network first; a page read online is stored for reading offline. Public pages go to a shared cache,
     a signed-in person's pages (X-KC-Account) only to that account's cache, and pages marked no-store or
     private without an account nowhere. Offline, a page not stored gets the offline page.
   - Drafts written offline (a citizen report, an officer's progress report) live in IndexedDB with their
     idempotency key until the server answers: sent (tracking code / status) or refused (with its reason).
     They are sent by Background Sync, when a page asks ("Kirim sekarang", the next visit, back online).
   - Logging out deletes that account's stored pages and drafts. */
(function () {
  "use strict";
  var C = self.KC;
  if (!C || !self.workbox || !self.idbKeyval) return; /* assets missing: the site works online, as before */
  workbox.setConfig({ modulePathPrefix: C.workbox, debug: false });
  var kv = self.idbKeyval;
  var drafts = kv.createStore("kc-drafts", "drafts");
  var meta = kv.createStore("kc-meta", "meta");
  var SHELL = "kc-shell-" + C.version;
  var PUBLIC = "kc-pages";
  var STATIC = "kc-static";

  function accountCache(account) { return "kc-account-" + account; }
  function currentAccount() { return kv.get("account", meta).then(function (a) { return a || ""; }); }

  self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(C.shell); }).then(function () {
      return self.skipWaiting();
    }));
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("kc-shell-") === 0 && k !== SHELL; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); }));
  });

  /* Which cache may keep this response: null for none. */
  function cacheFor(response) {
    var control = (response.headers.get("Cache-Control") || "").toLowerCase();
    var account = response.headers.get("X-KC-Account");
    if (response.status !== 200 || response.type !== "basic" || response.redirected) return null;
    if (control.indexOf("no-store") !== -1) return null;
    if (account) return accountCache(account);
    if (control.indexOf("private") !== -1) return null;
    return PUBLIC;
  }

  function keep(url, response) {
    if (new URL(url, self.location.href).pathname.indexOf(C.static) === 0) {
      if (!response.ok) return Promise.resolve();
      var asset = response.clone();
      return caches.open(STATIC).then(function (c) { return c.put(url, asset); });
    }
    var name = cacheFor(response);
    if (response.type !== "basic") return Promise.resolve(); /* a redirect on the way says nothing of the account */
    var account = response.headers.get("X-KC-Account") || "";
    var work = kv.set("account", account, meta);
    if (name) {
      var copy = response.clone();
      work = work.then(function () { return caches.open(name); }).then(function (c) { return c.put(url, copy); });
    }
    return work;
  }

  function stored(url) {
    return currentAccount().then(function (account) {
      var own = account ? caches.open(accountCache(account)).then(function (c) { return c.match(url, { ignoreVary: true }); })
        : Promise.resolve(undefined);
      return own.then(function (hit) {
        return hit || caches.open(PUBLIC).then(function (c) { return c.match(url, { ignoreVary: true }); });
      });
    });
  }

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
      promise.then(function (v) { clearTimeout(timer); resolve(v); }, function (e) { clearTimeout(timer); reject(e); });
    });
  }

  workbox.routing.registerRoute(function (o) {
    return o.request.mode === "navigate" && o.url.origin === self.location.origin;
  }, function (o) {
    var url = o.request.url;
    return withTimeout(fetch(o.request), 15000).then(function (response) {
      o.event.waitUntil(keep(url, response));
      return response;
    }).catch(function () {
      return stored(url).then(function (hit) {
        return hit || caches.match(C.offline);
      });
    });
  });

  workbox.routing.registerRoute(function (o) {
    return o.url.origin === self.location.origin && o.url.pathname.indexOf(C.static) === 0;
  }, new workbox.strategies.StaleWhileRevalidate({ cacheName: STATIC }));

  /* Logging out: forget this account's pages and drafts before the server ends the session. */
  function forgetAccount() {
    return currentAccount().then(function (account) {
      if (!account) return null;
      return caches.delete(accountCache(account)).then(function () { return kv.entries(drafts); }).then(function (all) {
        return Promise.all(all.filter(function (e) { return e[1].account === account; })
          .map(function (e) { return kv.del(e[0], drafts); }));
      }).then(function () { return kv.set("account", "", meta); });
    });
  }
  workbox.routing.registerRoute(function (o) { return o.url.pathname === C.logout; }, function (o) {
    return forgetAccount().then(function () { return fetch(o.request); });
  }, "POST");

  /* Drafts */
  function visible() {
    return Promise.all([currentAccount(), kv.entries(drafts)]).then(function (r) {
      return r[1].map(function (e) { return e[1]; }).filter(function (d) { return !d.account || d.account === r[0]; })
        .sort(function (a, b) { return a.created - b.created; })
        .map(function (d) {
          return { id: d.id, kind: d.kind, title: d.title, state: d.state, reason: d.reason || "", code: d.code || "",
                   link: d.link || "", status: d.status || "", photos: (d.files || []).length, note: d.note || "" };
        });
    });
  }

  function saveDraft(draft) {
    return currentAccount().then(function (account) {
      draft.account = account;
      return kv.get(draft.id, drafts);
    }).then(function (old) {
      if (old && old.state === "pending") {
        /* A later change of the same draft: the fields are the newest, the photos add up. */
        if (!draft.evidenceOnly || !old.fields.length) old.fields = draft.fields;
        old.files = (old.files || []).concat(draft.files || []);
        if (draft.title) old.title = draft.title;
        draft = old;
      }
      return kv.set(draft.id, draft, drafts);
    }).then(function () {
      if (self.registration.sync) return self.registration.sync.register("kc-drafts").catch(function () {});
      return null;
    });
  }

  function textOf(html) {
    return html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, "\"").replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  }

  /* The reasons a refused web form gives: its error lists. */
  function reasonsIn(html) {
    var found = [];
    var lists = html.match(/<ul class="errorlist[^"]*"[^>]*>[\s\S]*?<\/ul>/g) || [];
    lists.forEach(function (list) {
      (list.match(/<li>[\s\S]*?<\/li>/g) || []).forEach(function (item) {
        var text = textOf(item);
        if (text && found.indexOf(text) === -1) found.push(text);
      });
    });
    return found.join(" ");
  }

  function loginPage(response) {
    return response.redirected && new URL(response.url).pathname === C.login;
  }

  function send(draft) {
    return fetch(draft.form, { credentials: "same-origin" }).then(function (page) {
      if (loginPage(page)) { draft.note = "login"; return null; }
      return page.text().then(function (html) {
        var token = (html.match(/name="csrfmiddlewaretoken" value="([^"]+)"/) || [])[1] || "";
        var body = new FormData();
        draft.fields.forEach(function (f) { body.append(f[0], f[1]); });
        (draft.files || []).forEach(function (f) {
          body.append(f[0], f[1], f[2]);
          if (f[0] === "photo") body.append("caption", f[3] || "");
        });
        body.set("csrfmiddlewaretoken", token);
        return fetch(draft.url, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "Idempotency-Key": draft.key, "X-CSRFToken": token },
        });
      });
    }).then(function (response) {
      if (!response) return null;
      draft.attempted = true;
      if (loginPage(response)) { draft.note = "login"; return null; }
      draft.note = "";
      if (draft.kind === "citizen") {
        var code = response.url.match(/\/aduan\/lacak\/([^/?#]+)\/?$/);
        if (response.ok && code) {
          draft.state = "sent"; draft.code = decodeURIComponent(code[1]); draft.link = response.url;
          return null;
        }
        /* 403 here is a stale CSRF token, 429 the rate limit: neither is about the report, so try again later. */
        if (response.status >= 400 && response.status < 500 && response.status !== 403 && response.status !== 429) {
          return response.text().then(function (html) {
            draft.state = "refused";
            draft.reason = reasonsIn(html) || "HTTP " + response.status;
          });
        }
        return null; /* a server error: try again later */
      }
      return response.json().then(function (data) {
        if (response.ok) { draft.state = "sent"; draft.status = data.status_label; draft.link = data.url; }
        else if (response.status < 500) { draft.state = "refused"; draft.reason = data.error || "HTTP " + response.status; }
      }, function () { return null; });
    }).catch(function () { return null; /* still offline */ }).then(function () {
      if (draft.state === "sent") draft.files = []; /* the photos are on the server now */
      return kv.set(draft.id, draft, drafts);
    });
  }

  var sending = null;
  function sendAll() {
    if (sending) return sending;
    sending = Promise.all([currentAccount(), kv.entries(drafts)]).then(function (r) {
      var mine = r[1].map(function (e) { return e[1]; }).filter(function (d) {
        return d.state === "pending" && (!d.account || d.account === r[0]);
      });
      return mine.reduce(function (chain, d) { return chain.then(function () { return send(d); }); }, Promise.resolve());
    }).then(tellPages, tellPages).then(function () { sending = null; });
    return sending;
  }

  function tellPages() {
    return self.clients.matchAll({ type: "window" }).then(function (pages) {
      pages.forEach(function (p) { p.postMessage({ type: "drafts-changed" }); });
    });
  }

  /* A busy server answers 503 (docs/deploy.md): wait a moment and ask once more before giving up on a page. */
  function fetchPatiently(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (r.status !== 503) return r;
      return new Promise(function (resolve) { setTimeout(resolve, 1500); }).then(function () {
        return fetch(url, { credentials: "same-origin" });
      });
    });
  }

  function prefetch(urls) {
    return urls.reduce(function (chain, url) {
      return chain.then(function () {
        return fetchPatiently(url).then(function (r) { return keep(url, r); }).catch(function () {});
      });
    }, Promise.resolve());
  }

  self.addEventListener("sync", function (event) {
    if (event.tag === "kc-drafts") event.waitUntil(sendAll());
  });

  self.addEventListener("message", function (event) {
    var m = event.data || {};
    var port = event.ports && event.ports[0];
    var work;
    if (m.type === "draft-save") work = saveDraft(m.draft);
    else if (m.type === "draft-remove") work = kv.del(m.id, drafts);
    else if (m.type === "send") work = sendAll();
    else if (m.type === "claim") work = self.clients.claim();
    else if (m.type === "prefetch") {
      work = prefetch((m.urls || []).filter(function (u) {
        return new URL(u, self.location.href).origin === self.location.origin;
      }).slice(0, 40));
    }
    else work = Promise.resolve();
    event.waitUntil(work.then(visible).then(function (list) { if (port) port.postMessage(list); }));
  });
})();
