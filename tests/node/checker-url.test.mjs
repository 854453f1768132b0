// The checker form's state in the URL (checker-url.mjs) and its quick format check
// (checker-inputs.mjs): what a shared link holds, and what is sent to the checker.
import assert from "node:assert/strict";
import { test } from "node:test";

import { collect, validate } from "../../docs/assets/javascripts/checker-inputs.mjs";
import { decodeRows, encodeRows, queryFor, queryValues } from "../../docs/assets/javascripts/checker-url.mjs";

const COLUMNS = [
  { name: "name", label: "姓名" },
  { name: "votes", label: "票数", type: "integer" },
  { name: "note", label: "备注" },
];
const INPUTS = [
  { name: "entitled", label: "应到人数", type: "integer", required: true },
  { name: "date", label: "日期", type: "date" },
  { name: "votes", label: "得票", type: "rows", columns: COLUMNS },
];

test("rows: cells joined by ':' and rows by ',', trailing empty cells dropped", () => {
  const rows = [
    { name: "张三", votes: "12", note: "" },
    { name: "李四", votes: "", note: "" },
  ];
  assert.equal(encodeRows(rows, COLUMNS), "张三:12,李四");
  assert.deepEqual(decodeRows("张三:12,李四", COLUMNS), rows);
});

test("rows: ':', ',' and '\\' inside a cell survive the round trip", () => {
  const rows = [{ name: "a:b,c\\d", votes: "1", note: "x" }];
  const text = encodeRows(rows, COLUMNS);
  assert.equal(text, "a\\:b\\,c\\\\d:1:x");
  assert.deepEqual(decodeRows(text, COLUMNS), rows);
});

test("rows: empty rows are dropped and missing cells are empty", () => {
  assert.deepEqual(decodeRows("", COLUMNS), []);
  assert.deepEqual(decodeRows(",,王五,", COLUMNS), [{ name: "王五", votes: "", note: "" }]);
});

test("a query that names none of the inputs is not a link to this checker", () => {
  assert.equal(queryValues("", INPUTS), null);
  assert.equal(queryValues("?done=a,b&entitledx=1", INPUTS), null);
});

test("a link fills every input: what it names, and empty for the rest", () => {
  assert.deepEqual(queryValues("?entitled=10&votes=%E5%BC%A0%E4%B8%89:9", INPUTS), {
    entitled: "10",
    date: "",
    votes: [{ name: "张三", votes: "9", note: "" }],
  });
});

test("the query for the form keeps other parameters first, then filled inputs in form order", () => {
  const values = { entitled: "10", date: "", votes: [{ name: "张三", votes: "9", note: "" }] };
  assert.equal(queryFor("?votes=old&utm=x&entitled=3", INPUTS, values), "?utm=x&entitled=10&votes=%E5%BC%A0%E4%B8%89:9");
  assert.equal(queryFor("?entitled=3", INPUTS, { entitled: "", date: "", votes: [] }), "");
  // a value with "&" or "=" cannot break the query
  assert.equal(queryFor("", INPUTS, { entitled: "1&date=2", date: "", votes: [] }), "?entitled=1%26date%3D2");
});

test("what the form writes, a link reads back", () => {
  const values = { entitled: "８", date: "2026-03-05", votes: [{ name: "a,b", votes: "1", note: "" }] };
  assert.deepEqual(queryValues(queryFor("", INPUTS, values), INPUTS), values);
});

test("the quick check accepts what the checkers accept, and names the field otherwise", () => {
  const money = { label: "月工资", type: "money" };
  assert.equal(validate(money, "5,100.50元"), "");
  assert.equal(validate(money, "１２"), ""); // full-width digits (NFKC)
  assert.equal(validate(money, "76.505"), "月工资最多填到分（两位小数）。");
  assert.equal(validate(money, "-1"), "月工资不能是负数。");
  const count = { label: "人数", type: "integer", min: 1, max: 50 };
  assert.equal(validate(count, "10.0"), "");
  assert.equal(validate(count, "0"), "人数不能小于 1。");
  assert.equal(validate(count, "51"), "人数不能大于 50。");
  assert.equal(validate(count, "十"), "人数请填写整数，只填数字。");
  assert.equal(validate({ label: "日期", type: "date" }, "2026-3-5"), "日期请填写有效日期。");
  assert.equal(validate({ label: "人数", required: true }, ""), "请填写人数。");
});

test("collect sends trimmed, filled-in values only, and gathers the messages by input", () => {
  const values = { entitled: " 10 ", date: "", votes: [{ name: "张三", votes: "x", note: "" }] };
  const { data, errors } = collect(INPUTS, values);
  assert.deepEqual(data, { entitled: "10", votes: [{ name: "张三", votes: "x" }] });
  assert.deepEqual(errors, { votes: ["第1行：票数请填写整数，只填数字。"] });
  // from a shared link the checker's own messages speak, not the quick check's
  assert.deepEqual(collect(INPUTS, values, { lenient: true }).errors, {});
  assert.deepEqual(collect(INPUTS, { ...values, date: "2026-03-05" }, { badDate: (n) => n === "date" }).errors.date, [
    "日期请填写有效日期。",
  ]);
});

test("a required table left empty is named even from a shared link", () => {
  const inputs = [{ name: "votes", label: "得票", type: "rows", required: true, columns: COLUMNS }];
  assert.deepEqual(collect(inputs, { votes: [] }, { lenient: true }).errors, { votes: ["请至少填写一行得票。"] });
});

test("an older parameter name (the checker's ALIASES) fills the input it meant and is not kept twice", () => {
  const inputs = [{ name: "accepted_on", type: "date" }, { name: "admission_approved_on", type: "date" }];
  const aliases = { approved_on: "admission_approved_on" };
  const values = queryValues("?accepted_on=2024-01-15&approved_on=2024-04-15", inputs, aliases);
  assert.deepEqual(values, { accepted_on: "2024-01-15", admission_approved_on: "2024-04-15" });
  assert.equal(queryValues("?approved_on=2024-04-15", inputs), null);
  assert.equal(
    queryFor("?approved_on=2024-04-15&utm=x", inputs, values, aliases),
    "?utm=x&accepted_on=2024-01-15&admission_approved_on=2024-04-15"
  );
});
