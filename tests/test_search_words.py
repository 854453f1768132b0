"""search_words.yml (the words search reads questions with) loads, and a malformed list is refused with what to fix."""

from __future__ import annotations

import pytest

from macros.theme.search_query import SearchWordsError, load_words, with_question_reading

REPO = __import__("pathlib").Path(__file__).resolve().parent.parent


def test_the_list_loads_with_its_intents():
    words = load_words(REPO / "search_words.yml")
    assert words["synonyms"]["退休"] == ["离退休"]
    assert words["questions"]["多少"] == "amount" and words["intents"]["amount"] == ["checkers/"]


@pytest.mark.parametrize(
    "text, says",
    [
        ("synonyms: {}\nquestions: {}\n", "expected exactly the keys"),
        ("synonyms: {退休: 离退休}\nquestions: {}\nintents: {}\noverviews: []\n", "synonyms: 退休: expected a list"),
        ("synonyms: {}\nquestions: {怎么: how}\nintents: {}\noverviews: []\n", "intent 'how' is not one of intents"),
        (
            "synonyms: {交: [交纳]}\nquestions: {交: ''}\nintents: {}\noverviews: []\n",
            "both a question word and a synonym",
        ),
        ("synonyms: {}\nquestions: {}\nintents: {how: flows}\noverviews: []\n", "intents: each intent needs a list"),
        ("synonyms: [\n", "cannot be read as YAML"),
    ],
)
def test_a_malformed_list_is_refused_with_what_to_fix(tmp_path, text, says):
    """Planted defect it failed on: a synonym given as a string (退休: 离退休) accepted, then read by the
    worker character by character."""
    path = tmp_path / "search_words.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SearchWordsError) as info:
        load_words(path)
    assert str(path) in str(info.value) and says in str(info.value)


def test_a_worker_without_the_expected_search_is_refused():
    with pytest.raises(SearchWordsError, match="search_query.py expects"):
        with_question_reading("function x(){}", load_words(REPO / "search_words.yml"))
