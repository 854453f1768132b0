// The reading of members' questions in the search worker (macros/theme/search_query.js) with the words
// of search_words.yml, on a stand-in index: question words never decide a match, synonyms are the
// pages' words, a stray single character is dropped, pages matching most words come first.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const WORDS = {
  synonyms: { 退休: ["离退休"], 交: ["交纳", "缴纳"], 开支委会: ["支部委员会 会议"] },
  questions: { 怎么: "how", 多少: "amount", 几: "amount", 吗: "", 要: "" },
  intents: { how: ["flows/"], amount: ["checkers/"] },
  overviews: ["", "flows/", "checkers/"],
};
const INDEX = Object.fromEntries(
  ["离退休", "党员", "党费", "交纳", "缴纳", "支部委员会", "会议", "交", "怎么", "几", "会"].map((t) => [t, {}]),
);

function load() {
  const self = { zhibuSearchWords: WORDS };
  vm.runInNewContext(readFileSync(new URL("../../macros/theme/search_query.js", import.meta.url), "utf8"), { self });
  const plain = (value) => JSON.parse(JSON.stringify(value)); // this realm's arrays, for deepEqual
  return {
    zhibuSearchRead: (query, index) => plain(self.zhibuSearchRead(query, index)),
    zhibuSearchRerank: (groups, reading) => plain(self.zhibuSearchRerank(groups, reading)),
  };
}

test("question words are dropped, synonyms become the pages' words, the intent is kept", () => {
  const reading = load().zhibuSearchRead("退休党员党费交多少", INDEX);
  assert.deepEqual(reading.concepts, [["离退休"], ["党员"], ["党费"], ["交纳", "缴纳"]]);
  assert.deepEqual(reading.intents, ["amount"]);
  assert.equal(reading.text, "离退休 党员 党费 交纳 缴纳");
});

test("a stray single character is dropped when the query has words; alone it still searches", () => {
  const { zhibuSearchRead: read } = load();
  assert.equal(read("会党费", INDEX).text, "党费");
  assert.equal(read("会", INDEX).text, "会");
  assert.equal(read("党员党费", INDEX), null); // the pages' own words only: Material's own reading
  assert.equal(read("怎么", INDEX), null); // nothing but a question word: Material's own reading
  assert.equal(read('"党费" -党员', INDEX), null); // lunr's syntax: Material's own reading
});

test("a synonym written with spaces stands for all its words", () => {
  assert.deepEqual(load().zhibuSearchRead("开支委会", INDEX).concepts, [["支部委员会"], ["会议"]]);
});

test("pages matching most words first, then the question as typed, then the kind of page asked for", () => {
  const { zhibuSearchRead: read, zhibuSearchRerank: rerank } = load();
  const reading = read("党费交多少", INDEX);
  const page = (location, terms, score, text = "") => [{ location, terms, score, title: "", text }];
  const groups = [
    page("flows/a/", { 党费: true, 交纳: false, 缴纳: false }, 100), // one word, high score
    page("flows/b/", { 党费: true, 交纳: true, 缴纳: false }, 10),
    page("checkers/c/", { 党费: true, 交纳: false, 缴纳: true }, 5),
    page("checkers/", { 党费: true, 交纳: true, 缴纳: true }, 50), // an overview: one word less, then last
    page("flows/d/", { 党费: true, 交纳: true }, 1, "党费<mark>交</mark>\u200b多少？"), // has the question
  ];
  const order = rerank(groups, reading).map((g) => g[0].location);
  assert.deepEqual(order, ["flows/d/", "checkers/c/", "flows/b/", "flows/a/", "checkers/"]);
});
