// The record kinds (record-kinds.mjs) and the record model that rests on them (records.mjs): which
// words a record gets, ?done= links, entries, and export files refused or read.
import assert from "node:assert/strict";
import { test } from "node:test";

import { KINDS, isStructure, kindOf } from "../../docs/assets/javascripts/record-kinds.mjs";
import * as R from "../../docs/assets/javascripts/records.mjs";

const FLOW = {
  id: "branch-meeting",
  title: "支部党员大会",
  hash: "abc",
  stages: [{ label: "会前", steps: [["notice", "发出通知"], ["agenda", "确定议程"]] }],
};
const STRUCTURE = {
  id: "duties",
  kind: "structure",
  title: "支部职责",
  hash: "def",
  groups: [{ label: "主要职责", items: [["educate", "教育党员", "主要方式"]] }],
};

test("a record or flow without a kind is a flowchart's (schema 1); only 'structure' is a structure diagram", () => {
  assert.equal(kindOf(undefined), KINDS.flowchart);
  assert.equal(kindOf({}), KINDS.flowchart);
  assert.equal(kindOf({ kind: "Structure" }), KINDS.flowchart);
  assert.equal(kindOf({ kind: "structure" }), KINDS.structure);
  assert.equal(isStructure({ kind: "structure" }), true);
  assert.equal(isStructure(null), false);
  assert.equal(isStructure({ kind: "flowchart" }), false);
});

test("every kind names each state it can show, with a mark and the report's words", () => {
  assert.equal(KINDS.flowchart.key, "steps");
  assert.equal(KINDS.structure.key, "items");
  for (const kind of Object.values(KINDS)) {
    const states = Object.keys(kind.states);
    assert.deepEqual(Object.keys(kind.marks).sort(), states.sort());
    assert.deepEqual(Object.keys(kind.reportStates).sort(), states.sort());
    for (const badge of Object.keys(kind.badges)) assert.ok(states.includes(badge), badge);
  }
  for (const choice of KINDS.structure.choices) assert.ok(KINDS.structure.states[choice], choice);
  assert.equal(KINDS.structure.states[""], "未自查"); // an unmarked item
});

test("a new record takes its kind from the diagram", () => {
  const rec = R.newRecord(STRUCTURE);
  assert.equal(rec.kind, "structure");
  assert.deepEqual(rec.items, {});
  assert.equal(rec.steps, undefined);
  assert.equal(R.newRecord(FLOW).kind, "flowchart");
});

test("a ?done= link ticks the known steps once and drops the rest; a structure diagram ignores it", () => {
  const rec = R.fromDone(FLOW, "agenda,nope,agenda");
  assert.deepEqual(Object.keys(rec.steps), ["agenda"]);
  assert.equal(rec.steps.agenda.label, "确定议程");
  assert.deepEqual(R.fromDone(STRUCTURE, "educate").items, {});
});

test("ticking a step dates it today; an unknown status on an item is dropped; an emptied entry goes", () => {
  const rec = R.newRecord(FLOW);
  R.setEntry(rec, FLOW, "notice", { done: true });
  assert.equal(rec.steps.notice.date, R.today());
  R.setEntry(rec, FLOW, "notice", { done: false, date: "" });
  assert.equal(rec.steps.notice, undefined);
  const item = R.newRecord(STRUCTURE);
  R.setEntry(item, STRUCTURE, "educate", { status: "finished" });
  assert.equal(item.items.educate, undefined);
  R.setEntry(item, STRUCTURE, "educate", { status: "partial" });
  assert.equal(item.items.educate.status, "partial");
  assert.equal(item.items.educate.label, "主要方式：教育党员");
});

test("an export file reads back; one from a newer site, or of another diagram kind, is refused whole", () => {
  const rec = R.setEntry(R.newRecord(FLOW), FLOW, "notice", { done: true });
  const flows = { [FLOW.id]: FLOW, [STRUCTURE.id]: STRUCTURE };
  const back = R.parseImport(R.exportText([rec]), flows);
  assert.equal(back.error, undefined);
  assert.equal(back.records[0].record.steps.notice.done, true);
  assert.equal(back.records[0].changed, false);

  const newer = JSON.parse(R.exportText([rec]));
  newer.schema = R.SCHEMA + 1;
  assert.match(R.parseImport(JSON.stringify(newer), flows).error, /较新版本/);

  const wrongKind = JSON.parse(R.exportText([rec]));
  wrongKind.records[0].flow = STRUCTURE.id;
  assert.match(R.parseImport(JSON.stringify(wrongKind), flows).error, /对不上/);
  assert.match(R.parseImport("{", flows).error, /无法读取/);
});
