/* The kinds of table record (rows with declared fields), each a plain declaration: add a kind here to keep a new table on this device.
 *
 * A kind declares:
 *   title    what a record of it is called ("组织生活台账");
 *   fields   the columns of each row, in order: {name, label, type, ...}; type "choice" (options: [[value, label]]),
 *            "date" (YYYY-MM-DD), "integer" (min, max) or "text" (max: characters); every value is kept as text,
 *            "" when empty (a row may be saved half filled in; its checker judges what is required);
 *   head     fields of the whole record (same form as `fields`), e.g. the ledger's year;
 *   order    field names a row list is sorted by (then by when the row was added);
 *   checker  the checker whose form the record is entered in (its latest verdict is kept with the record), `page` its
 *            page, `input` the name of its rows input (whose columns are `fields`; head fields are inputs of the same
 *            names), `param` the query parameter naming the record open on that page (a kind without `page` is
 *            listed on 我的自查记录 without an 打开 link: its own page edits it through record-rows.mjs).
 * The ledger's fields are the ledger checker's `meetings` columns (checkers/ledger.py) plus a note; a Python test
 * compares the two. */

const COUNT = { type: "integer", min: 0, max: 10000 }; // the checker's form bound (not a rule)
const COUNT_DEV = { type: "integer", min: 0, max: 1000 }; // the 发展党员 checker's form bound (not a rule)

export const TABLES = {
  ledger: {
    title: "组织生活台账",
    checker: "ledger",
    page: "checkers/ledger/",
    input: "meetings",
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
      { name: "note", label: "备注", type: "text", max: 64 }, // the checker's longest text (checkers/_inputs.py MAX_TEXT)
    ],
    order: ["held_on", "kind"],
  },
  // The 发展党员 register (docs/checkers/register.md): one row a person. The fields are the register's row
  // (checkers/_register.py: the 发展党员 checker's dates and counts, one per material, the 思想汇报 dates);
  // tests/test_register_page.py compares the two. A material holds its date or "有" (present, no date).
  register: {
    title: "发展党员工作台账",
    // The register page's own Python (checkers/_register.py), not a checker widget's: no form panel is loaded
    // for it (checker-results.mjs looks for a .zbc-checker of this name), the page keeps its rows itself.
    checker: "_register",
    page: "checkers/register/",
    param: "register",
    head: [],
    fields: [
      { name: "label", label: "姓名或代号", type: "text", max: 40 },
      ...[
        ["born", "出生日期"],
        ["applied", "递交入党申请书"],
        ["talked_on", "党支部派人谈话"],
        ["activist_on", "推荐和确定积极分子"],
        ["candidate_on", "确定发展对象"],
        ["political_review_on", "进行政治审查：形成结论"],
        ["inquiry_on", "政治审查的函调材料回复（有函调的）"],
        ["training_from", "开展集中培训：开始"],
        ["training_to", "开展集中培训：结束"],
        ["training_days", "集中培训天数", COUNT_DEV],
        ["training_hours", "集中培训学时", COUNT_DEV],
        ["publicity_from", "拟接收预备党员公示：开始"],
        ["publicity_to", "拟接收预备党员公示：结束"],
        ["accepted_on", "支部大会讨论接收预备党员"],
        ["admission_approved_on", "上级党委审批接收预备党员"],
        ["conversion_applied_on", "提出转正申请"],
        ["full_meeting_on", "支部大会讨论转正"],
        ["extended_months", "延长预备期（月）", COUNT_DEV],
        ["conversion_approved_on", "上级党委审批转正"],
      ].map(([name, label, count]) => ({ name, label, ...(count || { type: "date" }) })),
      ...[
        ["application", "入党申请书"],
        ["talk_record", "谈话记录"],
        ["recommendation", "推荐、推优材料"],
        ["activist_filing", "入党积极分子备案材料"],
        ["observation", "培养教育考察材料（含思想汇报）"],
        ["candidate_filing", "发展对象备案材料"],
        ["political_review", "政治审查材料"],
        ["inquiry", "函调（外调）材料"],
        ["training", "集中培训结业证明或鉴定"],
        ["pre_review", "上级党委预审意见"],
        ["publicity", "拟接收预备党员公示材料"],
        ["application_form", "入党志愿书"],
        ["probation_filing", "预备党员备案材料"],
        ["conversion_application", "转正申请书"],
        ["probation_review", "预备党员考察材料"],
        ["conversion_publicity", "转正公示材料"],
      ].map(([id, label]) => ({ name: `m_${id}`, label, type: "text", max: 10 })),
      { name: "reports", label: "思想汇报日期", type: "text", max: 4000 },
    ],
    order: ["label"],
  },
};

/** The declaration of a table record's kind (`rec.table`), or null for one this site does not know. */
export function tableOf(rec) {
  const name = rec && rec.table;
  return typeof name === "string" && Object.hasOwn(TABLES, name) ? TABLES[name] : null;
}
