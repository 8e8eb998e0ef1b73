"""This turn's fuzzing finds: each refused by the check with a located line, before `site/` is touched."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from bow_out import markdown_fields
from bow_out.catalog import load_catalog
from bow_out.languages import language
from bow_out.loader import load_yaml
from bow_out.problems import ScenarioError
from conftest import MINIMAL, ROOT, Project, fetch, free_port, reported, run_check, wait_for

ADVICE_BODY = "body: The team is holding a slot for you."


def problems_of(folder: Path, docs: Path | None = ROOT / "docs", code: str = "en") -> list[str]:
    with pytest.raises(ScenarioError) as raised:
        load_catalog(folder, docs, lang=language(code))
    return [str(problem) for problem in raised.value.problems]


# 1. A few hundred nested list markers: a RecursionError in the middle of the build, after site/ was cleaned.
@pytest.mark.build
def test_deeply_nested_lists_are_refused_before_the_build(project: Project, caplog) -> None:
    project.write("a.yml", MINIMAL.replace(ADVICE_BODY, 'body: "' + "- " * 400 + 'deep"'))
    with pytest.raises(Abort):
        project.build()
    assert reported(caplog) == ["scenarios/a.yml:6:12: advice[0].body: a list nested 400 levels deep; Markdown in a "
                                "scenario nests lists at most 10 levels (a '- ' at the start of a line begins a list "
                                "item: write '\\-' for a literal dash)"]
    assert "RecursionError" not in caplog.text
    assert not project.site.exists()


@pytest.mark.build
def test_lists_as_deep_as_the_limit_build(project: Project) -> None:
    nested = "\n".join("    " * level + "- level" for level in range(markdown_fields.MAX_LIST_DEPTH))
    project.write("a.yml", MINIMAL.replace(ADVICE_BODY, "body: |\n" + "\n".join(
        "      " + line for line in nested.split("\n"))))
    project.build()
    depth = markdown_fields.MAX_LIST_DEPTH
    assert re.search(rf"(<ul>\s*<li>level\s*){{{depth}}}", project.page("guides/a/"))


# 2. Links to a tag's entry on the tag index: MkDocs checks links before the tags plugin writes those headings.
def test_links_to_a_tag_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(MINIMAL.replace(ADVICE_BODY, "body: See [email](/tags/#tag:email).")
                                    + "tags: [email]\n")
    assert problems_of(tmp_path) == [
        "scenarios/a.yml:6:15: advice[0].body: links to '/tags/#tag:email', a topic on the tag index, which the "
        "build cannot check (the tags plugin writes those headings after MkDocs checks links); link to /tags/ itself"]


def test_links_to_an_accented_spanish_tag_are_refused_and_no_failing_id_is_suggested(tmp_path: Path) -> None:
    spanish = (MINIMAL.replace("[Recipient name]", "[Nombre del destinatario]").replace("[Your name]", "[Tu nombre]")
               .replace("[Role]", "[Puesto]").replace(ADVICE_BODY, "body: Ver [teléfono](/tags/#tag:teléfono).")
               + "tags: [teléfono]\n")
    (tmp_path / "a.yml").write_text(spanish)
    [line] = problems_of(tmp_path, ROOT / "docs" / "es", "es")
    assert line.startswith("scenarios/es/a.yml:6:15: advice[0].body: links to '/tags/#tag:teléfono', a topic on "
                           "the tag index") and "did you mean" not in line


@pytest.mark.build
def test_a_link_to_the_tag_index_itself_builds(project: Project) -> None:
    project.write("a.yml", MINIMAL.replace(ADVICE_BODY, "body: See [the topics](/tags/).") + "tags: [email]\n")
    project.build()


# 3. A link named like a scenario that leads to a folder: never followed, never walked.
def test_a_link_to_a_folder_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text(MINIMAL)
    (tmp_path / "x.yml").symlink_to("/usr")
    assert problems_of(tmp_path) == [
        "scenarios/x.yml:1:1: (file name): 'x.yml' is a link to a folder, not to a file; a scenario is a file, so "
        "remove the link (scenarios/ is read one file at a time, never through a link to a folder)"]


def test_serve_watches_the_scenario_folders_one_level_deep(project: Project) -> None:
    import bow_out_hooks

    project.write("es/a.yml", MINIMAL)  # any file: a Spanish folder makes a Spanish edition to watch

    class Server:
        def __init__(self) -> None:
            self.watched: list[tuple[str, bool]] = []

        def watch(self, path: str, *, recursive: bool = True) -> None:
            self.watched.append((path, recursive))

    config = load_config(str(project.root / "mkdocs.yml"))
    server = Server()
    bow_out_hooks.on_serve(server, config=config, builder=lambda: None)
    assert server.watched == [(str(project.scenarios.resolve()), False), (str(project.scenarios.resolve() / "es"),
                                                                          False)]
    assert not any(Path(path).resolve() == ROOT / "scenarios" for path in config.watch), \
        "mkdocs.yml must not watch scenarios/ recursively"


def resident_megabytes(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) // 1024


@pytest.mark.build
def test_serve_stays_small_and_answers_with_a_link_to_a_big_folder(project: Project) -> None:
    project.write("a.yml", MINIMAL)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = f"http://127.0.0.1:{port}/guides/a/"
    try:
        wait_for(lambda: "You accepted another offer" in fetch(page), "the first build")
        (project.scenarios / "x.yml").symlink_to("/usr")
        project.write("a.yml", MINIMAL.replace("You accepted another offer", "You signed elsewhere"))
        wait_for(lambda: "is a link to a folder" in fetch(page), "the problem on the page")
        assert "scenarios/x.yml:1:1: (file name): &#x27;x.yml&#x27; is a link to a folder" in fetch(page)
        assert fetch(f"http://127.0.0.1:{port}/assets/bow-out.css"), "assets are still served"
        # Walking /usr every second took 11 GB: one folder's entries take next to nothing.
        assert resident_megabytes(server.pid) < 400
    finally:
        server.terminate()
        server.wait(timeout=10)


# 4. A FIFO named like a scenario: opening it would wait for a writer forever.
def test_a_fifo_named_like_a_scenario_is_refused_without_blocking(project: Project) -> None:
    project.write("a.yml", MINIMAL)
    os.mkfifo(project.scenarios / "x.yml")
    result = run_check(project)  # before the fix, this never returned
    assert result.returncode == 1
    assert ("scenarios/x.yml:1:1: (file name): 'x.yml' is a named pipe (FIFO), not a regular file; a scenario is a "
            "plain text file, so remove it or rename it to start with '_'") in result.stderr.splitlines()
    # If the FIFO appears between listing and reading, the reader refuses it too.
    assert [p.message for p in load_yaml(project.scenarios / "x.yml", "x").problems] == [
        "is a named pipe (FIFO), not a regular file; a scenario is a plain text file, so remove it or rename it "
        "to start with '_'"]


# 5. 120,000 backticks: code spans were searched for again from every backtick of a run that never closes.
def test_code_spans_are_found_as_the_pattern_finds_them() -> None:
    rng = random.Random(20)
    alphabet = ["`", "``", "a", " ", "\n", "[", "]", "(", ")", "!", "<", ">", "\\", "h", ":", "/"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        expected = [(m.start(), m.end(), m.lastgroup) for m in markdown_fields._TOKEN.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in markdown_fields._tokens(text)] == expected, repr(text)


def test_a_field_of_120000_backticks_is_made_inert_in_linear_time() -> None:
    # In a child process with a minute to spare: the quadratic search took about two minutes for this.
    code = ("from bow_out.markdown_fields import neutralize; import sys; "
            "sys.stdout.write(neutralize('`' * 120000, lambda target: target))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.stdout == "\\`" * 120000


def test_a_field_python_markdown_would_take_minutes_over_is_refused(tmp_path: Path) -> None:
    # Linear in the engine now, but Python-Markdown itself spends 20 s on this field, growing with the square.
    (tmp_path / "a.yml").write_text(MINIMAL.replace(ADVICE_BODY, "body: '" + "`" * 120000 + " W'"))
    assert problems_of(tmp_path) == [
        "scenarios/a.yml:6:11: advice[0].body: holds 120,000 characters that Markdown reads as syntax "
        "(< > { } | ~ ^ = : $ + @ [ ] `); a field holds at most 2,000, far more than any guide needs"]


@pytest.mark.build
def test_a_field_with_as_many_escaped_characters_as_allowed_builds(project: Project) -> None:
    project.write("a.yml", MINIMAL.replace(ADVICE_BODY, "body: '" + "`" * markdown_fields.MAX_ESCAPED + " W'"))
    project.build()
    assert "`" * markdown_fields.MAX_ESCAPED in project.page("guides/a/")


# 6. A label with two spaces in a row or one at its end: the form folds the spaces, the letter does not.
@pytest.mark.parametrize(("label", "column"), [("Start  date", 3), ("Start date ", 3)])
def test_labels_with_odd_spaces_are_refused(tmp_path: Path, label: str, column: int) -> None:
    (tmp_path / "a.yml").write_text(MINIMAL.replace("I have accepted", f"I start on [{label}] and have accepted")
                                    + f'fields:\n  "{label}": the day you start\n')
    assert (f"scenarios/a.yml:19:{column}: fields.{label}: '{label}' cannot be a placeholder label: write words with "
            "one space between them and none at either end, without brackets or backslashes") in problems_of(tmp_path)


# 7. Bidirectional controls: a title, a feed entry or a terminal line that shows one thing and says another.
@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_bidirectional_controls_are_refused_in_text(tmp_path: Path, control: str) -> None:
    (tmp_path / "a.yml").write_text(MINIMAL.replace("You accepted another", f"You accepted {control}another"))
    assert problems_of(tmp_path) == [
        f"scenarios/a.yml:1:21: title: holds U+{ord(control):04X}, a bidirectional control, which makes text show "
        "in another order than it is written; delete it (retype the text around it)"]


def test_problem_lines_show_bidirectional_controls_escaped(tmp_path: Path) -> None:
    shutil.copy(ROOT / "scenarios" / "_categories.yml", tmp_path)
    (tmp_path / "a\u202eyml.yml").write_text(MINIMAL)
    (tmp_path / "b.yml").write_text(MINIMAL.replace("summary:", "sum\u202emary:"))
    lines = problems_of(tmp_path)
    assert lines[0].startswith("scenarios/a\\u202eyml.yml:1:1: (file name): 'a\\u202eyml.yml' is not a valid")
    assert any(line.startswith("scenarios/b.yml:2:1: sum\\u202emary: unknown key 'sum\\u202emary'") for line in lines)
    assert not any(re.search("[\u202a-\u202e\u2066-\u2069]", line) for line in lines)
