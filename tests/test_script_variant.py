"""The Traditional edition's conversion (OpenCC s2tw) against the seed's own Traditional text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from macros.editions import script_variant
from macros.editions.script_variant import to_hant

SOURCE = Path(__file__).resolve().parent.parent / "source"

# Domain phrases that must convert exactly (phrase dictionaries, not character by character).
PHRASES = {
    "党支部": "黨支部",
    "发展党员": "發展黨員",
    "预备党员": "預備黨員",
    "组织关系": "組織關係",
    "选举": "選舉",
    "换届选举": "換屆選舉",
    "支部书记": "支部書記",
    # 台 → 臺 where the seed writes 臺 (平臺, 臺賬)
    "平台": "平臺",
    "建立台账": "建立臺賬",
    # 干 → 幹 / 干 by phrase (the seed's own 干部 is a leftover of its automatic conversion)
    "党员干部": "黨員幹部",
    "敢想敢干": "敢想敢幹",
    "干事创业": "幹事創業",
    "划分若干党小组": "劃分若干黨小組",
    "不干涉": "不干涉",
}


def _lines(name: str) -> list[str]:
    return (SOURCE / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("hans, hant", PHRASES.items())
def test_domain_phrase(hans, hant):
    assert to_hant(hans) == hant


def test_agreement_with_the_seed():
    """Every line of the Simplified seed, converted, against the seed's own Traditional line.
    The seed's Traditional text carries leftovers of an automatic conversion (规范 as 規范, 后, 干部,
    于, 系 for 係), so agreement is high but not total; the figures are printed. s2tw writes 群 眾 為 核 as
    the seed does (s2t wrote 羣 衆 爲 覈: 96.8 % of characters; s2tw 97.9 %)."""
    hans, hant = _lines("seed-zh-Hans.txt"), _lines("000_3d74d2c4e578d014.txt")
    assert len(hans) == len(hant)
    same_lines = same_chars = chars = 0
    for src, ref in zip(hans, hant):
        out = to_hant(src)
        assert len(out) == len(ref), f"converted line changed length: {src!r}"
        same_lines += out == ref
        chars += len(ref)
        same_chars += sum(a == b for a, b in zip(out, ref))
    line_rate, char_rate = same_lines / len(hans), same_chars / chars
    print(
        f"{script_variant.CONVERTER} vs seed: {same_lines}/{len(hans)} lines ({line_rate:.1%}), {same_chars}/{chars} chars ({char_rate:.2%})"
    )
    assert char_rate >= 0.975  # s2t: 0.968
    assert line_rate >= 0.70


def test_text_without_han_is_untouched():
    svg = '<svg viewBox="0 0 10 10"><g id="node-a"><text x="1">a-b</text></g></svg>'
    assert to_hant(svg) == svg
    assert to_hant('<text x="1">发展党员</text>') == '<text x="1">發展黨員</text>'


def test_the_script_setting_selects_the_edition():
    from macros.settings import Settings, SettingsError

    assert script_variant.edition("") is None and script_variant.edition("zh-Hans") is None
    assert script_variant.edition("zh-Hant") == "zh-Hant"
    with pytest.raises(script_variant.VariantError, match="zh-Hant"):
        script_variant.edition("zh-TW")
    assert Settings.from_values({"script": "zh-Hant"}).script == "zh-Hant"
    assert Settings.from_values({}).script is None
    with pytest.raises(SettingsError, match="script.*zh-Hant"):
        Settings.from_values({"script": "zh-TW"})


def test_user_dictionary_is_converted(tmp_path):
    src = tmp_path / "dict.txt"
    src.write_text("发展党员 20 n\n组织关系 10\n\n", encoding="utf-8")
    out = script_variant.hant_user_dict(src, tmp_path / "cache")
    assert out.read_text(encoding="utf-8") == "發展黨員 20 n\n組織關係 10\n"


def test_checker_zip_is_converted_member_by_member():
    from macros.checker_page.runtime_assets import checkers_zip
    from macros.config import ROOT

    original = checkers_zip(ROOT)
    converted = zipfile.ZipFile(io.BytesIO(script_variant.convert_zip(original)))
    source = zipfile.ZipFile(io.BytesIO(original))
    assert [i.filename for i in converted.infolist()] == [i.filename for i in source.infolist()]
    branch = converted.read("checkers/branch.py").decode("utf-8")
    assert "臨時黨支部" in branch and "临时党支部" not in branch
    assert script_variant.convert_zip(original) == script_variant.convert_zip(original)  # deterministic
