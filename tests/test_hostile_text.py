"""Text from a scenario file is data: never HTML, never a template, never an extension's instruction."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from bow_out import markdown_fields
from conftest import Project

PAYLOAD = '<script>alert(1)</script> " onmouseover="alert(2) {{ 7*7 }} {% raw %} {: onclick="alert(3)" }'
MARKDOWN_PAYLOAD = (
    '{: onclick="alert(3)" } **bold** {{ 7*7 }} [ok](https://example.com) onerror=alert(4)\n\n'
    '--8<-- "/etc/passwd"\n\n!!! danger "Injected"\n    admonition body\n\n[TOC]\n\n'
    '==mark== ~~del~~ ^^ins^^ {++critic++} :smile: *[HTML]: abbr\n\n```\nfenced\n```\n\n'
    '# heading\n\n| a | b |\n|---|---|'
)
HOSTILE = f"""\
title: '{PAYLOAD[:80]}'
summary: '{PAYLOAD}'
category: '<img src=x onerror=alert(5)> " onclick="alert(6)'
tags: [alert, script]
situation: |
{chr(10).join("  " + line for line in MARKDOWN_PAYLOAD.splitlines())}
before_you_decline:
  - '{{{{ 7*7 }}}} {{: onclick="alert(3)" }}'
  - "Carriage\\r--\\r!!! warning \\"Live\\"\\r    admonition\\r***\\rSetext\\r---"
advice:
  - title: '{PAYLOAD[:80]}'
    body: '{{: .x onclick="alert(3)" }} text'
letters:
  - kind: email
    title: '{PAYLOAD[:80]}'
    subject: '{PAYLOAD[:100]} [Role]'
    body: |
      {PAYLOAD} [Your name]
      ```
      --8<-- "/etc/passwd"
      ~~~
  - kind: message
    title: Message
    body: "{{{{ 7*7 }}}} \\\\[Your name] is literal"
avoid: ['{{%% include "x" %%}}']
faq:
  - question: '{PAYLOAD[:100]}'
    answer: '{{{{ 7*7 }}}}'
fields:
  '" onclick="alert(7)': '<script>alert(8)</script>'
"""


class LiveParts(HTMLParser):
    """Collects everything in a page that a browser would run."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value}>")
        if tag == "img":
            self.live.append(f"<img {attrs}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert" in data:
            self.live.append(data)


def live_parts(html: str) -> list[str]:
    parser = LiveParts()
    parser.feed(html)
    return parser.live


@pytest.mark.build
def test_hostile_text_in_every_field_stays_text(real_project: Project) -> None:
    project = real_project
    # The letter body uses the declared field so that the file is valid.
    project.write("hostile.yml", HOSTILE.replace("[Your name]\n", '[Your name] [" onclick="alert(7)]\n'))
    with (project.scenarios / "_categories.yml").open("a", encoding="utf-8") as categories:
        categories.write("- name: '<img src=x onerror=alert(5)> \" onclick=\"alert(6)'\n"
                         "  description: '<script>alert(9)</script>'\n")
    project.root.joinpath("docs", "secret.txt").write_text("root:x:0:0")
    project.build({"markdown_extensions": [
        "toc", "attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences",
        "pymdownx.snippets", "footnotes", "abbr", "def_list", "tables", "pymdownx.critic", "pymdownx.mark",
        "pymdownx.caret", "pymdownx.tilde", "pymdownx.emoji", "pymdownx.tabbed",
    ]})
    pages = list(project.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert live_parts(html) == [], page
        assert "root:x:0:0" not in html
    guide = project.page("guides/hostile/")
    content = guide[guide.index("<article"):guide.index("</article>")]
    assert "{{ 7*7 }}" in content and "49" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert '{: onclick="alert(3)" }' in content or "{: onclick=&quot;alert(3)&quot; }" in content
    for extension_output in ["<mark>", "<del>", "<ins>", 'class="admonition', 'class="toc"', "<table", "<pre", "<abbr",
                             'class="critic', "<ins", 'class="twemoji', "<h1 id=\"heading\""]:
        assert extension_output not in content, extension_output
    assert '!!! danger "Injected"' in content.replace("&quot;", '"')
    assert '!!! warning "Live"' in content.replace("&quot;", '"') and "<hr" not in content
    assert '--8&lt;-- "/etc/passwd"' in content.replace("&quot;", '"')
    assert "[Your name] is literal" in content
    assert '<a href="https://example.com">ok</a>' in content
    head = guide[:guide.index("</head>")]
    assert 'content="&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;alert(2)' in head


def test_neutralized_markdown_survives_every_extension() -> None:
    rendered = markdown.markdown(
        markdown_fields.neutralize(MARKDOWN_PAYLOAD, lambda target: target if target.startswith("https") else None),
        extensions=["attr_list", "md_in_html", "admonition", "pymdownx.superfences", "toc", "abbr", "footnotes",
                    "pymdownx.mark", "pymdownx.tilde", "pymdownx.caret", "pymdownx.critic", "tables"])
    assert live_parts(rendered) == []
    for extension_output in ["<mark>", "<del>", "<ins>", 'class="admonition', "<table", "<pre", "<abbr", "<h1"]:
        assert extension_output not in rendered, extension_output
    assert "<strong>bold</strong>" in rendered


def test_javascript_links_render_as_text_even_unchecked() -> None:
    text = markdown_fields.neutralize("[x](javascript:alert(1)) <a href=x>", lambda _: None)
    rendered = markdown.markdown(text)
    assert "<a " not in rendered and live_parts(rendered) == []
    assert "[x](javascript&#58;alert(1))" in rendered


def test_nothing_reads_files_from_disk(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    rendered = markdown.markdown(markdown_fields.neutralize(f'--8<-- "{tmp_path}/secret.txt"', lambda _: None),
                                 extensions=["pymdownx.snippets"])
    assert "TOP SECRET" not in rendered
