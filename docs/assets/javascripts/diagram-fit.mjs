/* Phones: a diagram wider than its box says so (a fade at the edge and a hint) and offers 适合宽度 (fit to width). */

const HINT = "图比屏幕宽，可左右滑动查看；点“适合宽度”看全图，点“放大查看”看清细节。";

function setup(figure) {
  const canvas = figure.querySelector(".zb-canvas");
  const toolbar = figure.querySelector(".zb-toolbar");
  if (!canvas || !toolbar) return;

  const fit = document.createElement("button");
  fit.type = "button";
  fit.className = "md-button zb-btn zb-fit-btn";
  fit.dataset.zb = "fit";
  fit.setAttribute("aria-pressed", "false");
  fit.textContent = "适合宽度";
  const zoom = toolbar.querySelector("button[data-zb=zoom]");
  toolbar.insertBefore(fit, zoom ? zoom.nextSibling : null);

  const hint = document.createElement("p");
  hint.className = "zb-scroll-hint";
  hint.textContent = HINT;
  canvas.parentNode.insertBefore(hint, canvas);

  const fade = document.createElement("div");
  fade.className = "zb-fade";
  fade.setAttribute("aria-hidden", "true");
  figure.appendChild(fade);

  function update() {
    const wide = canvas.scrollWidth > canvas.clientWidth + 4;
    const fitted = figure.classList.contains("zb-fit");
    figure.classList.toggle("zb-overflows", wide);
    fit.hidden = !wide && !fitted;
    hint.hidden = !wide;
    const atEnd = canvas.scrollLeft + canvas.clientWidth >= canvas.scrollWidth - 2;
    fade.hidden = !wide || atEnd;
    if (!fade.hidden) {
      fade.style.top = canvas.offsetTop + "px";
      fade.style.height = canvas.offsetHeight + "px";
    }
  }

  fit.addEventListener("click", () => {
    const on = figure.classList.toggle("zb-fit");
    fit.setAttribute("aria-pressed", on ? "true" : "false");
    if (on && figure.classList.contains("zb-zoomed") && zoom) zoom.click();
    update();
  });
  if (zoom) {
    // diagram.js toggles the zoom on the figure after this listener (the click bubbles up to it)
    zoom.addEventListener("click", () =>
      setTimeout(() => {
        if (figure.classList.contains("zb-zoomed") && figure.classList.contains("zb-fit")) {
          figure.classList.remove("zb-fit");
          fit.setAttribute("aria-pressed", "false");
        }
        update();
      }, 0),
    );
  }
  canvas.addEventListener("scroll", update, { passive: true });
  if ("ResizeObserver" in window) new ResizeObserver(update).observe(canvas);
  update();
}

document.querySelectorAll("figure.zb-diagram").forEach(setup);
