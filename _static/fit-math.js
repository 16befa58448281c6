/* Display equations that are wider than their column (on a phone, those not yet
 * broken into aligned lines) are scaled down to the column once MathJax has
 * typeset them, so that no symbol is cut off and the page does not scroll
 * sideways.  A tap on a scaled equation shows it at full size in its own
 * scrolling box, and a second tap scales it back.  (MathJax 3, which the book
 * serves offline, has no automatic line breaking; MathJax 4's displayOverflow
 * would replace this.)  Checked by tests/browser: test_display_math_fits. */
(function () {
  "use strict";

  function room(box) {
    var cs = getComputedStyle(box);
    return box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  }

  function fit() {
    var all = document.querySelectorAll('mjx-container[display="true"]');
    Array.prototype.forEach.call(all, function (c) {
      if (c.dataset.fitFull === "1") return;       // the reader asked for full size
      var math = c.querySelector("mjx-math");
      if (!math || !c.parentElement) return;
      c.style.fontSize = "";
      var width = math.getBoundingClientRect().width, space = room(c.parentElement);
      if (space > 0 && width > space + 1) {
        var size = parseFloat(getComputedStyle(c).fontSize);
        c.style.fontSize = (size * (space - 2) / width).toFixed(2) + "px";
        c.classList.add("fit-math-scaled");
        c.title = "Tap for full size";
      } else {
        c.classList.remove("fit-math-scaled");
      }
    });
  }

  function toggle(event) {
    var c = event.target.closest && event.target.closest("mjx-container.fit-math-scaled, mjx-container[data-fit-full='1']");
    if (!c) return;
    if (c.dataset.fitFull === "1") {
      delete c.dataset.fitFull;
      fit();
    } else {
      c.dataset.fitFull = "1";
      c.style.fontSize = "";
    }
  }

  function whenTypeset(callback, tries) {
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) {
      mj.startup.promise.then(callback);
    } else if ((tries || 0) < 200) {
      setTimeout(function () { whenTypeset(callback, (tries || 0) + 1); }, 50);
    }
  }

  function refitWhenFontsChange() {
    // MathJax measures with the fonts at hand; when its web fonts arrive the
    // equations widen, so fit again after every font load and on resize
    fit();
    if (document.fonts) {
      document.fonts.ready.then(fit);
      document.fonts.addEventListener("loadingdone", fit);
    }
    [100, 500, 1500].forEach(function (ms) { setTimeout(fit, ms); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    whenTypeset(refitWhenFontsChange);
    window.addEventListener("resize", fit);
    document.addEventListener("click", toggle);
  });
})();
