"""The committed JSON Schema, the project's own scenarios, and `python -m bow_out check`."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import yaml

from bow_out.__main__ import SCHEMA_PATH, schema_text
from bow_out.catalog import scenario_files
from conftest import MINIMAL, ROOT, Project, run_check

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/schema/scenario.schema.json"


def test_committed_schema_matches_the_schema_source() -> None:
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit"


class _Yaml12Loader(yaml.SafeLoader):
    """Booleans as YAML 1.2 reads them (only true and false), as editors' language servers do: the
    contract makes an unquoted `yes`, `no`, `on` or `off` text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))


def test_project_scenarios_start_with_the_schema_line_and_satisfy_it() -> None:
    schema = json.loads((ROOT / SCHEMA_PATH).read_text())
    files = scenario_files(ROOT / "scenarios")
    assert len(files) >= 3
    for path in [*files, ROOT / "scenarios" / "_template.yml"]:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == SCHEMA_LINE, path.name
        jsonschema.validate(yaml.load(text, Loader=_Yaml12Loader), schema)


def test_json_schema_refuses_what_validation_refuses() -> None:
    schema = json.loads((ROOT / SCHEMA_PATH).read_text())
    data = yaml.safe_load(MINIMAL)
    jsonschema.validate(data, schema)
    for broken in ({**data, "sumary": "x"}, {k: v for k, v in data.items() if k != "title"},
                   {**data, "letters": [{**data["letters"][0], "kind": "phone"}]},
                   {**data, "letters": [{k: v for k, v in data["letters"][0].items() if k != "subject"}]}):
        validator = jsonschema.Draft7Validator(schema)
        assert list(validator.iter_errors(broken)), broken


def test_check_reports_the_same_lines_without_building(project: Project) -> None:
    project.write("late.yml", MINIMAL.replace("[Role]", "[Rol]"))
    result = run_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "scenarios/late.yml:10:35: letters[0].subject: unknown placeholder [Rol] (did you mean [Role]?); the "
        "built-in ones are [Your name], [Recipient name], [Company], [Role], others must be declared under 'fields'")
    assert not project.site.exists()
    project.write("late.yml", MINIMAL)
    result = run_check(project)
    assert result.returncode == 1, "a file that builds can still miss the editorial standards"
    assert result.stderr.splitlines()[0] == (
        "scenarios/late.yml:1:1: (file): has no 'avoid'; a guide lists what not to say or do (editorial standard)")
    assert result.stderr.splitlines()[-1].startswith("7 findings in 1 scenario file against the editorial standards")


def test_the_template_meets_every_rule_and_standard(real_project: Project) -> None:
    shutil.copy(ROOT / "scenarios" / "_template.yml", real_project.scenarios / "my-new-guide.yml")
    result = run_check(real_project)
    assert [line for line in result.stderr.splitlines() if "my-new-guide" in line] == []
    assert [line for line in result.stdout.splitlines() if "my-new-guide" in line] == [
        "scenarios/my-new-guide.yml:1:1: (file): no Spanish translation yet (scenarios/es/my-new-guide.yml) (note)"]
