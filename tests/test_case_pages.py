"""The 找错练习 pages and print PDFs, from the cases as the build loads them (no browser, no whole-site build).

Seen to fail: with the answers' step links pointing at the flow page without the node's anchor,
``test_each_answer_links_its_step_and_names_its_article`` failed; with the checker link's query leaving out
the last input, ``test_checker_link_carries_the_case_facts`` failed; with the
story left out of the handout, ``test_pdfs_hold_the_story_and_the_answers`` failed in both editions; with the
answer check dropped from ``load_cases``, ``test_build_refuses_a_contradicted_case_naming_its_file`` failed.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import shutil
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import REPO, mkdocs_build
from pypdf import PdfReader

from macros.cases.case_loader import load_cases
from macros.cases.case_pages import INDEX_SRC, case_nav, case_pages, case_src, checker_query
from macros.cases.case_pdf import case_export_files
from macros.cases.case_text import paragraphs
from macros.editions.script_variant import HANT, to_hant
from macros.flows.site_loader import load_site
from macros.settings import DEFAULTS

SITE, _ = load_site(REPO / "flows")
CASES = load_cases(REPO / "cases", REPO / "flows")
SETTINGS = dataclasses.replace(DEFAULTS, exports=False)
PAGES = case_pages(CASES, SITE, SETTINGS)
ANSWER = re.compile(r'<li id="answer-(\d+)"[^>]*data-present-step[^>]*>(.*?)</li>')


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(text))


def _answers(page: str) -> list[tuple[int, str]]:
    details = re.search(r"<details[^>]*data-case-answers[^>]*>(.*?)</details>", page, re.S)
    assert details, "the answers are not in a <details> (what a reader without JavaScript opens)"
    return [(int(n), body) for n, body in ANSWER.findall(details.group(1))]


def test_an_index_and_a_page_per_case_in_the_nav():
    assert set(PAGES) == {INDEX_SRC} | {case_src(c.id) for c in CASES}
    index = PAGES[INDEX_SRC]
    for case in CASES:
        assert f'href="../cases/{case.id}/">{html.escape(case.title)}</a>' in index, case.id
    assert case_nav(CASES) == [{"找错练习": INDEX_SRC}]  # the index lists the cases


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_answer_links_its_step_and_names_its_article(case):
    page = PAGES[case_src(case.id)]
    for paragraph in paragraphs(case.story):
        assert _flat(paragraph) in _flat(page)
    answers = _answers(page)
    assert [n for n, _ in answers] == list(range(1, len(case.errors) + 1))
    for (n, body), error in zip(answers, case.errors):
        href = re.search(r'<a href="([^"]+)"', body).group(1)
        assert href == f"../../flows/{error.flow}/#{error.node}", (case.id, n)
        assert SITE.flow(error.flow).node(error.node) is not None
        assert _flat(error.article) in _flat(body) and _flat(error.correct) in _flat(body)
        seen = "检查器看不出" if error.seen_by == "none" else "检查器能发现"
        assert seen in body, (case.id, n)
        if error.seen_by == "none":
            assert _flat(error.why) in _flat(body)


@pytest.mark.parametrize("case", [c for c in CASES if c.checker], ids=lambda c: c.id)
def test_checker_link_carries_the_case_facts(case):
    page = PAGES[case_src(case.id)]
    href = html.unescape(re.search(r'<a href="([^"]+)" data-case-checker', page).group(1))
    parts = urlsplit(href)
    assert parts.path == f"../../checkers/{case.checker}/"
    assert dict(parse_qsl(parts.query)) == {k: str(v) for k, v in case.input.items()}


def test_checker_query_escapes_rows_as_the_form_reads_them():
    query = checker_query({"candidates": [{"name": "张:三", "yes": 12}, {"name": "李,四", "yes": 9}], "n": True})
    assert query == "?candidates=%E5%BC%A0%5C:%E4%B8%89:12,%E6%9D%8E%5C,%E5%9B%9B:9&n=true"


def test_cases_without_a_checker_have_no_checker_link():
    for case in CASES:
        assert ("data-case-checker" in PAGES[case_src(case.id)]) == bool(case.checker), case.id


def _pdf_text(path) -> str:
    return _flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages))


@pytest.mark.parametrize("script", [None, HANT], ids=["hans", "hant"])
def test_pdfs_hold_the_story_and_the_answers(tmp_path, script):
    tr = to_hant if script else (lambda s: s)
    chosen = [c for c in CASES if c.id in ("dev-xiaoli", "discipline-meeting")]
    files, downloads = case_export_files(chosen, SITE, "https://example.org/zhibu/", tmp_path, script)
    suffix = f"-{script}" if script else ""
    for case in chosen:
        handout = files[f"assets/exports/cases/{case.id}{suffix}-handout.pdf"]
        answers = files[f"assets/exports/cases/{case.id}{suffix}-answers.pdf"]
        assert downloads.files[case.id] == {
            "handout": f"assets/exports/cases/{case.id}{suffix}-handout.pdf",
            "answers": f"assets/exports/cases/{case.id}{suffix}-answers.pdf",
        }
        text = _pdf_text(handout)
        assert _flat(tr(case.title)) in text
        for paragraph in paragraphs(case.story):
            assert _flat(tr(paragraph)) in text
        assert _flat(tr("正确做法：")) not in text  # the handout gives nothing away
        text = _pdf_text(answers)
        for error in case.errors:
            assert _flat(tr(error.correct)) in text and _flat(tr(error.article)) in text
        assert "https://example.org/zhibu/cases/" + case.id in text  # the page's address beside its QR code
        assert downloads.qr[case.id] == f"assets/qr/cases/{case.id}.svg"
    for kind in ("handout", "answers"):
        booklet = PdfReader(files[f"assets/exports/cases/cases-all{suffix}-{kind}.pdf"])
        assert len(booklet.pages) == len(chosen)
    # made once: a second build takes the cached files as they are
    stamps = {k: p.stat().st_mtime_ns for k, p in files.items() if not isinstance(p, str)}
    again, _ = case_export_files(chosen, SITE, "https://example.org/zhibu/", tmp_path, script)
    assert {k: p.stat().st_mtime_ns for k, p in again.items() if not isinstance(p, str)} == stamps


def test_without_a_site_address_there_is_no_qr_code(tmp_path):
    chosen = [c for c in CASES if c.id == "election-ballots"]
    files, downloads = case_export_files(chosen, SITE, None, tmp_path)
    assert downloads.qr == {} and not [k for k in files if k.startswith("assets/qr/")]
    assert "https://" not in _pdf_text(files["assets/exports/cases/election-ballots-handout.pdf"])


@pytest.mark.site  # an mkdocs build (it stops at the start, but loads and draws every flow first)
def test_build_refuses_a_contradicted_case_naming_its_file(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    text = (REPO / "cases" / "election-ballots.yml").read_text(encoding="utf-8")
    (cases / "election-ballots.yml").write_text(text.replace("returned: 31", "returned: 30"), encoding="utf-8")
    shutil.copy(REPO / "cases" / "dev-talk-late.yml", cases)
    proc = mkdocs_build(tmp_path / "site", {"ZHIBU_CASES_DIR": str(cases), "ZHIBU_EXPORTS": "0"})
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "training cases (cases/) cannot be published" in output, output
    assert "election-ballots.yml: the answer is not what checker 'election' finds" in output, output
    assert "dev-talk-late.yml" not in output and "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_case_pages_stay_out_of_search_and_the_index_ranks_low():
    """A case's title must not outrank the flow page that answers its words (tests/test_browser_search.py
    failed on 入党申请书 → 生日前一天的入党申请书 while case pages were searched at boost 0.3)."""
    for case in CASES:
        assert "\nsearch:\n  exclude: true\n---\n" in PAGES[case_src(case.id)], case.id
    assert "\nsearch:\n  boost: 0.3\n" in PAGES[INDEX_SRC]
    # its list of titles too (转组织关系要什么材料 found the index by 没转走的组织关系 and 小李的入党材料)
    assert '<ul class="zb-index" data-search-exclude>' in PAGES[INDEX_SRC]


def test_with_a_site_address_present_mode_has_the_case_qr_code(tmp_path):
    """present.js shows data-qr (Q) with data-url: the case page's own address."""
    settings = dataclasses.replace(DEFAULTS, exports=True, site_url="https://example.org/zhibu/")
    chosen = [c for c in CASES if c.id == "election-ballots"]
    _, downloads = case_export_files(chosen, SITE, settings.site_url, tmp_path)
    page = case_pages(chosen, SITE, settings, downloads)[case_src("election-ballots")]
    assert 'data-qr="../../assets/qr/cases/election-ballots.svg"' in page
    assert 'data-url="https://example.org/zhibu/cases/election-ballots/"' in page
    assert "data-qr" not in PAGES[case_src("election-ballots")]  # no address, no code


def test_each_case_links_the_next_and_the_previous_in_index_order():
    index = PAGES[INDEX_SRC]
    order = re.findall(r'<li><a href="\.\./cases/([^/]+)/">', index)
    assert sorted(order) == sorted(c.id for c in CASES)
    for i, case_id in enumerate(order):
        page = PAGES[case_src(case_id)]
        nxt = re.search(r'rel="next" href="\.\./\.\./cases/([^/]+)/"', page)
        prev = re.search(r'rel="prev" href="\.\./\.\./cases/([^/]+)/"', page)
        assert (nxt.group(1) if nxt else None) == (order[i + 1] if i + 1 < len(order) else None), case_id
        assert (prev.group(1) if prev else None) == (order[i - 1] if i else None), case_id
