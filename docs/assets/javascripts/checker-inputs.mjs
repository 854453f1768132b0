/* The quick format check of a checker's inputs before Python runs (the checker itself judges the rest). No DOM. */

// What the checkers accept too (checkers/_inputs.py): NFKC (full-width digits), thousands
// separators, a trailing 元 on money. Only used for the quick check before Python runs.
function normalizeNumber(s, money) {
  s = s.normalize ? s.normalize("NFKC") : s;
  s = s.replace(/\s+/g, "");
  if (money) s = s.replace(/元$/, "");
  return s.replace(/,/g, "");
}

function bound(v) {
  return v === undefined || v === null || v === "" ? null : Number(v);
}

/** "" if the value is acceptable for the declared input (checkers/README.md's INPUTS), else a Chinese message. */
export function validate(spec, raw) {
  const label = spec.label;
  if (raw === "") return spec.required ? "请填写" + label + "。" : "";
  let v = raw;
  const type = spec.type;
  if (type === "integer" || type === "money") {
    v = normalizeNumber(raw, type === "money");
    if (type === "integer") v = v.replace(/\.0$/, "");
    const re = type === "integer" ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d{0,2})?|\.\d{1,2})$/;
    if (!re.test(v)) {
      if (type === "money" && /^[+-]?\d*\.\d{3,}$/.test(v)) return label + "最多填到分（两位小数）。";
      return type === "integer" ? label + "请填写整数，只填数字。" : label + "请填写金额（元），如 76.50。";
    }
    const n = Number(v);
    const min = bound(spec.min);
    const max = bound(spec.max);
    if (n < 0 && (min === null || min >= 0)) return label + "不能是负数。";
    if (min !== null && n < min) return label + "不能小于 " + spec.min + "。";
    if (max !== null && n > max) return label + "不能大于 " + spec.max + "。";
    if (max === null && v.replace(/[^0-9]/g, "").length > 12) return label + "数字太大，请核对。";
  } else if (type === "date") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return label + "请填写有效日期。";
  }
  return "";
}

/**
 * The data to send to the checker (what was typed, trimmed; empty inputs and cells left out) and
 * the form's own messages {name: [message]}. `lenient`: no format messages (a form filled in from a
 * shared link, where the checker's own messages say what is wrong), only a required table left
 * empty; `badDate(name)`: the browser's date control holds something that is not a date.
 */
export function collect(inputs, values, { lenient = false, badDate = () => false } = {}) {
  const data = {};
  const errors = {};
  const add = (name, msg) => (errors[name] = errors[name] || []).push(msg);
  for (const s of inputs) {
    if (s.type === "rows") {
      const rows = [];
      values[s.name].forEach((row, i) => {
        const r = {};
        for (const c of s.columns) {
          const v = (row[c.name] || "").trim();
          const m = validate(c, v);
          if (m && !lenient) add(s.name, "第" + (i + 1) + "行：" + m);
          if (v !== "") r[c.name] = v;
        }
        rows.push(r);
      });
      if (!rows.length && s.required) add(s.name, "请至少填写一行" + s.label + "。");
      if (rows.length) data[s.name] = rows;
    } else {
      const v = (values[s.name] || "").trim();
      const m = badDate(s.name) ? s.label + "请填写有效日期。" : validate(s, v);
      if (m && !lenient) add(s.name, m);
      if (v !== "") data[s.name] = v;
    }
  }
  return { data, errors };
}
