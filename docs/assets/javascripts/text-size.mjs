/* 适老化: a larger-text setting in the header (body text 20 px), remembered on this device. */

const KEY = "zb-large-text";
const root = document.documentElement;

function stored() {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch (e) {
    return false; // storage refused (private mode, some embedded browsers): the setting lasts for the page
  }
}

function apply(on, button) {
  root.classList.toggle("zb-large", on);
  if (button) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.title = on ? "恢复标准字号" : "大字（适老化）：正文 20 像素";
  }
}

apply(stored());

const header = document.querySelector(".md-header__inner");
if (header) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button zb-textsize";
  button.textContent = "大字";
  const anchor = header.querySelector("form.md-header__option, .md-header__option, label[for=__search]");
  header.insertBefore(button, anchor);
  apply(stored(), button);
  button.addEventListener("click", () => {
    const on = !root.classList.contains("zb-large");
    apply(on, button);
    try {
      localStorage.setItem(KEY, on ? "1" : "0");
    } catch (e) {
      /* not remembered, still applied */
    }
  });
}
