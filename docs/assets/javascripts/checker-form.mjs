/* The checker's form: its controls and table rows, the values typed in, values put back from a link, and the message beside each field. */

// Put a value from the URL into a control even when the control cannot hold it (an impossible
// date in a date field, a value that is not one of a list's options): it is shown as it is, and
// the checker's own message says what is wrong with it. Never dropped silently.
function hold(input, v) {
  if (input.tagName === "SELECT") {
    if (v && !input.querySelector('option[value="' + CSS.escape(v) + '"]')) {
      const extra = document.createElement("option");
      extra.value = v;
      extra.textContent = v + "（网址中的值，不在选项中）";
      extra.setAttribute("data-zbc-foreign", "");
      input.appendChild(extra);
    }
    input.value = v;
    return;
  }
  input.value = v;
  if (v && input.value !== v && input.type === "date") {
    input.type = "text";
    input.setAttribute("data-zbc-was", "date");
    input.value = v;
  }
}

function unhold(root) {
  root.querySelectorAll("option[data-zbc-foreign]").forEach((o) => o.remove());
  root.querySelectorAll('input[data-zbc-was="date"]').forEach((input) => {
    input.type = "date";
    input.removeAttribute("data-zbc-was");
  });
}

export class CheckerForm {
  /** `el`: the widget; `spec`: its .zbc-spec; `changed()`: called after a row is added or removed by the reader. */
  constructor(el, spec, changed) {
    this.el = el;
    this.spec = spec;
    this.form = el.querySelector(".zbc-form");
    this.changed = changed;
    this.inputs = new Map(spec.inputs.map((s) => [s.name, s]));
    this.rowCounter = 0;
    this.form.addEventListener("click", (e) => {
      const t = e.target;
      if (t.classList.contains("zbc-add")) this.addRow(t.closest(".zbc-rows"), null, true);
      else if (t.classList.contains("zbc-remove")) this.removeRow(t.closest(".zbc-row"));
    });
  }

  field(name) {
    return this.form.querySelector('.zbc-field[data-name="' + name + '"]');
  }

  /** The control of a single-value input. */
  control(name) {
    return this.field(name).querySelector("[name]");
  }

  addRow(fieldset, values, focus) {
    const tpl = fieldset.querySelector(".zbc-row-template");
    const n = String(++this.rowCounter);
    const wrap = document.createElement("div");
    wrap.innerHTML = tpl.innerHTML.split("__N__").join(n);
    const row = wrap.firstElementChild;
    if (values) {
      row.querySelectorAll("[data-col]").forEach((input) => {
        if (input.classList.contains("zbc-cell")) return;
        const v = values[input.getAttribute("data-col")];
        hold(input, v === undefined ? "" : v);
      });
    }
    fieldset.querySelector(".zbc-row-list").appendChild(row);
    this.numberRows(fieldset);
    if (focus) {
      const first = row.querySelector("input, select");
      if (first) first.focus();
      this.changed();
    }
  }

  removeRow(row) {
    const fieldset = row.closest(".zbc-rows");
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (!fieldset.querySelector(".zbc-row")) this.addRow(fieldset, null, false);
    this.numberRows(fieldset);
    const target = next && next.isConnected ? next.querySelector("input, select") : fieldset.querySelector(".zbc-add");
    if (target) target.focus();
    this.changed();
  }

  numberRows(fieldset) {
    const label = this.inputs.get(fieldset.getAttribute("data-name")).label;
    fieldset.querySelectorAll(".zbc-row").forEach((row, i) => {
      row.setAttribute("aria-label", label + " 第" + (i + 1) + "行");
      row.querySelector(".zbc-remove").setAttribute("aria-label", "删除第" + (i + 1) + "行");
    });
  }

  /** Every table starts with one empty row to fill in. */
  emptyRows() {
    this.el.querySelectorAll(".zbc-rows").forEach((fs) => {
      if (!fs.querySelector(".zbc-row")) this.addRow(fs, null, false);
    });
  }

  /** Raw (trimmed) form values: {name: "text"} and {rowsName: [{col: "text"}]}. */
  values() {
    const out = {};
    for (const s of this.spec.inputs) {
      const f = this.field(s.name);
      if (s.type === "rows") {
        const rows = [];
        f.querySelectorAll(".zbc-row").forEach((row) => {
          const r = {};
          let any = false;
          for (const c of s.columns) {
            const input = row.querySelector('.zbc-cell[data-col="' + c.name + '"] [data-col]');
            r[c.name] = input ? input.value.trim() : "";
            // a cell left at its default (e.g. a yes/no select) does not make a row "filled in"
            if (r[c.name] !== "" && r[c.name] !== String(c.default == null ? "" : c.default)) any = true;
          }
          if (any) rows.push(r);
        });
        out[s.name] = rows;
      } else {
        const input = f.querySelector("[name]");
        out[s.name] = input ? input.value.trim() : "";
      }
    }
    return out;
  }

  // A checker embedded on several flow pages may preselect an input there (PAGE_DEFAULTS in the
  // checker module: e.g. the meeting checker on the 支委会 page starts at "支部委员会会议").
  pageDefaults() {
    const m = /\/flows\/([^/]+)\/?$/.exec(location.pathname.replace(/index\.html$/, ""));
    const own = m && this.spec.page_defaults ? this.spec.page_defaults[m[1]] : null;
    if (!own) return;
    for (const name of Object.keys(own)) {
      const f = this.inputs.has(name) && this.field(name);
      const input = f && f.querySelector("[name]");
      if (!input) continue;
      input.value = own[name];
      if (input.tagName === "SELECT") {
        input.querySelectorAll("option").forEach((o) => {
          o.defaultSelected = o.value === own[name];
        });
      } else input.defaultValue = own[name];
    }
  }

  /** Fill in what a link holds (checker-url.mjs queryValues). */
  fill(values) {
    for (const s of this.spec.inputs) {
      const f = this.field(s.name);
      if (s.type === "rows") {
        f.querySelectorAll(".zbc-row").forEach((r) => r.remove());
        values[s.name].forEach((row) => this.addRow(f, row, false));
      } else {
        hold(f.querySelector("[name]"), values[s.name]);
      }
    }
  }

  /** Back to the form as the page first showed it, each table with one empty row. */
  clear() {
    unhold(this.form);
    this.form.reset();
    this.el.querySelectorAll(".zbc-rows").forEach((fs) => {
      fs.querySelectorAll(".zbc-row").forEach((r) => r.remove());
      this.addRow(fs, null, false);
    });
  }

  /** The browser's date control holds something that is not a date. */
  badDate(name) {
    const input = this.control(name);
    return Boolean(input && input.validity && input.validity.badInput);
  }

  /** The text of a list's chosen option (for the print record). */
  chosenText(name) {
    const sel = this.field(name).querySelector("select");
    return sel.options[sel.selectedIndex].text;
  }

  /** The messages beside each field, {name: [message]}; the fields with one are marked invalid. */
  showErrors(errors) {
    for (const s of this.spec.inputs) {
      const f = this.field(s.name);
      const msg = f.querySelector(".zbc-msg");
      const list = errors[s.name] || [];
      msg.textContent = list.join(" ");
      f.classList.toggle("zbc-has-error", list.length > 0);
      f.querySelectorAll("input, select").forEach((input) => {
        if (list.length) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
    }
  }
}
