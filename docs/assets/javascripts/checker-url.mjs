/* The checker form's state in the page's query string (?name=value, rows as "张三:12,李四:9"), so a link re-opens a filled-in form. No DOM: tests/node runs it. */

// A row's cells are joined by ":" and rows by ","; "\" escapes all three inside a cell.
function escCell(s) {
  return s.replace(/\\/g, "\\\\").replace(/:/g, "\\:").replace(/,/g, "\\,");
}

/** [{col: text}] → "张三:12,李四:9" (trailing empty cells left out). */
export function encodeRows(rows, columns) {
  return rows
    .map((row) =>
      columns
        .map((c) => escCell(row[c.name] || ""))
        .join(":")
        .replace(/:+$/, "")
    )
    .join(",");
}

/** "张三:12,李四:9" → [{col: text}], every column present ("" when missing); empty rows dropped. */
export function decodeRows(text, columns) {
  const rows = [];
  let cells = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && i + 1 < text.length) {
      cur += text[++i];
    } else if (ch === ":") {
      cells.push(cur);
      cur = "";
    } else if (ch === ",") {
      cells.push(cur);
      rows.push(cells);
      cells = [];
      cur = "";
    } else cur += ch;
  }
  cells.push(cur);
  rows.push(cells);
  return rows
    .filter((r) => r.join("") !== "")
    .map((r) => {
      const row = {};
      columns.forEach((c, j) => {
        row[c.name] = r[j] || "";
      });
      return row;
    });
}

// ":" and "," stay as they are, so a shared link of a rows input stays readable.
function encodeQueryValue(v) {
  return encodeURIComponent(v).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
}

/**
 * The inputs a query string fills in: null when it names none of them (not a link to this
 * checker), else {name: text} and {rowsName: [{col: text}]} for every input ("" or [] if absent).
 */
export function queryValues(search, inputs, aliases = {}) {
  const params = new URLSearchParams(search);
  // An older link's parameter name (the checker's ALIASES) is read as the input it meant.
  for (const [old, name] of Object.entries(aliases)) {
    if (params.has(old) && !params.get(name)) params.set(name, params.get(old));
  }
  if (!inputs.some((s) => params.has(s.name))) return null;
  const values = {};
  for (const s of inputs) {
    const v = params.get(s.name) || "";
    values[s.name] = s.type === "rows" ? decodeRows(v, s.columns) : v;
  }
  return values;
}

/**
 * The query string for the form's values ("?…", or "" when nothing is left): parameters that are
 * not the checker's inputs (nor an older name of one, `aliases`) are kept first, then every
 * filled-in input in the order of the form.
 */
export function queryFor(search, inputs, values, aliases = {}) {
  const names = new Set([...inputs.map((s) => s.name), ...Object.keys(aliases)]);
  const keep = [];
  new URLSearchParams(search).forEach((v, k) => {
    if (!names.has(k)) keep.push(encodeURIComponent(k) + "=" + encodeQueryValue(v));
  });
  for (const s of inputs) {
    const v = s.type === "rows" ? encodeRows(values[s.name], s.columns) : values[s.name];
    if (v !== "") keep.push(encodeURIComponent(s.name) + "=" + encodeQueryValue(v));
  }
  return keep.length ? "?" + keep.join("&") : "";
}
