"""Search in headless Chromium: everyday queries find their page first (tests/search_queries.yml), and
members' questions an answering page (tests/search_questions.yml)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
import yaml

from macros.editions.script_variant import SUBDIR, to_hant

REPO = Path(__file__).resolve().parent.parent

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
# The Traditional edition: the same list, each query converted as the build converts the pages (OpenCC
# s2tw), each expected page the same page under the edition's folder.
QUERIES_HANT = [{**case, "query": to_hant(case["query"]), "page": f"{SUBDIR}/{case['page']}"} for case in QUERIES]
EDITIONS = {"zh-Hans": ("", QUERIES), "zh-Hant": (f"{SUBDIR}/", QUERIES_HANT)}
# Questions as members type them, each with the pages that answer it (tests/search_questions.yml)
QUESTIONS = yaml.safe_load((Path(__file__).parent / "search_questions.yml").read_text(encoding="utf-8"))
QUESTIONS_HANT = [{"q": to_hant(c["q"]), "pages": [f"{SUBDIR}/{p}" for p in c["pages"]]} for c in QUESTIONS]
QUESTION_EDITIONS = {"zh-Hans": ("", QUESTIONS), "zh-Hant": (f"{SUBDIR}/", QUESTIONS_HANT)}
ALLOWED_MISSES = 2


def search(page, query: str) -> list[list[str]]:
    """The result groups (one per page) as lists of 'path#anchor' under the site root."""
    # Clear first, so that the results read below cannot be those of the previous query.
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material reads the query on keyup
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q &&"
        " !/键入|鍵入|正在/.test(document.querySelector('.md-search-result__meta').textContent)",
        arg=query,
    )
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item", "els => els.map(li => [...li.querySelectorAll('a')].map(a => a.href))"
    )

    def local(href):
        parts = urllib.parse.urlsplit(href)
        return parts.path[1:] + (f"#{parts.fragment}" if parts.fragment else "")

    return [[local(h) for h in group] for group in hrefs]


def first_result_problems(page, queries) -> list[str]:
    problems = []
    for case in queries:
        groups = search(page, case["query"])
        first = groups[0] if groups else []
        want = case["page"] + (f"#{case['anchor']}" if case.get("anchor") else "")
        if not first or first[0] != case["page"]:
            problems.append(f"{case['query']}: first page {first[:1]}, expected {case['page']}")
        elif case.get("anchor") and (len(first) < 2 or first[1] != want):
            problems.append(f"{case['query']}: first section {first[1:2]}, expected {want}")
    return problems


def test_the_query_list_has_at_least_30_queries():
    assert len(QUERIES) >= 30 and len({c["query"] for c in QUERIES}) == len(QUERIES)
    # converted, the queries are Traditional and still distinct (a query with nothing to convert is fine)
    assert len({c["query"] for c in QUERIES_HANT}) == len(QUERIES)
    assert sum(a["query"] != b["query"] for a, b in zip(QUERIES, QUERIES_HANT)) >= 30


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_everyday_queries_find_their_page_first(site_browser, edition):
    browser, base = site_browser
    folder, queries = EDITIONS[edition]
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + folder)
    problems = first_result_problems(page, queries)
    page.close()
    assert not problems, "\n".join(problems)


def test_the_question_list_has_at_least_40_questions_each_with_answering_pages():
    assert len(QUESTIONS) >= 40 and len({c["q"] for c in QUESTIONS}) == len(QUESTIONS)
    site_pages = {f"flows/{p.stem}/" for p in (REPO / "flows").glob("*.yml") if not p.stem.startswith("_")}
    site_pages |= {f"checkers/{p.stem}/" for p in (REPO / "docs" / "checkers").glob("*.md")}
    unknown = [(c["q"], p) for c in QUESTIONS for p in c["pages"] if p not in site_pages]
    assert not unknown, f"answering pages that the site does not have: {unknown}"


@pytest.mark.parametrize("edition", list(QUESTION_EDITIONS))
def test_members_questions_find_an_answering_page_first(site_browser, edition):
    """Planted defect it failed on: the worker without the reading of questions (search_query.py not
    applied in on_post_build): 23 of 46 Simplified questions missed, 退休党员党费 among them."""
    browser, base = site_browser
    folder, questions = QUESTION_EDITIONS[edition]
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base + folder)
    misses = []
    for case in questions:
        groups = search(page, case["q"])
        first = groups[0][0].split("#")[0] if groups and groups[0] else None
        if first not in case["pages"]:
            misses.append(f"{case['q']}: first {first}, answering pages {case['pages']}")
    page.close()
    found = len(questions) - len(misses)
    print(f"\n{edition}: {found} of {len(questions)} questions found an answering page first")
    for miss in misses:
        print("  miss:", miss)
    assert len(misses) <= ALLOWED_MISSES, "\n".join(misses)


def test_a_two_character_query_matches_the_word_not_its_first_character(site_browser):
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base)
    page.fill(".md-search__input", "党课")
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item")
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    page.close()
    # every highlighted match is the word itself, never 党 alone (党员, 党支部, ...)
    assert marks and all("党课" in m for m in marks), sorted(set(marks))


def test_search_loads_its_index_and_worker_only_when_the_reader_searches(site_browser):
    """Planted defect it failed on: Material's bundle unpatched (macros/theme/search_on_demand.py), which
    fetches the index and starts the search worker on every page as it loads."""
    browser, base = site_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    searching = lambda: [u for u in requested if "search_index" in u or "/workers/search." in u]  # noqa: E731
    page.goto(base + "flows/branch-assessment/", wait_until="networkidle")
    assert searching() == [] and page.workers == []
    page.keyboard.press("s")  # the theme's shortcut focuses the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert search(page, "党课")[0][0] == "flows/sanhui-party-lecture/"
    assert len(searching()) == 2  # the index and the worker, once each
    # a page opened from a search result (?h=) loads the index at once, to mark the words
    requested.clear()
    page.goto(base + "flows/sanhui-party-lecture/?h=" + urllib.parse.quote("党课"))
    page.wait_for_selector("article mark")
    assert any("search_index" in u for u in searching())
    page.close()
