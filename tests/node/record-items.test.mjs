// A checker result attached to a record keeps each failing or warning item with its article
// (records.mjs cleanResult / itemLines), and a result read back from a record keeps its lines.
import assert from "node:assert/strict";
import { test } from "node:test";

import { cleanResult, itemLines } from "../../docs/assets/javascripts/records.mjs";

const ITEMS = [
  { level: "fail", message: "列为发展对象（2021年3月20日）时，列为积极分子还不满1年。", basis: "《中国共产党发展党员工作细则》第十三条" },
  { level: "warn", message: "到期应办：上级党委审批接收预备党员。", basis: "" },
];

test("failing and warning items become lines with their article", () => {
  assert.deepEqual(itemLines(ITEMS), [
    "不符合：列为发展对象（2021年3月20日）时，列为积极分子还不满1年（依据：《中国共产党发展党员工作细则》第十三条）",
    "需注意：到期应办：上级党委审批接收预备党员",
  ]);
  assert.deepEqual(itemLines(undefined), []);
  assert.deepEqual(itemLines("not a list"), []);
});

test("a cleaned result keeps its items, and cleaning it again changes nothing", () => {
  const once = cleanResult({ checker: "development", title: "发展党员时间节点", verdict: "fail", summary: "有1项", items: ITEMS });
  assert.equal(once.items.length, 2);
  assert.deepEqual(cleanResult(once).items, once.items);
});
