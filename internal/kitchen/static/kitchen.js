// Kitchen board: live updates over Server-Sent Events, one-tap status
// changes through the JSON API, and an optional chime for new orders.
// Without this script the page still works: forms post and reload.
"use strict";

(function () {
  const board = document.getElementById("board");
  const notice = document.getElementById("notice");
  const live = document.getElementById("live");
  const chimeButton = document.getElementById("chime");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let latest = latestShown();
  let audio = null;
  let noticeTimer = 0;

  function latestShown() {
    const cols = board.querySelector(".columns");
    return cols ? Number(cols.dataset.latest) || 0 : 0;
  }

  function say(text, sticky) {
    notice.textContent = text;
    notice.classList.remove("hidden");
    clearTimeout(noticeTimer);
    if (!sticky) {
      noticeTimer = setTimeout(function () { notice.classList.add("hidden"); }, 8000);
    }
  }

  function setLive(state, text) {
    live.className = "live " + state;
    live.textContent = text;
    document.body.dataset.live = state;
  }

  // The chime is a short two-note tone made in the browser; browsers allow
  // sound only after a tap, which is what the toggle is.
  function chimeOn() { return localStorage.getItem("kitchen-chime") === "on"; }

  function showChime() {
    chimeButton.setAttribute("aria-pressed", chimeOn() ? "true" : "false");
    chimeButton.textContent = chimeOn() ? "Chime on" : "Chime off";
  }

  function chime() {
    if (!chimeOn()) return;
    audio = audio || new AudioContext();
    [880, 1320].forEach(function (freq, i) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const start = audio.currentTime + i * 0.25;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.3, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.4);
    });
  }

  chimeButton.addEventListener("click", function () {
    localStorage.setItem("kitchen-chime", chimeOn() ? "off" : "on");
    showChime();
    chime();
  });
  showChime();

  function connect() {
    const es = new EventSource("/kitchen/events");
    es.addEventListener("open", function () { setLive("on", "Live"); });
    es.addEventListener("board", function (e) {
      // Keep an open cancel confirmation open across redraws.
      const open = Array.from(board.querySelectorAll("details[open]"))
        .map(function (d) { return d.closest(".card").dataset.order; });
      board.innerHTML = e.data;
      open.forEach(function (n) {
        const d = board.querySelector('[data-order="' + CSS.escape(n) + '"] details');
        if (d) d.open = true;
      });
      const now = latestShown();
      if (now > latest) chime();
      latest = now;
      setLive("on", "Live · " + board.querySelector(".columns").dataset.updated);
    });
    es.addEventListener("error", function () {
      if (es.readyState === EventSource.CLOSED) {
        // Signed out or the server refused: the login page takes over.
        setLive("off", "Offline");
        say("Lost the connection to the server; reloading…", true);
        setTimeout(function () { location.reload(); }, 3000);
      } else {
        setLive("off", "Reconnecting…");
      }
    });
  }

  // Status buttons post JSON to the admin API with the page's CSRF token.
  // The board redraws from the stream; the reply only feeds the notice.
  board.addEventListener("submit", function (e) {
    const form = e.target.closest("form.js-status");
    if (!form) return;
    e.preventDefault();
    const button = e.submitter || form.querySelector("button");
    const number = form.closest(".card").dataset.order;
    button.disabled = true;
    fetch("/admin/orders/" + encodeURIComponent(number) + "/status", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ status: button.value, from: form.elements.from.value }),
    }).then(function (res) {
      return res.json().then(function (body) {
        if (res.status === 401) location.reload();
        say(body.message || body.error || "Done.");
      });
    }).catch(function () {
      say("Could not reach the server; nothing was changed. Try again.");
    }).finally(function () {
      button.disabled = false;
    });
  });

  connect();
})();
