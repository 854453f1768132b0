/* The header's 简体/繁體 switch keeps what the address holds beyond the page: a checker's inputs (the query string) and the place (#…). */

function keep(link) {
  const url = new URL(link.getAttribute("href"), location.href);
  url.search = location.search;
  url.hash = location.hash;
  link.href = url.href;
}

function init() {
  for (const link of document.querySelectorAll("a.zb-script-switch__link")) {
    // At the moment it is followed: a checker rewrites the query string after every check.
    for (const type of ["pointerdown", "focus", "click"]) link.addEventListener(type, () => keep(link));
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
