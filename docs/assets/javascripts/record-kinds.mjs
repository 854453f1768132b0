/* The words of a self-check record by kind (the one place they are chosen): a flowchart's steps, a structure diagram's duties, a table record's rows. */

export const KINDS = {
  flowchart: {
    key: "steps", // where a record keeps its entries
    diagram: "流程图",
    thing: "步骤",
    unit: "步",
    // a step is ticked: done, or not yet (the first not done is the next step)
    states: { done: "已完成", next: "下一步", todo: "未完成" },
    reportStates: { done: "已完成", next: "未完成（下一步）", todo: "未完成" },
    marks: { done: "✓", next: "▶", todo: "○" },
    badges: { done: "✓ 已完成", next: "▶ 下一步" },
    dated: true, // each step has a date
    act: "勾选",
    autosave: "勾选、填写日期或备注后自动保存",
    columns: ["步骤", "状态", "日期", "备注"],
  },
  structure: {
    key: "items",
    diagram: "结构图",
    thing: "事项",
    unit: "项",
    // each item (a duty or requirement) is marked with one of these, or left unmarked ("")
    choices: ["done", "partial", "open", "na"],
    states: { done: "已落实", partial: "部分落实", open: "未落实", na: "不适用", "": "未自查" },
    reportStates: { done: "已落实", partial: "部分落实", open: "未落实", na: "不适用", "": "未自查" },
    marks: { done: "✓", partial: "◐", open: "✗", na: "—", "": "○" },
    badges: { done: "✓ 已落实", partial: "◐ 部分落实", open: "✗ 未落实", na: "— 不适用" },
    dated: false,
    act: "标记",
    autosave: "标记落实情况或填写备注后自动保存",
    columns: ["事项", "落实情况", "备注"],
  },
  // A table record (record-table.mjs): rows with the fields its table declares (record-tables.mjs), e.g. a ledger.
  table: {
    key: "rows",
    diagram: "表",
    thing: "行",
    unit: "行",
    states: {},
    reportStates: {},
    marks: {},
    badges: {},
    dated: false,
    act: "填写",
    autosave: "",
    columns: [],
  },
};

/** The words for a flow's or a record's kind (a record or flow data without a kind is a flowchart's: schema 1). */
export function kindOf(x) {
  return KINDS[x && (x.kind === "structure" || x.kind === "table") ? x.kind : "flowchart"];
}

/** Whether a record is a table record (rows, not a diagram's steps or items). */
export function isTable(x) {
  return !!x && x.kind === "table";
}

export function isStructure(x) {
  return !!x && x.kind === "structure";
}
