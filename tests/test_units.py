"""Unit tests of the engine's parts: loading, placeholders, Markdown fields, suggestions, addresses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from bow_out import letters, markdown_fields
from bow_out.addresses import page_url, site_path
from bow_out.cache import BuildCache
from bow_out.editions import load_edition
from bow_out.languages import language
from bow_out.loader import SAFE_LOADER, load_yaml
from bow_out.problems import suggest
from bow_out.render import field_reference
from bow_out.scenario import read_scenario
from bow_out.schema import SCENARIO
from conftest import MINIMAL


def test_loader_keeps_positions_and_reads_no_python_objects(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("title: !!python/object/apply:os.system ['echo hi']\nsummary: x\n")
    loaded = load_yaml(path, "a.yml")
    assert loaded.problems == ()
    title_value = loaded.root.value[0][1]
    assert (title_value.start_mark.line, title_value.start_mark.column) == (0, 7)
    assert isinstance(title_value, yaml.SequenceNode)  # a node, never a call


def test_loader_tags_every_node_as_pyyaml_does(tmp_path: Path) -> None:
    # The loader resolves tags its own, shorter way: it leaves out what the safe loader never registers.
    pyyaml = SAFE_LOADER  # the loader it stands for
    assert not pyyaml.yaml_path_resolvers and None not in pyyaml.yaml_implicit_resolvers
    # Plain words that YAML 1.1 reads as booleans, numbers, null or dates, and each quoted (always text).
    words = ["yes", "No", "ON", "off", "y", "true", "False", "~", "null", "Null", "", "12", "-3", "+4", "0x1F",
             "0o17", "017", "1_000", "1e3", "6.5", ".5", ".inf", "-.Inf", ".nan", "12:30", "2024-05-12",
             "2024-05-12 10:00:00", "<<", "=", "!", "+", ".", "0", "-1", "yes please", "1st", "Tuesday"]
    text = "".join(f"k{n}: {word}\nq{n}: '{word}'\n" for n, word in enumerate(words)) + (
        "list: [a, 1, yes]\nblock: |\n  12\nmap: {x: ~}\n")
    path = tmp_path / "tags.yml"
    path.write_text(text, encoding="utf-8")

    def tags(node: yaml.Node) -> Iterator[str]:
        yield node.tag
        for child in node.value if isinstance(node.value, list) else ():
            yield from (tag for part in (child if isinstance(child, tuple) else (child,)) for tag in tags(part))

    assert list(tags(load_yaml(path, "tags.yml").root)) == list(tags(yaml.compose(text, Loader=pyyaml)))


def test_read_scenario_fills_defaults(tmp_path: Path) -> None:
    path = tmp_path / "late.yml"
    path.write_text(MINIMAL)
    scenario, problems = read_scenario(path, "late", "scenarios/late.yml", language("en"))
    assert problems == []
    assert scenario.data["category"] == "Other situations"
    assert scenario.data["stages"] == ["before-interview", "between-rounds", "after-offer"]
    # Only top-level keys and list items: what rules across files and editorial findings report on.
    assert scenario.positions == {"": (1, 1), "title": (1, 8), "summary": (2, 10), "situation": (3, 12),
                                  "advice": (5, 3), "advice[0]": (5, 5), "letters": (8, 3), "letters[0]": (8, 5)}


def test_python_tags_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "late.yml"
    path.write_text(MINIMAL.replace("title: You accepted another offer", "title: !!python/name:os.system"))
    _, problems = read_scenario(path, "late", "scenarios/late.yml", language("en"))
    assert [str(p) for p in problems] == ["scenarios/late.yml:1:8: title: must be text, not a value tagged "
                                          "'tag:yaml.org,2002:python/name:os.system' (remove the tag)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi [Your name]", [("Hi ", None), ("[Your name]", "Your name")]),
    ("a \\[b] c", [("a ", None), ("[", None), ("b] c", None)]),
    ("[Company][Role]", [("[Company]", "Company"), ("[Role]", "Role")]),
])
def test_letter_parts(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(run, label) for run, _, label, _ in letters.parts(text)] == expected


def test_letter_html_is_one_inert_line() -> None:
    html = letters.letter_html("Hi [Your name],\n\n```\n<b>{{ x }}</b> ~~~\n")
    assert "\n" not in html
    assert html == ('Hi <span class="bo-placeholder" data-placeholder="Your name">[Your name]</span>,&#10;&#10;'
                    "&#96;&#96;&#96;&#10;&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt; &#126;&#126;&#126;")


def test_links_and_their_problems() -> None:
    found = list(markdown_fields.links("[a](https://x.org) and <mailto:me@x.org> and ![i](/i.png) [b](/guides/x/)"))
    assert [(link.target, link.is_image) for link in found] == [
        ("https://x.org", False), ("mailto:me@x.org", False), ("/i.png", True), ("/guides/x/", False)]
    assert markdown_fields.link_problem("https://example.com/a_(b)") is None
    assert markdown_fields.link_problem("#faq") is None
    assert "'data:' links are not allowed" in markdown_fields.link_problem("data:text/html,x")
    assert "not a link this site can follow" in markdown_fields.link_problem("//evil.example/")
    assert "not a link this site can follow" in markdown_fields.link_problem("guides/x/")


def test_neutralize_keeps_the_everyday_subset() -> None:
    text = "Some *emphasis*, **bold**, `code <b>`, and a [link](/x/).\n\n- one\n- two\n\n1. first"
    out = markdown_fields.neutralize(text, lambda target: "x.md" if target == "/x/" else None)
    assert out == ("Some *emphasis*, **bold**, `code <b>`, and a [link](x.md).\n\n- one\n- two\n\n1. first")


def test_neutralize_escapes_block_syntax_at_line_starts() -> None:
    out = markdown_fields.neutralize("# h\n!!! note\n??? x\n/// tab\n---\n+ item", lambda _: None)
    assert out.splitlines() == ["\\# h", "\\!!! note", "&#63;?? x", "&#47;// tab", "\\---", "+ item"]


@pytest.mark.parametrize("line", ["# h", "!!! note", "??? x", "/// tab", "---", "***", "+ item", "  # h", "\t---",
                                  "plain text", "*emphasis*", "_x_"])
def test_a_text_on_one_line_is_escaped_as_a_line_among_others(line: str) -> None:
    """A text of one line is spared the line-start patterns when it cannot match them: it must still come
    out as the same line would in a longer text."""
    assert markdown_fields.neutralize(line, lambda _: None) == markdown_fields.neutralize(
        f"x\n{line}", lambda _: None).split("\n", 1)[1]


def test_mailto_encodes_as_the_standard_library_does() -> None:
    subject, body = "Ünïcode & [Role] 100% ~_.-", "Hi [Recipient name],\n\n€ 😀 \\[x] a+b=c?#/\r\nend"
    href = letters.mailto_href(subject, body)
    crlf_body = letters.plain_text(body).replace("\r\n", "\n").replace("\n", "\r\n")
    expected = f"mailto:?subject={quote(letters.plain_text(subject), safe='')}&body={quote(crlf_body, safe='')}"
    assert href == expected.replace("&", "&amp;")


def test_inert_text_shows_as_written() -> None:
    assert markdown_fields.inert_text("- 1. <b> {x} *y* [z]") == (
        "&#45; 1. &lt;b&gt; &#123;x&#125; &#42;y&#42; &#91;z&#93;")
    assert markdown_fields.inert_text("1. First") == "1&#46; First"


def test_suggest() -> None:
    assert suggest("sumary", ["title", "summary"]) == "summary"
    assert suggest("RECIPIENT  NAME", ["Recipient name"]) == "Recipient name"
    assert suggest("zzz", ["title"]) is None


def test_addresses() -> None:
    assert page_url("index.md") == ""
    assert page_url("guides/index.md") == "guides/"
    assert page_url("how-to-decline-well.md") == "how-to-decline-well/"
    assert site_path("/how-to-decline-well#be-sure") == "how-to-decline-well/"
    assert site_path("/") == ""
    assert site_path("/guides/x/index.html") == "guides/x/"


def test_field_reference_lists_every_key() -> None:
    reference = field_reference()
    for field in SCENARIO.fields:
        assert f"| `{field.key}` |" in reference
    assert "| `[Recipient name]` |" in reference


def test_clean_keeps_line_breaks_in_letters_encoded() -> None:
    from bow_out.sanitize import clean

    content = clean('<div class="bo-letter__body">Hi,&#10;&#10;   indented <span>[X]</span>&#10;</div>\n   <p>t</p>')
    assert content == '<div class="bo-letter__body">Hi,&#10;&#10;   indented <span>[X]</span>&#10;</div>\n   <p>t</p>'


def test_rendered_guides_follow_edits_to_the_guides_they_relate_to(tmp_path: Path) -> None:
    from bow_out.cache import BuildCache
    from bow_out.catalog import load_catalog
    from bow_out.render import render_pages
    from conftest import ROOT

    (tmp_path / "a.yml").write_text(MINIMAL + "related: [b]\n")
    (tmp_path / "b.yml").write_text(MINIMAL.replace("You accepted another offer", "First title"))
    cache = BuildCache()

    def markdown() -> dict[str, str]:
        return render_pages(load_catalog(tmp_path, ROOT / "docs", cache=cache), cache)

    first = markdown()
    assert "First title" in first["guides/a.md"]
    again = markdown()
    assert again == first
    (tmp_path / "b.yml").write_text(MINIMAL.replace("You accepted another offer", "Second title"))
    edited = markdown()
    assert "Second title" in edited["guides/a.md"] and "First title" not in edited["guides/a.md"]


def test_near_copies_of_letters_across_guides_are_found(tmp_path: Path) -> None:
    from bow_out import editorial
    from bow_out.catalog import load_catalog

    body = ("Dear [Recipient name], thank you for the interview invitation for the [Role] position at [Company]. "
            "I have accepted an offer from another employer that suits my plans, so I am withdrawing now. "
            "I wish you and the team every success with the search. Best regards, [Your name]")
    tweaked = body.replace("every success", "great success").replace("suits my plans", "fits my plans")
    for name, text in (("a.yml", body), ("b.yml", tweaked), ("c.yml", "Hi [Recipient name], a different note.")):
        (tmp_path / name).write_text(MINIMAL.replace("I have accepted another offer, so I am withdrawing.", text))
    catalog = load_catalog(tmp_path)
    copies = [str(note) for note in catalog.notes if "the same as" in note.message]
    assert len(copies) == 1 and copies[0].startswith("scenarios/b.yml:8:5: letters[0]: is 9")
    assert "a letter in scenarios/a.yml" in copies[0]
    assert editorial.words("Don't stop - it's fine") == 4


def test_a_build_without_problems_locates_no_key() -> None:
    """A build works out where keys are only to report a problem (reading the file again): a clean one never does."""
    root = Path(__file__).parent.parent
    for code in ("en", "es"):
        catalog = load_edition(root, code, BuildCache(), standards=False)
        assert catalog.scenarios and all(scenario.located is None for scenario in catalog.scenarios.values())
