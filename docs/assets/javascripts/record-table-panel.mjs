/* On a checker page whose form a table record kind is entered in (e.g. the ledger check): save the form's rows as a named record on this device, open one back into the form, keep the latest verdict with it.
 *
 * The form's state is the page's query string (checker-url.mjs), so this module reads the form from the URL and
 * names the open record there too (`?ledger=<id>`). Opening a record puts its rows in the form; saving brings the
 * form's rows in as row changes (record-rows.mjs syncRows) against the rows the form started from, so rows another
 * tab saved meanwhile stay, and the form then shows them. */

import { queryFor, queryValues } from "./checker-url.mjs";
import { h, siteUrl } from "./dom.mjs";
import { say } from "./record-files.mjs";
import { syncRows } from "./record-rows.mjs";
import * as S from "./record-store.mjs";
import { cleanValues, newRowId, newTable, rowsOf } from "./record-table.mjs";
import { TABLES, tableOf } from "./record-tables.mjs";

function when(iso) {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, "0");
  return Number.isNaN(d.getTime()) ? "" : `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The same verdict of a form (its time aside). */
export function sameVerdict(a, b) {
  return !!a && !!b && a.verdict === b.verdict && a.summary === b.summary && JSON.stringify(a.items) === JSON.stringify(b.items);
}

class TablePanel {
  constructor(widget, name, kind) {
    this.widget = widget;
    this.name = name;
    this.kind = kind;
    this.spec = JSON.parse(widget.querySelector(".zbc-spec").textContent);
    this.rowsSpec = this.spec.inputs.find((s) => s.name === kind.input);
    this.base = null; // the rows the form started from (those of the open record when opened or saved)
    this.status = h("p", { className: "zb-sc-message", role: "status" });
    this.body = h("div", { className: "zb-tp-body" });
    const id = `zb-tp-${name}`;
    this.el = h(
      "section",
      { className: "zb-sc zb-tp", "aria-labelledby": `${id}-h`, "data-table": name },
      h("h2", { id: `${id}-h`, text: `保存${kind.title}` }),
      h("p", {
        className: "zb-sc-privacy",
        text: `${kind.title}只保存在这台设备的这个浏览器里，不会发送到任何服务器。在“我的自查记录”中可以改名、导出、导入、打印和删除。`,
      }),
      this.body,
      this.status
    );
    widget.after(this.el);
    S.watch(({ lost }) => {
      this.render();
      this.tellLost(lost);
    });
    document.addEventListener("zb:checker-result-kept", (e) => this.keepVerdict(e.detail));
    this.opened();
  }

  /** The form's values as the URL holds them (every input; rows as [{col: text}]). */
  form() {
    return queryValues(location.search, this.spec.inputs, this.spec.aliases) || queryValues(`?${this.kind.input}=`, this.spec.inputs);
  }

  /** The id of the record the URL names, if it is stored. */
  openId() {
    const id = new URLSearchParams(location.search).get(this.kind.param);
    return id && S.getRecord(id) && tableOf(S.getRecord(id)) === this.kind ? id : "";
  }

  formRows() {
    return this.form()[this.kind.input].map((r) => cleanValues(this.kind.fields, r));
  }

  formHead() {
    const values = this.form();
    return cleanValues(this.kind.head, Object.fromEntries(this.kind.head.map((f) => [f.name, values[f.name]])));
  }

  /** Whether the form shows exactly the stored record's rows and head. */
  showsRecord(rec) {
    const key = (r) => this.kind.fields.map((f) => r[f.name]).join("\u0001");
    const a = this.formRows().map(key).sort();
    const b = rowsOf(rec).map(key).sort();
    return JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(this.formHead()) === JSON.stringify(cleanValues(this.kind.head, rec.head));
  }

  /** The page opened: a record the URL names is shown as stored now (a bookmarked link may be older). */
  opened() {
    const id = this.openId();
    const rec = id && S.getRecord(id);
    if (rec && !this.showsRecord(rec)) this.fill(rec); // (its verdict is kept when the check comes: keepVerdict)
    else if (rec) this.keepVerdict(this.currentVerdict()); // (a verdict that came before this module loaded)
    this.base = rec ? rowsOf(rec) : null;
    this.render();
  }

  /** The URL (and the form, when the widget is there) showing record `rec`; other inputs (e.g. the period) stay. */
  fill(rec) {
    const values = { ...this.form(), [this.kind.input]: rowsOf(rec).map((r) => cleanValues(this.kind.fields, r)) };
    for (const f of this.kind.head) if (rec.head && rec.head[f.name] !== "") values[f.name] = rec.head[f.name];
    const params = new URLSearchParams(location.search);
    params.set(this.kind.param, rec.id);
    const search = queryFor(`?${params}`, this.spec.inputs, values, this.spec.aliases);
    history.replaceState(history.state, "", location.pathname + search + location.hash);
    // A widget not built yet reads the URL when it is; one already built is filled in and checks again.
    const w = this.widget.__zbWidget;
    if (!w) return;
    w.form.fill(values);
    w.form.emptyRows();
    w.submitted = true;
    w.changed();
  }

  /** Forget the open record: the form stays as it is, and saving makes a new record. */
  close() {
    const params = new URLSearchParams(location.search);
    params.delete(this.kind.param);
    const q = params.toString();
    history.replaceState(history.state, "", location.pathname + (q ? `?${q}` : "") + location.hash);
    this.base = null;
    this.render();
    this.say(`已关闭${this.kind.title}。表中的内容还在；再保存会存成一本新的${this.kind.title}。`);
  }

  render() {
    const id = this.openId();
    const rec = id ? S.getRecord(id) : null;
    const all = S.listRecords().filter((r) => tableOf(r) === this.kind);
    const nameInput = h("input", { type: "text", id: `zb-tp-${this.name}-name`, maxlength: "100", autocomplete: "off" });
    const typing = document.activeElement && document.activeElement.id === nameInput.id ? document.activeElement.value : null;
    nameInput.value = typing ?? (rec ? rec.name : this.defaultName());
    const buttons = rec
      ? [
          h("button", { type: "button", className: "md-button md-button--primary", text: "保存修改", onclick: () => this.save(rec, nameInput.value) }),
          h("button", { type: "button", className: "md-button", text: `另存为新${this.kind.title}`, onclick: () => this.saveNew(nameInput.value) }),
          h("button", { type: "button", className: "md-button", text: "关闭", onclick: () => this.close() }),
        ]
      : [h("button", { type: "button", className: "md-button md-button--primary", text: `保存为${this.kind.title}`, onclick: () => this.saveNew(nameInput.value) })];
    const newer = rec && this.base && JSON.stringify(rowsOf(rec)) !== JSON.stringify(this.base);
    const parts = [
      rec ? h("p", { className: "zb-tp-current", text: `当前打开：“${rec.name}”（${rowsOf(rec).length} 行，最后保存于 ${when(rec.updated)}）。修改表中的内容后点“保存修改”。` }) : null,
      newer ? h("p", { className: "zb-tp-newer", text: "另一个页面刚修改了这本记录；点“保存修改”时，那边的修改会一并载入表中，本页的修改也会保留。" }) : null,
      h("div", { className: "zb-sc-field" }, h("label", { for: nameInput.id, text: `${this.kind.title}名称` }), nameInput),
      h("div", { className: "zb-sc-buttons" }, buttons),
    ];
    const others = all.filter((r) => r.id !== id);
    if (others.length) {
      const select = h("select", { id: `zb-tp-${this.name}-list` }, others.map((r) => h("option", { value: r.id, text: `${r.name}（${rowsOf(r).length} 行）` })));
      parts.push(
        h(
          "div",
          { className: "zb-sc-field" },
          h("label", { for: select.id, text: `打开本机保存的${this.kind.title}` }),
          h("div", { className: "zb-sc-buttons" }, select, h("button", { type: "button", className: "md-button", text: "打开", onclick: () => this.open(select.value) }))
        )
      );
    }
    parts.push(h("p", {}, h("a", { href: siteUrl("checkers/records/"), text: "我的自查记录" }), `：本机保存的全部记录和${this.kind.title}。`));
    const problem = S.storageProblem();
    if (problem) parts.unshift(h("p", { className: "zb-sc-problem", role: "alert", text: problem }));
    this.body.replaceChildren(...parts.filter(Boolean));
    if (typing !== null) nameInput.focus(); // (another tab's change re-drew the panel while a name was typed)
  }

  defaultName() {
    const year = this.formHead().year;
    return year ? `${year}年${this.kind.title}` : this.kind.title;
  }

  open(id) {
    const rec = S.getRecord(id);
    if (!rec) return this.say("这本记录已在另一个页面中删除。", true);
    this.fill(rec);
    this.base = rowsOf(rec);
    this.render();
    this.say(`已打开“${rec.name}”，共 ${rowsOf(rec).length} 行。`);
  }

  /** The kept result of this page's checker that was made from the form as it is now, if any. */
  currentVerdict() {
    const latest = S.keptResults(this.kind.checker)[0];
    if (!latest || !latest.href) return null;
    let values;
    try {
      values = queryValues(new URL(latest.href).search, this.spec.inputs, this.spec.aliases);
    } catch (e) {
      return null;
    }
    return JSON.stringify(values) === JSON.stringify(this.form()) ? latest : null;
  }

  saveNew(name) {
    const rec = newTable(this.name, name.trim() || this.defaultName(), this.formHead());
    for (const row of this.formRows()) rec.rows[newRowId()] = row;
    const verdict = this.currentVerdict();
    if (verdict) rec.verdict = verdict;
    if (!S.saveRecord(rec)) return this.say(S.storageProblem() || "未能保存。", true);
    this.fill(rec);
    this.base = rowsOf(rec);
    this.render();
    this.say(`已保存为“${rec.name}”（${Object.keys(rec.rows).length} 行）。`);
  }

  save(rec, name) {
    const out = syncRows(rec, this.base || rowsOf(rec), this.formRows(), this.formHead());
    if (out.gone) return this.say(`“${rec.name}”已在另一个页面中删除，未保存。可以“另存为新${this.kind.title}”。`, true);
    if (!out.ok && !out.unchanged) return this.say(S.storageProblem() || "未能保存。", true);
    let stored = S.getRecord(rec.id);
    if (name.trim() && name.trim() !== stored.name) stored = S.renameRecord(stored, name.trim(), rec.name).rec || stored;
    const verdict = this.currentVerdict();
    const merged = !this.showsRecord(stored);
    if (merged) this.fill(stored); // (its check's verdict is kept when it comes: keepVerdict)
    if (!merged && verdict && !sameVerdict(stored.verdict, verdict)) S.changeFields(stored, (r) => (r.verdict = verdict));
    else if ((merged || !verdict) && stored.verdict && !out.unchanged) S.changeFields(stored, (r) => delete r.verdict); // no longer its verdict
    this.base = rowsOf(S.getRecord(rec.id));
    this.render();
    const words = [out.unchanged ? "没有新的修改。" : `已保存“${stored.name}”。`];
    if (merged) words.push("另一个页面保存的行也已载入表中。");
    if (out.revived) words.push(`其中 ${out.revived} 行已在另一个页面中删除，本页修改过，已重新保存。`);
    if (out.lost.length) words.push(`另一个页面刚修改过的 ${out.lost.length} 处内容，以本页的修改为准。`);
    this.say(words.join(""));
  }

  /** A verdict of the form as the open record holds it is kept with the record (once: the same verdict again writes nothing). */
  keepVerdict(result) {
    const id = this.openId();
    const rec = id && S.getRecord(id);
    if (!rec || !result || result.checker !== this.kind.checker || !this.showsRecord(rec)) return;
    if (!sameVerdict(rec.verdict, result)) S.changeFields(rec, (r) => (r.verdict = result));
  }

  /** What this tab saved that another tab's later save replaced (the later one is kept). */
  tellLost(lost) {
    const id = this.openId();
    const mine = lost.filter((l) => l.record === id);
    if (!mine.length) return;
    const fields = [...this.kind.fields, ...this.kind.head];
    const words = mine.slice(0, 3).map((l) => {
      const f = fields.find((x) => x.name === l.field);
      return `“${l.label}”的${f ? f.label : l.field}：本页保存的是“${l.had}”，现为“${l.now}”`;
    });
    this.say(`另一个页面刚保存了这本${this.kind.title}，替换了本页保存的内容（以较晚的保存为准）：${words.join("；")}。`, true);
  }

  say(text, problem = false) {
    say(this.status, text, problem);
  }
}

for (const [name, kind] of Object.entries(TABLES)) {
  document.querySelectorAll(`.zbc-checker[data-checker="${CSS.escape(kind.checker)}"]`).forEach((el) => {
    if (!el.__zbTablePanel) el.__zbTablePanel = new TablePanel(el, name, kind);
  });
}
