/* A training case's answers shown one at a time (显示下一处 / 全部显示); without this module the <details> shows them all at once. */

const HIDDEN = "zb-unrevealed";

function setup(details) {
  const items = [...details.querySelectorAll("[data-present-step]")];
  const bar = details.querySelector(".zb-case-reveal");
  if (!items.length || !bar) return;
  const count = bar.querySelector(".zb-case-count");
  const next = bar.querySelector("[data-zb=reveal-next]");
  const all = bar.querySelector("[data-zb=reveal-all]");
  let shown = 1;

  function show(n, focus) {
    shown = Math.max(1, Math.min(items.length, n));
    items.forEach((li, k) => li.classList.toggle(HIDDEN, k >= shown));
    count.textContent = `已显示 ${shown} / ${items.length} 处`;
    const done = shown === items.length;
    next.hidden = done;
    all.hidden = done;
    if (focus) {
      // the newly shown answer is read out and is where Tab continues
      const li = items[shown - 1];
      li.tabIndex = -1;
      li.focus();
    }
  }

  bar.hidden = false;
  show(1, false);
  next.addEventListener("click", () => show(shown + 1, true));
  all.addEventListener("click", () => {
    const first = shown;
    show(items.length, false);
    const li = items[first];
    if (li) {
      li.tabIndex = -1;
      li.focus();
    }
  });
}

document.querySelectorAll("details[data-case-answers]").forEach(setup);
