/* A tiny element builder shared by the site's modules (the checker widget, self-check records): h("p", {className, text, ...attrs}, ...children). */

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k === "className") el.className = v;
    else if (k === "onclick") el.addEventListener("click", v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** The site root URL (these modules live in assets/javascripts/). */
export const SITE_ROOT = new URL("../../", import.meta.url);

/** A site-root-relative path as an absolute URL. */
export function siteUrl(path) {
  return new URL(path, SITE_ROOT).href;
}
