"""Every blank form's PDF and .docx, cached by content like the flows' downloads, and where the site puts them."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macros.editions import script_variant
from macros.exports.exports import cached_folder, content_date
from macros.flows.model import Site
from macros.forms import form_layout as lay
from macros.forms.form_data import FORMS_FILE
from macros.forms.form_docx import form_docx
from macros.forms.form_model import Form
from macros.forms.form_pdf import form_pdf
from macros.render.svg_render import dot_version

FORMS_VERSION = "2"  # bump when a form's layout or wording changes meaning
FORMS_DIR = "assets/forms"
KINDS = ("pdf", "docx")


@dataclasses.dataclass(frozen=True)
class FormFiles:
    """One form as the pages link it: its title (Simplified: pages are converted whole) and site paths."""

    form: Form
    files: dict[str, str]  # "pdf" / "docx" -> site path


def file_names(form: Form, script: str | None = None) -> dict[str, str]:
    """kind -> file name: "<id>-blank-form.pdf"; the Traditional edition's carry "-zh-Hant" as the flows' do."""
    stem = f"{form.id}-blank-form" + (f"-{script}" if script else "")
    return {kind: f"{stem}.{kind}" for kind in KINDS}


def _sheet(form: Form, site: Site, date: str, script: str | None) -> lay.Sheet:
    flow = site.flow(form.flow_id)
    assert flow is not None  # form_data checked every form's flow
    page = lay.sheet(form, flow, date)
    return _hant(page) if script else page


def _hant(value):
    """A converted copy of a sheet: every text, whole (the flows' convert_model leaves tuples alone)."""
    if isinstance(value, str):
        return script_variant.to_hant(value)
    if isinstance(value, tuple):
        return tuple(_hant(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _hant(getattr(value, f.name)) for f in dataclasses.fields(value)})
    return value


def _key(page: lay.Sheet, date: str, script: str | None) -> str:
    parts = [FORMS_VERSION, dot_version(), repr(page), date, script or ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _render(page: lay.Sheet, form: Form, date: str, script: str | None, out: Path) -> None:
    names = file_names(form, script)
    meta = {"Title": page.title, "Subject": page.notes[0], "Author": "支部规范图解", "Keywords": date}
    meta = {k: script_variant.to_hant(v) if script else v for k, v in meta.items()}
    meta["CreationDate"] = "D:" + date.replace("-", "") + "000000Z"  # the data's date, not the build's
    (out / names["pdf"]).write_bytes(form_pdf(page, meta))
    (out / names["docx"]).write_bytes(form_docx(page, date, script))


def _cached(form: Form, page: lay.Sheet, date: str, script: str | None, cache_dir: Path) -> Path:
    stem = file_names(form, script)["pdf"][: -len(".pdf")]
    return cached_folder(
        cache_dir / "forms", stem, _key(page, date, script), lambda out: _render(page, form, date, script, out)
    )


def form_files(
    forms: list[Form], site: Site, flows_dir: Path, cache_dir: Path, script: str | None, source_date_epoch: str | None
) -> tuple[dict[str, Path], list[FormFiles]]:
    """(site path -> cached file, each form with its files); renders only forms whose printed text changed."""
    date = content_date(flows_dir / FORMS_FILE, source_date_epoch)
    workers = max(1, min(len(forms), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # each form waits on its own dot process
        folders = list(pool.map(lambda f: _cached(f, _sheet(f, site, date, script), date, script, cache_dir), forms))
    assets: dict[str, Path] = {}
    listed = []
    for form, folder in zip(forms, folders):
        files = {}
        for kind, name in file_names(form, script).items():
            assets[f"{FORMS_DIR}/{name}"] = folder / name
            files[kind] = f"{FORMS_DIR}/{name}"
        listed.append(FormFiles(form, files))
    return assets, listed
