/* The kinds of table record (rows with declared fields), each a plain declaration: add a kind here to keep a new table on this device.
 *
 * A kind declares:
 *   title    what a record of it is called ("组织生活台账");
 *   fields   the columns of each row, in order: {name, label, type, ...}; type "choice" (options: [[value, label]]),
 *            "date" (YYYY-MM-DD), "integer" (min, max) or "text" (max: characters); every value is kept as text,
 *            "" when empty (a row may be saved half filled in; its checker judges what is required);
 *   head     fields of the whole record (same form as `fields`), e.g. the ledger's year;
 *   order    field names a row list is sorted by (then by when the row was added);
 *   checker  the checker whose form the record is entered in (its page; its latest verdict is kept with the record);
 *   param    the query parameter naming an open record on that page.
 * The ledger's fields are the ledger checker's `meetings` columns (checkers/ledger.py) plus a note; a Python test
 * compares the two. */

const COUNT = { type: "integer", min: 0, max: 10000 }; // the checker's form bound (not a rule)

export const TABLES = {
  ledger: {
    title: "组织生活台账",
    checker: "ledger",
    page: "checkers/ledger/",
    param: "ledger",
    head: [
      { name: "year", label: "年度", type: "integer", min: 1900, max: 2200 },
      { name: "groups", label: "党小组个数", ...COUNT },
    ],
    fields: [
      {
        name: "kind",
        label: "种类",
        type: "choice",
        options: [
          ["general", "支部党员大会"],
          ["committee", "支部委员会会议"],
          ["group", "党小组会"],
          ["theme_day", "主题党日"],
          ["lecture", "党课"],
          ["organisational_life", "组织生活会"],
          ["appraisal", "民主评议党员"],
          ["heart_talks", "谈心谈话"],
        ],
      },
      { name: "held_on", label: "日期", type: "date" },
      { name: "expected", label: "应到", ...COUNT },
      { name: "present", label: "实到", ...COUNT },
      { name: "note", label: "备注", type: "text", max: 200 },
    ],
    order: ["held_on", "kind"],
  },
};

/** The declaration of a table record's kind (`rec.table`), or null for one this site does not know. */
export function tableOf(rec) {
  const name = rec && rec.table;
  return typeof name === "string" && Object.hasOwn(TABLES, name) ? TABLES[name] : null;
}
