"""Every bad-input rule of the contract: one located line each, and site/ left as it was, by MkDocs and ProperDocs."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from conftest import MINIMAL, TOOLS, Project, build_with_each, reported

pytestmark = pytest.mark.build

LETTER_HEAD = MINIMAL.split("letters:")[0]


def with_letter(letter: str) -> str:
    return LETTER_HEAD + "letters:\n" + letter


CASES = {
    "capitals in the id": ("Another-Offer.yml", MINIMAL,
        "scenarios/Another-Offer.yml:1:1: (file name): 'Another-Offer.yml' is not a valid scenario file name: "
        "use lowercase letters, digits and single hyphens, e.g. 'another-offer.yml'"),
    "underscore and space in the id": ("another_offer now.yml", MINIMAL,
        "scenarios/another_offer now.yml:1:1: (file name): 'another_offer now.yml' is not a valid scenario "
        "file name: use lowercase letters, digits and single hyphens, e.g. 'another-offer-now.yml'"),
    "dots in the id": ("another..offer.yml", MINIMAL,
        "scenarios/another..offer.yml:1:1: (file name): 'another..offer.yml' is not a valid scenario file "
        "name: use lowercase letters, digits and single hyphens, e.g. 'another-offer.yml'"),
    "reserved id": ("index.yml", MINIMAL,
        "scenarios/index.yml:1:1: (file name): 'index' is reserved for the site's own page under guides/; "
        "choose another file name"),
    "missing required key": ("a.yml", MINIMAL.replace("situation: You signed an offer and still have an "
                                                      "interview booked.\n", ""),
        "scenarios/a.yml:1:1: (file): missing required key 'situation' (when this guide applies "
        "(\"Is this you?\"))"),
    "title too long": ("a.yml", MINIMAL.replace("You accepted another offer", "x" * 91),
        "scenarios/a.yml:1:8: title: is 91 characters long; the limit is 90, so shorten it"),
    "misspelled key": ("a.yml", MINIMAL.replace("summary:", "sumary:"),
        "scenarios/a.yml:2:1: sumary: unknown key 'sumary' (did you mean 'summary'?); a scenario has the keys "
        "title, summary, situation, advice, letters, category, stages, tags, before_you_decline, avoid, faq, "
        "related, fields, questions"),
    "nested misspelled key": ("a.yml", MINIMAL.replace("    body: The team", "    bdy: The team"),
        "scenarios/a.yml:6:5: advice[0].bdy: unknown key 'bdy' (did you mean 'body'?); an advice step has the "
        "keys title, body"),
    "empty advice": ("a.yml", MINIMAL.replace("advice:\n  - title: Tell them the same day\n    body: The team "
                                              "is holding a slot for you.\n", "advice: []\n"),
        "scenarios/a.yml:4:9: advice: needs at least 1 item, found 0"),
    "email without subject": ("a.yml", with_letter("  - kind: email\n    title: Short\n    body: Hi [Your name]\n"),
        "scenarios/a.yml:8:5: letters[0]: a letter with kind 'email' needs a 'subject'"),
    "subject on a phone script": ("a.yml", with_letter(
        "  - kind: phone\n    title: Call\n    subject: Hello\n    body: Hi, this is [Your name].\n"),
        "scenarios/a.yml:10:5: letters[0].subject: only a letter with kind 'email' or 'printed' has a 'subject'; "
        "remove it"),
    "unknown letter kind": ("a.yml", with_letter("  - kind: sms\n    title: Text\n    body: Hi [Your name]\n"),
        "scenarios/a.yml:8:11: letters[0].kind: 'sms' is not one of email, phone, voicemail, message, printed"),
    "undeclared placeholder": ("a.yml", MINIMAL.replace("Dear [Recipient name]", "Dear [Recipient nmae]"),
        "scenarios/a.yml:12:12: letters[0].body: unknown placeholder [Recipient nmae] (did you mean "
        "[Recipient name]?); the built-in ones are [Your name], [Recipient name], [Company], [Role], others "
        "must be declared under 'fields'"),
    "unclosed placeholder": ("a.yml", MINIMAL.replace("Dear [Recipient name],", "Dear [Recipient name,"),
        "scenarios/a.yml:12:12: letters[0].body: '[' opens a placeholder that is never closed on this line; "
        "close it with ']' or write '\\[' for a literal bracket"),
    "declared field unused": ("a.yml", MINIMAL + "fields:\n  Interview date: the day of the interview\n",
        "scenarios/a.yml:19:19: fields.Interview date: 'Interview date' is declared but no letter uses "
        "[Interview date]; use it in a letter or remove it"),
    "bad stage": ("a.yml", MINIMAL + "stages: [before-interview, after-interview]\n",
        "scenarios/a.yml:18:28: stages[1]: 'after-interview' is not one of before-interview, between-rounds, "
        "after-offer (did you mean 'before-interview'?)"),
    "related to a missing guide": ("a.yml", MINIMAL + "related: [another-ofer]\n",
        "scenarios/a.yml:18:11: related[0]: there is no scenario 'another-ofer'; related lists ids of files "
        "in scenarios/"),
    "link to a missing heading": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                           "body: Read [the rules](/faq/#no-such-question) first."),
        "scenarios/a.yml:6:16: advice[0].body: links to '/faq/#no-such-question', but /faq/ has no heading "
        "'#no-such-question'"),
    "link to a missing heading on the same page": ("a.yml", MINIMAL.replace(
        "body: The team is holding a slot for you.", "body: See [below](#nope)."),
        "scenarios/a.yml:6:15: advice[0].body: links to '#nope', but /guides/a/ has no heading '#nope'"),
    "link with a query string": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                          "body: See [the FAQ](/faq/?q=1)."),
        "scenarios/a.yml:6:15: advice[0].body: '/faq/?q=1': a link to this site cannot carry a query string"),
    "mailto with headers": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                     "body: Write to [me](mailto:a@example.com?bcc=b@example.com)."),
        "scenarios/a.yml:6:20: advice[0].body: 'mailto:a@example.com?bcc=b@example.com': a mailto: link carries "
        "one address and nothing else"),
    "mailto with encoded headers": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                             "body: Write to <mailto:a@example.com%3Fcc=b@x.org>."),
        "scenarios/a.yml:6:20: advice[0].body: 'mailto:a@example.com%3Fcc=b@x.org': a mailto: link carries one"),
    "related id ending in a newline": ("a.yml", MINIMAL + 'related: ["late\\n"]\n',
        "scenarios/a.yml:18:11: related[0]: 'late\\n' is not a scenario id"),
    "tag ending in a newline": ("a.yml", MINIMAL + 'tags: ["offer\\n"]\n',
        "scenarios/a.yml:18:8: tags[0]: 'offer\\n' is not a tag"),
    "control character": ("a.yml", MINIMAL.replace("Tell them", "Tell\x07them"),
        "scenarios/a.yml:5:16: (file): character U+0007 is a control character"),
    "escaped control character": ("a.yml", MINIMAL.replace("title: You accepted another offer",
                                                           'title: "You accepted\\e[31m another offer"'),
        "scenarios/a.yml:1:21: title: holds the invisible character U+001B"),
    "upper-case suffix": ("a.YML", MINIMAL,
        "scenarios/a.YML:1:1: (file name): 'a.YML' ends in '.YML'; scenario files end in lowercase .yml or .yaml"),
    "undeclared category": ("a.yml", MINIMAL + "category: Amber situations\n",
        "scenarios/a.yml:18:11: category: 'Amber situations' is not a declared category (did you mean 'Other "
        "situations'?); use one of the categories in scenarios/_categories.yml, or declare a new one there"),
    "javascript link": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                 "body: See [this](javascript:alert(1))."),
        "scenarios/a.yml:6:15: advice[0].body: 'javascript:' links are not allowed; links go to https://, "
        "mailto: or a page of this site written from the site's root, such as /guides/another-offer/"),
    "link to a missing page": ("a.yml", MINIMAL.replace("body: The team is holding a slot for you.",
                                                        "body: Read [the rules](/how-to-decline-wel/) first."),
        "scenarios/a.yml:6:16: advice[0].body: links to '/how-to-decline-wel/', but this site has no such page "
        "(did you mean '/how-to-decline-well/'?)"),
    "raw html": ("a.yml", MINIMAL.replace("situation: You signed", "situation: <script>alert(1)</script> You signed"),
        "scenarios/a.yml:3:12: situation: raw HTML is not allowed in scenario text; it would be shown as text. "
        "Use Markdown (*emphasis*, **bold**, lists, [links](https://...))"),
    "text that is a number": ("a.yml", MINIMAL.replace("title: You accepted another offer", "title: 2024"),
        "scenarios/a.yml:1:8: title: must be text, not a number (put the value in quotes)"),
    "yaml syntax error": ("a.yml", MINIMAL.replace("title: You accepted another offer",
                                                   "title: \"You accepted another offer"),
        None),
    "duplicate key": ("a.yml", MINIMAL + "title: Again\n",
        "scenarios/a.yml:18:1: title: duplicate key 'title' (first given on line 1); YAML would silently keep "
        "only the last one, so remove one"),
    "tab indentation": ("a.yml", MINIMAL.replace("  - title: Tell them", "\t- title: Tell them"),
        "scenarios/a.yml:5:1: (file): a tab is used for indentation; YAML indents with spaces only (replace "
        "the tab with spaces)"),
    "not a mapping": ("a.yml", "- title: A list is not a scenario\n",
        "scenarios/a.yml:1:1: (file): a scenario file is a mapping of keys such as 'title: ...' and "
        "'summary: ...', not a list or a single value"),
    "empty file": ("a.yml", "# yaml-language-server: $schema=../docs/schema/scenario.schema.json\n\n",
        "scenarios/a.yml:1:1: (file): the file is empty; a scenario has at least the keys title, summary, "
        "situation, advice and letters (copy scenarios/_template.yml to start)"),
    "not utf-8": ("a.yml", MINIMAL.replace("Tell them", "Tell th\x00em").encode().replace(b"\x00", b"\xe9"),
        "scenarios/a.yml:5:19: (file): byte 0xe9 is not UTF-8; save the file as UTF-8 (most editors offer this "
        "under 'Save with encoding')"),
    "alias bomb": ("a.yml", MINIMAL + 'tags: &a ["x"]\navoid: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
                   'faq: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
        "scenarios/a.yml:19:12: avoid[0]: anchors and aliases (&name, *name) are not supported; write the text "
        "out in full"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_located_and_leaves_site_alone(project: Project, caplog, case: str) -> None:
    name, text, expected = CASES[case]
    project.site.mkdir()
    last_good = project.site / "index.html"
    last_good.write_text("last good site")
    project.write(name, text)

    with pytest.raises(Abort):
        project.build()

    problems = reported(caplog)
    assert problems, caplog.messages
    if expected is None:
        assert problems[0].startswith(f"scenarios/{name}:1:8: (file): is not valid YAML (while scanning a quoted "
                                      "scalar, found unexpected end of stream)"), problems
    else:
        assert any(line.startswith(expected) for line in problems), "\n".join(problems)
    assert last_good.read_text() == "last good site"
    assert sorted(p.name for p in project.site.iterdir()) == ["index.html"]


def test_every_problem_in_every_file_is_reported_at_once(project: Project, caplog) -> None:
    project.write("one.yml", MINIMAL.replace("summary:", "sumary:").replace("[Role]", "[Rolle]"))
    project.write("two.yml", MINIMAL + "related: [nowhere]\n")
    project.write("Three.yml", MINIMAL)

    with pytest.raises(Abort):
        project.build()

    problems = reported(caplog)
    assert [line.split(": ")[0] for line in problems] == [
        "scenarios/Three.yml:1:1", "scenarios/one.yml:1:1", "scenarios/one.yml:2:1", "scenarios/one.yml:10:35",
        "scenarios/two.yml:18:11",
    ]


def test_duplicate_ids_across_suffixes(project: Project, caplog) -> None:
    project.write("late.yml", MINIMAL)
    project.write("late.yaml", MINIMAL)
    with pytest.raises(Abort):
        project.build()
    assert ("scenarios/late.yml:1:1: (file name): two files have the id 'late' (scenarios/late.yaml and "
            "scenarios/late.yml); rename or remove one") in reported(caplog)


@pytest.mark.parametrize("variant", ["you chose another path", "You chose  another path", "You chose anther path"])
def test_undeclared_category_suggests_the_declared_one(project: Project, caplog, variant: str) -> None:
    project.write("a.yml", MINIMAL + "category: You chose another path\n")
    project.write("c.yml", MINIMAL + f"category: {variant}\n")
    with pytest.raises(Abort):
        project.build()
    assert reported(caplog) == [
        f"scenarios/c.yml:18:11: category: '{variant}' is not a declared category (did you mean 'You chose another "
        "path'?); use one of the categories in scenarios/_categories.yml, or declare a new one there with a "
        "description (- name: ...  description: ...)"]


def test_declared_categories_are_never_typos_of_each_other(project: Project) -> None:
    (project.scenarios / "_categories.yml").write_text(
        "- name: Amber situations\n  description: One.\n- name: Ember situations\n  description: Two.\n")
    project.write("a.yml", MINIMAL + "category: Amber situations\n")
    project.write("b.yml", MINIMAL + "category: Ember situations\n")
    project.build()
    assert "Amber situations" in project.page("categories/amber-situations/")
    assert "Ember situations" in project.page("categories/ember-situations/")


def test_categories_that_would_share_a_page_are_refused(project: Project, caplog) -> None:
    (project.scenarios / "_categories.yml").write_text(
        "- name: C++ jobs\n  description: One.\n- name: C# jobs\n  description: Two.\n")
    project.write("a.yml", MINIMAL + "category: C++ jobs\n")
    with pytest.raises(Abort):
        project.build()
    assert reported(caplog) == [
        "scenarios/_categories.yml:3:9: [1].name: 'C# jobs' and 'C++ jobs' would share the page /categories/c-jobs/; "
        "rename one so that they differ in letters or digits"]


def test_entries_that_look_like_scenarios_but_are_not_files_are_reported(project: Project, caplog) -> None:
    (project.scenarios / "folder.yml").mkdir()
    (project.scenarios / "gone.yml").symlink_to(project.root / "nowhere.yml")
    with pytest.raises(Abort):
        project.build()
    assert reported(caplog) == [
        "scenarios/folder.yml:1:1: (file name): 'folder.yml' is a folder; a scenario is a file, so rename the "
        "folder (folders in scenarios/ hold other languages or shared data)",
        "scenarios/gone.yml:1:1: (file name): 'gone.yml' is a link to a file that does not exist; remove the link "
        "or restore its file"]


def test_a_huge_file_is_refused_without_reading_it(project: Project, caplog) -> None:
    with (project.scenarios / "huge.yml").open("wb") as huge:
        huge.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing on disk
    with pytest.raises(Abort):
        project.build()
    assert reported(caplog) == ["scenarios/huge.yml:1:1: (file): is larger than 262,144 bytes, the most a scenario "
                                "file may hold; split it into two guides"]


def test_a_file_deleted_while_the_build_reads_is_skipped(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from bow_out import catalog

    project.write("late.yml", MINIMAL)
    listed = catalog.scenario_files(project.scenarios)
    monkeypatch.setattr(catalog, "scenario_files", lambda folder: [*listed, folder / "deleted.yml"])
    project.build()
    assert sorted(p.name for p in (project.site / "guides").iterdir()) == ["index.html", "late"]


def test_problem_lines_cannot_carry_line_breaks_or_terminal_codes(project: Project, caplog) -> None:
    project.write("a.yml", MINIMAL.replace("summary:", '"sum\\nscenarios/x.yml:1:1: (file): forged\\e[2J":'))
    with pytest.raises(Abort):
        project.build()
    assert [line for line in reported(caplog) if "forged" in line] == [
        "scenarios/a.yml:2:1: sum\\nscenarios/x.yml:1:1: (file): forged\\x1b[2J: unknown key "
        "'sum\\nscenarios/x.yml:1:1: "
        "(file): forged\\x1b[2J'; a scenario has the keys title, summary, situation, advice, letters, category, "
        "stages, tags, before_you_decline, avoid, faq, related, fields, questions"]


def test_lines_stay_right_after_invisible_line_separators(project: Project, caplog) -> None:
    # YAML ends a line at U+2028; an editor does not, so YAML's line numbers would run one ahead.
    project.write("a.yml", MINIMAL.replace("situation: You signed an offer", 'situation: "You signed\u2028an offer')
                  .replace("booked.", 'booked."').replace("Dear [Recipient name]", "Dear [Recipient nme]"))
    with pytest.raises(Abort):
        project.build()
    assert [line.split(": ")[0] for line in reported(caplog)] == ["scenarios/a.yml:3:12", "scenarios/a.yml:12:12"]


def test_bad_input_is_reported_the_same_by_both(project: Project) -> None:
    """ProperDocs too: every case above at once, each in its own file, one build per tool."""
    expected = []
    for number, (name, text, line) in enumerate(CASES.values()):
        unique = f"case-{number:02}.yml" if name == "a.yml" else name
        project.write(unique, text)
        expected.append(line.replace(f"scenarios/{name}:", f"scenarios/{unique}:").replace(
            "/guides/a/", f"/guides/{unique[:-4]}/") if line else
                        f"scenarios/{unique}:1:8: (file): is not valid YAML")
    last_good = {}
    for tool in TOOLS:
        site = project.root / f"site-{tool}"
        site.mkdir()
        (site / "index.html").write_text(f"last good site of {tool}")
        last_good[tool] = site

    results = build_with_each(project, "site")

    reports = {}
    for tool, result in results.items():
        assert result.returncode != 0, tool
        # MkDocs' logger puts its prefix before each line: keep each from the file name on.
        reports[tool] = [line[line.index("scenarios/"):] for line in result.stderr.splitlines()
                         if re.search(r"scenarios/[^:]*:\d+:\d+: ", line)]
        missing = [line for line in expected if not any(found.startswith(line) for found in reports[tool])]
        assert missing == [], f"{tool} did not report:\n" + "\n".join(missing)
        assert [path.name for path in last_good[tool].iterdir()] == ["index.html"]
        assert (last_good[tool] / "index.html").read_text() == f"last good site of {tool}"
        assert "Traceback" not in result.stderr, result.stderr
    assert reports["mkdocs"] == reports["properdocs"]
