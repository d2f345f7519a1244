/* The installable app (docs/offline.md): registers the service worker, offers "Pasang aplikasi" where the
   browser can install, and loads offline-drafts.js where a form can be kept offline or drafts are waiting.
   Every page works without this file. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !("serviceWorker" in navigator) || !window.MessageChannel) return;
  var T = me.dataset;
  var KC = (window.KCOffline = { text: T, ask: ask, show: function () {} });
  navigator.serviceWorker.register(me.dataset.sw, { scope: "/" }).catch(function () {});

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (reg) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) { resolve(e.data || []); };
        (navigator.serviceWorker.controller || reg.active).postMessage(message, [channel.port2]);
      });
    });
  }

  /* The drafts' code is loaded only where it is needed: a form that can be kept offline, or drafts waiting. */
  function withDrafts() {
    if (KC.loading) return;
    KC.loading = true;
    var script = document.createElement("script");
    script.src = me.dataset.drafts;
    document.head.appendChild(script);
  }

  /* "Pasang aplikasi" */
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    var nav = document.querySelector(".header-nav");
    if (!nav || document.querySelector(".install-app")) return;
    var button = document.createElement("button");
    button.className = "link install-app";
    button.textContent = T.tInstall;
    button.type = "button";
    button.setAttribute("data-testid", "install-app");
    button.addEventListener("click", function () { event.prompt(); button.remove(); });
    nav.appendChild(button);
  });

  /* The first visit was loaded before the worker ran: once it controls the page, it stores this page and its
     files too, so that the page is there offline after one visit. */
  function storeThisPage() {
    if (KC.stored) return;
    KC.stored = true;
    var files = document.querySelectorAll("script[src], link[rel=stylesheet]");
    var urls = [location.href].concat(Array.prototype.map.call(files, function (n) { return n.src || n.href; }));
    ask({ type: "prefetch", urls: urls }).then(function (list) { if (list.length) { withDrafts(); KC.show(list); } });
  }
  navigator.serviceWorker.addEventListener("controllerchange", storeThisPage);
  /* The worker takes the open pages when it starts (clients.claim), but Chromium leaves out a page that was
     still loading then (signing in: the worker started during the redirect to /staf/). Such a page asks. */
  navigator.serviceWorker.ready.then(function (reg) {
    if (!navigator.serviceWorker.controller && reg.active) reg.active.postMessage({ type: "claim" });
  });
  /* A page can also come from the network and be taken over by the worker before it runs (the worker
     activated while the page was on its way): it has a controller from the start but was never stored. */
  function fetchedWithoutWorker() {
    var entry = window.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    return !!entry && entry.workerStart === 0;
  }
  navigator.serviceWorker.addEventListener("message", function (e) {
    if (e.data && e.data.type === "drafts-changed") withDrafts();
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (navigator.serviceWorker.controller && fetchedWithoutWorker()) storeThisPage();
    if (document.querySelector("form[data-offline]")) withDrafts();
    else if (navigator.serviceWorker.controller) {
      ask({ type: "list" }).then(function (list) { if (list.length) withDrafts(); });
    }
    /* "Program saya": the report and programme pages its rows need, stored for reading offline. */
    var links = Array.prototype.map.call(document.querySelectorAll("[data-offline-prefetch]"), function (n) {
      return n.getAttribute("data-offline-prefetch") || n.href;
    });
    if (links.length && navigator.onLine && navigator.serviceWorker.controller) ask({ type: "prefetch", urls: links });
  });
})();
