"""Search that reads questions: synonyms and question words (search_words.yml) applied when the query is read.

The words are applied at query time, in Material's search worker, not to the index: the index keeps the
pages' own words (no size added to search/search_index.json; a synonym added to the list needs no
rebuild of the index to mean the same in both editions), and the reading of one query takes well under a
millisecond (bench/search_questions.py prints both figures). The worker gets, in front of its own code,
``self.zhibuSearchWords = <the list>`` and search_query.js; its ``search()`` then asks ``zhibuQuery`` for
the terms before its own segmentation, which it keeps for what zhibuQuery leaves (quotes, modifiers).

In the minified worker: ``search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),...`` becomes
``search(e){if(e=self.zhibuQuery&&self.zhibuQuery(e,this.index.invertedIndex)||e.replace(...`` .
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

SCRIPT = Path(__file__).with_name("search_query.js")
MARK = "/*zhibu:search-words*/"
# search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),
_SEARCH = re.compile(r'search\((\w+)\)\{if\(\1=\1\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\),')


class SearchWordsError(Exception):
    """search_words.yml is malformed, or the worker lacks the code the hook expects."""


def load_words(path: Path) -> dict:
    """The list, checked: ``synonyms`` (word -> list of words), ``questions`` (word -> intent or ''),
    ``intents`` (intent -> page path prefixes), ``overviews`` (pages listing the others)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SearchWordsError(f"{path}: cannot be read as YAML ({exc})") from None
    if not isinstance(data, dict) or set(data) != {"synonyms", "questions", "intents", "overviews"}:
        raise SearchWordsError(
            f"{path}: expected exactly the keys synonyms, questions, intents and overviews at the top"
        )
    problems = []
    intents = data["intents"]
    if not isinstance(intents, dict) or not all(
        isinstance(v, list) and v and all(isinstance(p, str) and p.endswith("/") for p in v) for v in intents.values()
    ):
        problems.append("intents: each intent needs a list of page path prefixes ending in '/', e.g. [checkers/]")
        intents = {}
    syn = data["synonyms"]
    if not isinstance(syn, dict):
        problems.append("synonyms: expected a mapping of word -> list of words")
        syn = {}
    for word, alts in syn.items():
        if not isinstance(alts, list) or not alts or not all(isinstance(a, str) and a for a in alts):
            problems.append(f"synonyms: {word}: expected a list of one or more words, e.g. {word}: [离退休]")
    questions = data["questions"]
    if not isinstance(questions, dict):
        problems.append("questions: expected a mapping of question word -> intent (or an empty string)")
        questions = {}
    for word, intent in questions.items():
        if intent is None:
            questions[word] = ""
        elif intent and intent not in intents:
            problems.append(f"questions: {word}: intent {intent!r} is not one of intents ({', '.join(intents)})")
        if word in syn:
            problems.append(f"{word} is both a question word and a synonym: keep it in one list")
    overviews = data["overviews"]
    if not isinstance(overviews, list) or not all(
        isinstance(p, str) and (p == "" or p.endswith("/")) for p in overviews
    ):
        problems.append("overviews: expected a list of page paths ending in '/' ('' for the home page)")
    if problems:
        raise SearchWordsError(f"{path}:\n  " + "\n  ".join(problems))
    return {"synonyms": syn, "questions": questions, "intents": intents, "overviews": overviews}


def with_question_reading(worker_js: str, words: dict, convert: Callable[[str], str] = lambda s: s) -> str:
    """The worker's source with the reading of questions in front and its search() asking it first; idempotent.
    ``convert`` turns the words into the edition's script (the Traditional edition's index is Traditional)."""
    if MARK in worker_js:
        return worker_js
    found = _SEARCH.findall(worker_js)
    if len(found) != 1:
        raise SearchWordsError(
            "Material's search worker no longer starts search() with its Han segmentation as "
            f"macros/theme/search_query.py expects (found {len(found)} matches, expected 1): check "
            "integrations/search/_/index.ts in the new release and update the pattern."
        )
    var = found[0]
    hook = f"{var}=self.zhibuQuery&&self.zhibuQuery({var},this.index.invertedIndex)||"
    worker_js = _SEARCH.sub(lambda m: m.group(0).replace(f"if({var}=", f"if({hook}", 1), worker_js, count=1)
    # the words and the script's comments in the edition's script (no Simplified text in the 繁體 edition)
    data = json.dumps(words, ensure_ascii=False, sort_keys=True)
    head = convert(f"{MARK}self.zhibuSearchWords={data};\n{SCRIPT.read_text(encoding='utf-8')}\n")
    return head + worker_js


def add_to_site(site_dir: Path, words_file: Path, convert: Callable[[str], str] = lambda s: s) -> Path:
    """Patch the built worker in place; returns its path."""
    workers = sorted((Path(site_dir) / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise SearchWordsError(
            f"expected one search worker in {site_dir}/assets/javascripts/workers, found {len(workers)}"
        )
    path = workers[0]
    words = load_words(words_file)
    path.write_text(with_question_reading(path.read_text(encoding="utf-8"), words, convert), encoding="utf-8")
    return path
