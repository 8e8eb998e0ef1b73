"""Golden files pin the generated Markdown and the exact error text. UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bow_out.catalog import load_catalog
from bow_out.problems import ScenarioError
from bow_out.render import fill_markers, render_pages
from conftest import MINIMAL, ROOT

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"


def test_generated_guide_markdown(tmp_path: Path) -> None:
    letter = MINIMAL.replace("I have accepted another offer", "I have accepted another offer, so I won't come on "
                             "[Interview date]")
    (tmp_path / "late.yml").write_text(letter + (
        "category: You chose another path\nstages: [before-interview, after-offer]\ntags: [another offer]\n"
        "before_you_decline:\n  - Is it **signed**?\n  - |\n    Two paragraphs.\n\n    - with a list\n"
        "avoid:\n  - 'Saying \"sorry\" three times: see [the rules](/how-to-decline-well/#be-sure-first).'\n"
        "faq:\n  - question: Email or phone?\n    answer: Email, unless it is tomorrow.\n"
        "fields:\n  Interview date: the day you were due to come in\n"
    ))
    shutil.copy(ROOT / "scenarios" / "_categories.yml", tmp_path)
    catalog = load_catalog(tmp_path, ROOT / "docs")
    pages = render_pages(catalog)
    check_golden("guide.md", pages["guides/late.md"])
    check_golden("category.md", pages["categories/you-chose-another-path/index.md"])
    check_golden("guide-list.md", fill_markers("<!-- bow-out:guide-list -->", "index.md", catalog))


def test_error_text(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    shutil.copytree(FIXTURES / "bad", folder)
    with pytest.raises(ScenarioError) as raised:
        load_catalog(folder, ROOT / "docs")
    check_golden("errors.txt", raised.value.report() + "\n")


QUESTIONS = MINIMAL.replace("Best regards,", "[Your reason]\n\n      Best regards,") + """\
questions:
  - id: heard
    ask: How did they last reach you?
    options: {call: By phone, mail: By email}
before_you_decline:
  - Is it signed?
  - text: Check your notice period.
    when: {country: uk}
advice:
  - title: Call first
    body: Then write.
    unless: {heard: call}
faq:
  - question: Email or phone?
    answer: Email, unless it is tomorrow.
    when: {heard: [call, mail], country: uk}
fields:
  Your reason:
    hint: one short, true line
    optional: true
"""


def test_generated_guide_with_questions(tmp_path: Path) -> None:
    """Questions as a form, each conditional item labeled, optional lines marked and left out of mailto."""
    text = QUESTIONS.replace(
        "advice:\n  - title: Tell them the same day\n    body: The team is holding a slot for you.\n", "")
    text = text.replace("letters:\n", "letters:\n  - kind: printed\n    title: Letter to sign\n"
                        "    when: {country: uk}\n    body: |\n      Dear [Recipient name],\n\n      I withdraw.\n\n"
                        "      [Your name]\n"
                        "  - kind: message\n    title: After their email\n    when: {heard: mail}\n"
                        "    body: Hi [Recipient name], thank you for your email. [Your name]\n", 1)
    (tmp_path / "late.yml").write_text(text)
    shutil.copy(ROOT / "scenarios" / "_categories.yml", tmp_path)
    (tmp_path / "_countries.yml").write_text("- id: uk\n  name: United Kingdom\n- id: ie\n  name: Ireland\n")
    catalog = load_catalog(tmp_path, ROOT / "docs")
    check_golden("guide-questions.md", render_pages(catalog)["guides/late.md"])
