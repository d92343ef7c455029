// The page view's two behaviours: zoom buttons for the page picture, and the
// arrow keys turning pages (ArrowLeft/ArrowRight follow the pager's links).
// Everything works without this file: links, and the browser's own zoom.
(function () {
  "use strict";
  var STEPS = [1, 1.5, 2, 3, 4];
  var sheet = document.querySelector(".sheet");
  var tools = document.querySelector(".tools");
  var step = 0;

  function zoom(to) {
    var viewport = sheet.parentElement;
    var centreX = (viewport.scrollLeft + viewport.clientWidth / 2) / sheet.offsetWidth;
    var centreY = (viewport.scrollTop + viewport.clientHeight / 2) / sheet.offsetHeight;
    step = Math.max(0, Math.min(STEPS.length - 1, to));
    if (step === 0) {
      sheet.style.width = "";
      sheet.classList.remove("zoomed");
    } else {
      sheet.style.width = (viewport.clientWidth * STEPS[step]) + "px";
      sheet.classList.add("zoomed");
    }
    viewport.scrollLeft = centreX * sheet.offsetWidth - viewport.clientWidth / 2;
    viewport.scrollTop = centreY * sheet.offsetHeight - viewport.clientHeight / 2;
  }

  if (sheet && tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var how = button.getAttribute("data-zoom");
      zoom(how === "in" ? step + 1 : how === "out" ? step - 1 : 0);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    // A zoomed page pans with the arrows while its frame has the focus.
    if (step > 0 && target && target.closest && target.closest(".viewport")) return;
    var link = document.querySelector('.pager a[data-key="' + event.key + '"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
})();
