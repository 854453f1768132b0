"""Synonyms at query time against index time, on a built site: prints what each costs.

Query time (what the site does, macros/theme/search_query.py): the index is unchanged; the search worker
grows by the words and the reading code, and each query is read once more (timed here under Node, the
46 questions of tests/search_questions.yml, on the index's own terms). Index time (the alternative): every
section that has a synonym's target word would carry the typed word too, so the index grows by those
words (counted here, raw bytes of UTF-8 with a separator each).

    .venv/bin/python bench/search_questions.py <site folder>
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from macros.theme.search_query import SCRIPT, load_words  # noqa: E402

NODE = r"""
const fs = require("fs"), vm = require("vm");
const [script, words, indexFile, questionsFile] = process.argv.slice(1);
const self = { zhibuSearchWords: JSON.parse(fs.readFileSync(words, "utf8")) };
vm.runInNewContext(fs.readFileSync(script, "utf8"), { self });
const data = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const sep = new RegExp(data.config.separator, "g");
const index = {};
for (const d of data.docs) for (const t of `${d.title} ${d.text}`.replace(/<[^>]*>/g, " ").split(sep)) if (t) index[t.toLowerCase()] = 1;
const questions = JSON.parse(fs.readFileSync(questionsFile, "utf8"));
for (const q of questions) self.zhibuSearchRead(q, index); // warm up
const runs = 200, t0 = process.hrtime.bigint();
for (let r = 0; r < runs; r++) for (const q of questions) self.zhibuSearchRead(q, index);
const us = Number(process.hrtime.bigint() - t0) / 1000 / runs / questions.length;
console.log(JSON.stringify({ terms: Object.keys(index).length, perQueryMicroseconds: us }));
"""


def main(site: pathlib.Path) -> None:
    import yaml

    words = load_words(REPO / "search_words.yml")
    questions = [c["q"] for c in yaml.safe_load((REPO / "tests" / "search_questions.yml").read_text(encoding="utf-8"))]
    index_file = site / "search" / "search_index.json"
    data = json.loads(index_file.read_text(encoding="utf-8"))
    added = 0
    for doc in data["docs"]:
        text = re.sub(r"<[^>]*>|\u200b", "", f"{doc['title']} {doc['text']}")
        for word, alts in words["synonyms"].items():
            if word not in text and any(a.replace(" ", "") in text for a in alts):
                added += len(word.encode()) + 1
    with tempfile.TemporaryDirectory() as tmp:
        w, q = pathlib.Path(tmp, "w.json"), pathlib.Path(tmp, "q.json")
        w.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        q.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
        out = subprocess.run(
            ["node", "-e", NODE, str(SCRIPT), str(w), str(index_file), str(q)],
            capture_output=True,
            text=True,
            check=True,
        )
    timing = json.loads(out.stdout)
    worker_bytes = len(SCRIPT.read_bytes()) + len(json.dumps(words, ensure_ascii=False).encode())
    print(f"search index: {index_file.stat().st_size:,} bytes raw, {timing['terms']:,} terms")
    print(
        f"query time (the site): index +0 bytes; worker +{worker_bytes:,} bytes raw; "
        f"reading a question {timing['perQueryMicroseconds']:.1f} µs (mean of {len(questions)} questions)"
    )
    print(
        f"index time (not chosen): index +{added:,} bytes raw ({added / index_file.stat().st_size:.1%}), "
        "and a rebuild of both editions' indexes for every change to the words"
    )


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
