/* A link to a flow step (flows/x/#node-id) marks that box in the page's diagram too, and on arrival shows it. */

const MARK = "zb-target";

function boxFor(id) {
  if (!id) return null;
  for (const g of document.querySelectorAll("figure.zb-diagram g.node[data-node]")) {
    if (g.getAttribute("data-node") === id && !g.classList.contains("zb-note")) return g;
  }
  return null;
}

function mark(scroll) {
  document.querySelectorAll(`figure.zb-diagram .${MARK}`).forEach((g) => g.classList.remove(MARK));
  let id = "";
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  const box = boxFor(id);
  if (!box) return;
  box.classList.add(MARK);
  box.closest("figure").setAttribute("data-target-node", id);
  // the drawing first (the step's text, the anchor's own target, is right below it)
  if (scroll) box.scrollIntoView({ block: "center", inline: "center" });
}

// after the browser's own jump to the anchor (the step's text), bring the marked box into view
mark(false);
if (document.readyState === "complete") mark(true);
else window.addEventListener("load", () => requestAnimationFrame(() => mark(true)), { once: true });
// within the page (a click on a box jumps to its text) the box is marked, the jump left alone
window.addEventListener("hashchange", () => mark(false));
