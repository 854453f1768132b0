/* Shows a record's states on the diagram: a badge with the state's words and a fill or outline per state (records.css). */

const SVG = "http://www.w3.org/2000/svg";

function badge(g, text) {
  const shape = g.querySelector("path, polygon, ellipse");
  if (!shape) return;
  const box = shape.getBBox();
  const group = document.createElementNS(SVG, "g");
  group.setAttribute("class", "zb-sc-badge");
  group.setAttribute("aria-hidden", "true");
  const label = document.createElementNS(SVG, "text");
  label.textContent = text;
  label.setAttribute("font-size", "11");
  label.setAttribute("text-anchor", "end");
  label.setAttribute("x", String(box.x + box.width - 4));
  label.setAttribute("y", String(box.y - 3));
  const rect = document.createElementNS(SVG, "rect");
  group.appendChild(rect);
  group.appendChild(label);
  g.appendChild(group);
  const t = label.getBBox();
  rect.setAttribute("x", String(t.x - 3));
  rect.setAttribute("y", String(t.y - 1));
  rect.setAttribute("width", String(t.width + 6));
  rect.setAttribute("height", String(t.height + 2));
  rect.setAttribute("rx", "3");
}

/** Remove every state mark from the diagram. */
export function clearStates(figure) {
  figure.querySelectorAll(".zb-sc-badge").forEach((b) => b.remove());
  figure.querySelectorAll("g.node[data-sc]").forEach((g) => g.removeAttribute("data-sc"));
}

/** Mark each node with its state ({id: state}, e.g. "done" | "next" | "todo"); `badges`: state -> the badge's
 * words (the kind's, record-kinds.mjs); a state without words gets no badge, an empty state no mark. */
export function paintStates(figure, states, badges) {
  clearStates(figure);
  for (const [id, state] of Object.entries(states)) {
    const g = state && figure.querySelector(`g.node[data-node="${CSS.escape(id)}"]:not(.zb-note)`);
    if (!g) continue;
    g.setAttribute("data-sc", state);
    if (badges[state]) badge(g, badges[state]);
  }
}
