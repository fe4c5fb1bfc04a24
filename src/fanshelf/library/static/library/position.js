// Reading position: remembers the paragraph in view, and opens "Continue reading" links
// (#chapter-N-paragraph-M) at that paragraph. Without this script the chapter is remembered.
(function () {
  "use strict";

  function paragraphsOf(section) {
    var text = section.querySelector(".userstuff");
    return text ? Array.prototype.slice.call(text.children) : [];
  }

  function chapterNumber(section) {
    var match = /^chapter-(\d+)$/.exec(section.id);
    return match ? parseInt(match[1], 10) : 0;
  }

  function openAtHash() {
    var match = /^#chapter-(\d+)-paragraph-(\d+)$/.exec(window.location.hash);
    if (!match) return;
    var section = document.getElementById("chapter-" + match[1]);
    var target = section && paragraphsOf(section)[parseInt(match[2], 10) - 1];
    if (target) {
      target.scrollIntoView({ block: "start" });
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }

  // The first paragraph whose bottom is below the top of the window: where the reader is.
  function placeInView() {
    var sections = document.querySelectorAll("section.chapter");
    for (var i = 0; i < sections.length; i++) {
      var paragraphs = paragraphsOf(sections[i]);
      for (var j = 0; j < paragraphs.length; j++) {
        if (paragraphs[j].getBoundingClientRect().bottom > 0) {
          return { chapter: chapterNumber(sections[i]), paragraph: j + 1 };
        }
      }
    }
    return null;
  }

  function recorder(config) {
    var sent = "";
    var timer = null;
    var moved = false; // a page only opened, never scrolled, leaves the place reached as it was

    function send(useBeacon) {
      var place = placeInView();
      if (!place || !place.chapter) return;
      var key = place.chapter + ":" + place.paragraph;
      if (key === sent) return;
      sent = key;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", config.dataset.csrf);
      body.append("work", config.dataset.work);
      body.append("chapter", place.chapter);
      body.append("paragraph", place.paragraph);
      if (useBeacon && navigator.sendBeacon) {
        navigator.sendBeacon(config.dataset.url, body);
      } else {
        fetch(config.dataset.url, { method: "POST", body: body, credentials: "same-origin" });
      }
    }

    window.addEventListener("scroll", function () {
      moved = true;
      clearTimeout(timer);
      timer = setTimeout(function () { send(false); }, 1500);
    }, { passive: true });
    document.addEventListener("visibilitychange", function () {
      if (moved && document.visibilityState === "hidden") send(true);
    });
  }

  openAtHash();
  window.addEventListener("hashchange", openAtHash);
  var config = document.getElementById("reading-position");
  if (config) recorder(config);
})();
