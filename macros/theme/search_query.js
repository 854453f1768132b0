// Questions as members type them, read before Material's search worker searches (prepended to the
// built worker by macros/theme/search_query.py, after `self.zhibuSearchWords = {...}`, the data of
// search_words.yml). A classic script: the worker is not a module.
//
// rewrite(query, invertedIndex) cuts each Han run into the longest known words (the index's own
// terms, the synonyms, the question words), then
// - drops question words (怎么, 多少, 几, 吗, 要...): they never decide a match, they only say which
//   kind of page answers (a checker for 多少/几, the flow for 怎么/程序);
// - puts each synonym's index terms in its place (退休 -> 离退休; 交 -> 交纳 or 缴纳);
// - drops a stray single character when the query has real words (a single 交 matched every 交流).
// It returns the query for lunr (terms separated by spaces; Material adds its wildcards) or null,
// when Material's own reading is kept (quotes, +/- modifiers, nothing recognised).
// rerank(items, reading) orders the result pages: the pages matching most of the query's words first
// (a word and its synonyms count once; an overview page, which lists the others, one less), then a
// page that has the question as typed (the checkers' pages carry the questions they answer), then a
// page of the kind the question asks for, then the most distinct terms matched, then lunr's score.
// A query of the pages' own words only (no question word, synonym or stray character) is left to
// Material, reading and order (the site's headings find their sections as before).
(function (root) {
  "use strict";
  const WORDS = root.zhibuSearchWords || { synonyms: {}, questions: {}, intents: {} };
  const SYNONYMS = WORDS.synonyms || {};
  const QUESTIONS = WORDS.questions || {}; // question word -> intent name ("" for none)
  const INTENTS = WORDS.intents || {}; // intent name -> page path prefixes that answer it
  const OVERVIEWS = WORDS.overviews || []; // pages that list the others
  const LONGEST = 12;
  const HAN = /\p{sc=Han}+/gu;
  const PLAIN = /<[^>]*>|[\u200b\s]/g; // the index's text: markup, highlights and jieba's word breaks

  function known(term, index) {
    return Object.prototype.hasOwnProperty.call(index, term);
  }

  // the words of a Han run, longest first from the left (forward maximum matching)
  function cut(run, index) {
    const words = [];
    for (let i = 0; i < run.length; ) {
      let j = Math.min(run.length, i + LONGEST);
      for (; j > i + 1; j--) {
        const w = run.slice(i, j);
        if (w in QUESTIONS || w in SYNONYMS || known(w, index)) break;
      }
      words.push(run.slice(i, j));
      i = j;
    }
    return words;
  }

  // a term for lunr: the word if the index has it, else its own longest index words
  function terms(word, index) {
    if (known(word, index)) return [word];
    return cut(word, index).filter((w) => known(w, index) && w.length > 1);
  }

  function read(query, index) {
    if (/["+\-^~:*]/.test(query)) return null; // the reader wrote lunr's syntax: Material reads it
    const concepts = []; // each: the terms any one of which matches this word of the question
    const singles = [];
    const intents = new Set();
    const others = query.replace(HAN, " ").split(/\s+/).filter(Boolean);
    let changed = false; // a question word, a synonym or a stray character: else Material's own reading
    for (const run of query.match(HAN) || []) {
      for (const word of cut(run, index)) {
        if (word in QUESTIONS) {
          changed = true;
          if (QUESTIONS[word]) intents.add(QUESTIONS[word]);
        } else if (word in SYNONYMS && SYNONYMS[word].length === 1 && SYNONYMS[word][0].includes(" ")) {
          changed = true;
          for (const part of SYNONYMS[word][0].split(/\s+/)) {
            const alts = terms(part, index);
            if (alts.length) concepts.push(alts);
          }
        } else if (word in SYNONYMS) {
          // a single character (交) would match every word it starts (交流): only the longer words
          const alts = [...new Set([word, ...SYNONYMS[word]].flatMap((w) => terms(w, index)))].filter(
            (w) => w.length > 1,
          );
          if (alts.length) concepts.push(alts);
          changed = changed || alts.length !== 1 || alts[0] !== word;
        } else if (known(word, index) && word.length > 1) {
          concepts.push([word]);
        } else {
          changed = true;
          if (known(word, index)) singles.push([word]);
        }
      }
    }
    for (const word of others) concepts.push([word.toLowerCase()]);
    if (!concepts.length) concepts.push(...singles); // a one-character query still searches
    if (!concepts.length || !changed) return null;
    // the question as typed, its Han words only: a page that has it (the checkers' questions) answers it
    const question = (query.match(HAN) || []).join("");
    return { concepts, question, intents: [...intents], text: [...new Set(concepts.flat())].join(" ") };
  }

  function matched(term, seen) {
    return seen.some((key) => key === term || key.startsWith(term));
  }

  function rerank(groups, reading) {
    const prefixes = reading.intents.flatMap((name) => INTENTS[name] || []);
    const rank = (group) => {
      const seen = [];
      for (const item of group) for (const [t, hit] of Object.entries(item.terms || {})) if (hit) seen.push(t);
      const location = group[0] ? group[0].location.split("#")[0] : "";
      const overview = OVERVIEWS.includes(location);
      // an overview page counts one word less: it names every page's words, it answers none
      const count = reading.concepts.filter((alts) => alts.some((a) => matched(a, seen))).length - (overview ? 1 : 0);
      const plain = group.map((item) => `${item.title || ""} ${item.text || ""}`).join(" ").replace(PLAIN, "");
      const asked = reading.question.length > 2 && plain.includes(reading.question) ? 1 : 0;
      const answers = overview ? -1 : prefixes.some((p) => location.startsWith(p)) ? 1 : 0;
      const distinct = new Set(seen).size;
      const score = Math.max(0, ...group.map((item) => item.score || 0));
      return [count, asked, answers, distinct, score];
    };
    const ranked = groups.map((group, order) => ({ group, order, key: rank(group) }));
    if (root.zhibuSearchDebug) for (const r of ranked) r.group[0].zhibuRank = r.key;
    const compare = (a, b) => {
      for (let k = 0; k < a.key.length; k++) if (b.key[k] !== a.key[k]) return b.key[k] - a.key[k];
      return a.order - b.order;
    };
    ranked.sort(compare);
    return ranked.map((r) => r.group);
  }

  let last = null;
  root.zhibuQuery = function (query, index) {
    last = read(query, index);
    return last ? last.text : null;
  };
  root.zhibuSearchRead = read;
  root.zhibuSearchRerank = rerank;
  // the result message (Material's SearchMessageType.RESULT) leaves with its pages reordered
  if (typeof root.postMessage === "function" && typeof root.importScripts === "function") {
    const post = root.postMessage.bind(root);
    root.postMessage = function (message, ...rest) {
      if (message && message.type === 3 && last && message.data && Array.isArray(message.data.items)) {
        message = { ...message, data: { ...message.data, items: rerank(message.data.items, last) } };
      }
      return post(message, ...rest);
    };
  }
})(self);
