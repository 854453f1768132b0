/* Scroll regions: a table wider than the screen can be reached and scrolled from the keyboard. */

const SELECTOR = ".md-typeset__scrollwrap";

function label(wrap) {
  const caption = wrap.querySelector("caption");
  const text = caption ? caption.textContent.trim() : "";
  return (text ? text + "：" : "") + "表格，可左右滑动";
}

function update(wrap) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  if (scrolls) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", label(wrap));
  } else {
    wrap.removeAttribute("tabindex");
    wrap.removeAttribute("role");
    wrap.removeAttribute("aria-label");
  }
}

function init() {
  const wraps = document.querySelectorAll(SELECTOR);
  wraps.forEach(update);
  if (wraps.length && "ResizeObserver" in window) {
    const observer = new ResizeObserver((entries) => entries.forEach((e) => update(e.target)));
    wraps.forEach((w) => observer.observe(w));
  }
}

// The theme wraps tables in its scroll boxes once the document is parsed: look after that.
if (document.readyState === "complete") init();
else window.addEventListener("load", init);
