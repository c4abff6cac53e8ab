"""Loading and validation: every kind of bad input gives positioned, readable problems.

Each file in ``tests/scenarios/invalid/`` breaks one rule (its name says which) and
starts with ``# expect: LINE:COL: message`` — the problem the validator must report.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from engine import ScenarioError, load_scenario, load_scenario_text
from engine.scenario import yamlsafe
from simulator.cli.validate import validate_path
from tests.crafted import MINIMAL

INVALID = sorted((Path(__file__).parent / "scenarios" / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+)$")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_scenario_reports_the_broken_rule_at_its_position(path):
    m = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert m, f"{path.name} must start with '# expect: LINE:COL: message'"
    line, col, fragment = int(m.group(1)), int(m.group(2)), m.group(3)
    errors = [p for p in validate_path(str(path)) if p.severity == "error"]
    assert errors, "the file should be invalid"
    matching = [p for p in errors if fragment in p.message]
    assert matching, f"no error mentions {fragment!r}; got: {[str(p) for p in errors]}"
    assert (matching[0].line, matching[0].column) == (line, col)
    assert str(matching[0]).startswith(f"{path}:{line}:{col}: ")


def test_invalid_folder_covers_the_rules():
    assert len(INVALID) >= 20


def test_every_problem_in_a_file_is_reported_in_one_run(write_scenario):
    broken = (MINIMAL.replace("summary:", "sumary:")
              .replace("next: uitgesteld", "next: nergens")
              .replace("score: {step4: 2}", "score: {step4: 5}"))
    messages = [p.message for p in validate_path(write_scenario(broken))]
    assert any("sumary" in m for m in messages)
    assert any("step4 is 5" in m for m in messages)


def test_valid_minimal_scenario_loads(write_scenario):
    s = load_scenario(write_scenario(MINIMAL))
    assert s.id == "mini" and len(s.nodes) == 4 and len(s.endings) == 3
    assert s.decision_count == 3 and s.resident_ids == ("ineke", "bert")


def test_object_tags_are_refused_and_never_executed(write_scenario, tmp_path):
    marker = tmp_path / "pwned"
    text = MINIMAL.replace("id: mini", f"id: !!python/object/apply:os.system ['touch {marker}']")
    with pytest.raises(ScenarioError) as err:
        load_scenario(write_scenario(text))
    assert "not allowed" in str(err.value)
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly_without_expanding():
    levels = ["a: &a [" + ",".join(["lol"] * 10) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    bomb = "\n".join(levels)  # would expand to 10^9 strings
    start = time.process_time()
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(bomb, "bomb.yaml")
    assert "alias" in str(err.value)
    assert time.process_time() - start < 5  # generous: the real budget is in bench/


def test_small_aliases_are_fine(write_scenario):
    line = '    text: {nl: "Wanneer begint het?", en: "When does it start?"}\n'
    assert line in MINIMAL
    text = MINIMAL.replace(line, '    text: &vraag {nl: "Wanneer begint het?", en: "When does it start?"}\n', 1)
    text = text.replace('    text: {nl: "En de overlast?", en: "And the nuisance?"}\n', "    text: *vraag\n", 1)
    scenario = load_scenario(write_scenario(text))
    assert scenario.nodes["midden"].text.get("nl") == "Wanneer begint het?"  # the alias was followed


def test_recursive_alias_is_refused():
    with pytest.raises(ScenarioError, match="recursive alias"):
        load_scenario_text("a: &a [*a]\n", "rec.yaml")


def test_deep_nesting_is_refused():
    with pytest.raises(ScenarioError, match="nested more than"):
        load_scenario_text("x: " + "[" * 60 + "]" * 60, "deep.yaml")


def test_oversized_file_is_refused_before_parsing(write_scenario, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ScenarioError, match="at most"):
        load_scenario(write_scenario(MINIMAL))


def test_missing_file_directory_empty_and_binary_files(tmp_path):
    cases = {
        tmp_path / "nope.yaml": "file not found",
        tmp_path: "is a directory",
    }
    (tmp_path / "empty.yaml").write_text("")
    cases[tmp_path / "empty.yaml"] = "file is empty"
    (tmp_path / "latin1.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    cases[tmp_path / "latin1.yaml"] = "not valid UTF-8"
    for path, message in cases.items():
        with pytest.raises(ScenarioError) as err:
            load_scenario(str(path))
        line = str(err.value)
        assert message in line and line.startswith(str(path)) and "\n" not in line


def test_unknown_key_suggests_the_intended_one(write_scenario):
    text = MINIMAL.replace("        balcony: true", "        balkony: true")
    messages = [p.message for p in validate_path(write_scenario(text))]
    assert any("unknown key 'balkony'" in m and "did you mean 'balcony'" in m for m in messages)


def test_plain_string_texts_use_the_scenario_language(write_scenario):
    text = MINIMAL.replace("title: {nl: Mini, en: Mini}", "title: Klein")
    s = load_scenario(write_scenario(text))
    assert s.title.get("nl") == "Klein" and s.title.get("en") == "Klein"


def test_unsupported_format_version(write_scenario):
    with pytest.raises(ScenarioError, match="format 2 is not supported"):
        load_scenario(write_scenario(MINIMAL.replace("format: 1", "format: 2")))


@pytest.mark.parametrize("text, words", [
    ("format: 1\nid: x\n  title: [bad\n", "check its indentation"),
    ('format: 1\nid: x\ntitle: "open\n', "opened but never closed"),
    ("format: 1\nid: x\n\ttitle: y\n", "YAML indents with spaces only"),
    ("format: 1\nid: x\nlist:\n  - a\n  - b\n\t- c\n", "YAML indents with spaces only"),
    ("format: 1\nid: x\nlist:\n  - a\n  b: c\n", "doesn't start with '- ' where the list's items do"),
    ("format: 1\nid: x\ntitle: @home\n", "put the text in quotes"),
    ("format: 1\nid: x\nlist: " + "[" * 2000 + "\n", "nested far too deep"),
])
def test_yaml_syntax_errors_are_said_in_plain_words_with_line_and_column(text, words):
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "kapot.yaml")
    message = str(err.value)
    assert words in message and "(YAML: " in message and "kapot.yaml:" in message


def test_an_unclosed_quote_is_named_where_it_opens_not_at_the_end_of_the_file():
    text = MINIMAL + 'notes: "an opening quote\n' + "".join(f"  more words {i}\n" for i in range(30))
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "quote.yaml")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if 'notes: "an' in row)
    [problem] = err.value.problems
    assert problem.line == line and "opened but never closed" in problem.message


def test_a_quote_left_open_that_runs_into_the_next_lines_is_named_where_it_opens():
    """A closing quote forgotten at the end of a line: YAML reads on to the next quote, lines
    further on, and stumbles there; the author has to fix the line where the quote opened."""
    from tests.test_line_loops import HEAD, TAIL
    lines = (HEAD + TAIL).splitlines()
    at = next(i for i, row in enumerate(lines) if row.strip() == 'text: "Hallo."')
    lines[at] = lines[at].rstrip()[:-1]  # the closing quote forgotten
    text = "\n".join(lines) + "\n"
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "quote.yaml")
    [problem] = err.value.problems
    assert problem.line == at + 1 and problem.column == lines[at].index('"') + 1
    assert "has no closing quote on its line" in problem.message


def test_a_condition_on_a_variables_dutch_label_suggests_its_key():
    text = MINIMAL.replace("ineke.anger >= 8", "ineke.boosheid >= 8", 1)
    with pytest.raises(ScenarioError, match=r"did you mean ineke\.anger\?"):
        load_scenario_text(text, "nl.yaml")


def test_a_typo_of_a_variables_key_is_called_a_typo_not_its_label():
    """'angr' is a slip of the key 'anger', though it also nearly spells the label 'Anger'."""
    text = MINIMAL.replace("ineke.anger >= 8", "ineke.angr >= 8", 1)
    assert text != MINIMAL
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "typo.yaml")
    assert "mood variable 'angr' is not defined (did you mean 'ineke.anger'?)" in str(err.value)
    assert "label" not in str(err.value)


@pytest.mark.parametrize("written, wrong", [
    ("effects:\n          ineke: {trust: 2}\n          brt: {anger: -1}", "effects name 'brt'"),
    ("effects:\n          ineke: {trust: 2}\n          bert:\n            anger: -1\n            trsut: 1",
     "mood variable 'trsut'"),
])
def test_a_wrong_resident_or_variable_in_effects_is_named_at_its_own_line(written, wrong):
    """Not at the first resident of the effects: a trainer looks for the typo where it is."""
    text = MINIMAL.replace("effects: {ineke: {trust: 2}, bert: {anger: -1}}", written, 1)
    assert text != MINIMAL
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "effects.yaml")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if wrong.split("'")[1] + ":" in row)
    assert [p.line for p in err.value.problems if wrong in p.message] == [line]


def test_an_effect_on_a_variables_dutch_label_suggests_its_key():
    text = MINIMAL.replace("effects: {all: {anger: 2}}", "effects: {all: {boosheid: 2}}", 1)
    assert text != MINIMAL
    with pytest.raises(ScenarioError, match=r"mood variable 'boosheid' is not defined \(did you mean 'anger'\? "
                                            r"'boosheid' is its label; effects use the key\)"):
        load_scenario_text(text, "nl.yaml")


@pytest.mark.parametrize("written, meant", [("of", "or"), ("en", "and"), ("niet", "not")])
def test_a_condition_with_a_dutch_word_suggests_the_english_one(written, meant):
    cond = {"of": "ineke.anger >= 8 of flag.x", "en": "ineke.anger >= 8 en flag.x", "niet": "niet ineke.anger >= 8"}
    text = MINIMAL.replace('"ineke.anger >= 8"', f'"{cond[written]}"', 1)
    assert text != MINIMAL
    with pytest.raises(ScenarioError, match=rf"unexpected '{written}' \(did you mean '{meant}'\? conditions use the "
                                            r"English words and, or, not\)"):
        load_scenario_text(text, "nl.yaml")


@pytest.mark.parametrize("written, shown, meant", [
    ("ineke.anger = 8", "=", "=="), ("ineke.anger => 8", "=>", ">="), ("ineke.anger >= 8 && flag.x", "&&", "and"),
    ("ineke.anger >= 8 || flag.x", "||", "or"), ("!flag.x", "!", "not"), ("ineke.anger >= 8 AND flag.x", "AND", "and"),
    ("Not flag.x", "Not", "not")])
def test_a_condition_written_as_in_other_notations_suggests_what_is_meant(written, shown, meant):
    """'henk.anger = 9', '&&' and 'AND' only said "unexpected character '='"."""
    text = MINIMAL.replace('"ineke.anger >= 8"', f'"{written}"', 1)
    assert text != MINIMAL
    expected = rf"unexpected (character )?'{re.escape(shown)}' \(did you mean '{meant}'\?"
    with pytest.raises(ScenarioError, match=expected):
        load_scenario_text(text, "nl.yaml")


def test_an_unquoted_comma_in_a_text_says_to_quote_it_in_one_line():
    """'{nl: Een klein gesprek, met koffie., en: ...}' said "unknown key 'met koffie.'", which never
    told the trainer that quotes were missing."""
    text = MINIMAL.replace("summary: {nl: Een klein gesprek., en: A small talk.}",
                           "summary: {nl: Een klein gesprek, met koffie., en: A small talk, with coffee.}", 1)
    assert text != MINIMAL
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "komma.yaml")
    [problem] = err.value.problems
    assert text.splitlines()[problem.line - 1].startswith("summary:")
    assert "'met koffie.' came out as a key of its own): put each text in quotes" in problem.message


def test_a_mood_variable_defined_wrongly_is_one_error_not_one_per_resident():
    """Its maximum out of range: said once, at the definition; the residents that give it a
    starting value are not told again that the variable doesn't exist."""
    from tests.test_line_loops import HEAD, TAIL
    text = HEAD.replace("start: opening", "mood_variables:\n  trust: {label: {nl: Vertrouwen, en: Trust}, "
                        "min: 0, max: 1000000000}\n  anger: {label: {nl: Boosheid, en: Anger}}\nstart: opening")
    text = text.replace("mood: {anger: 1}", "mood: {anger: 1, trust: 4}") + TAIL
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(text, "max.yaml")
    [problem] = err.value.problems
    assert "max is 1000000000" in problem.message


def test_a_whole_number_written_as_something_else_is_quoted_back():
    from tests.test_line_loops import HEAD, TAIL
    with pytest.raises(ScenarioError) as err:
        load_scenario_text(HEAD.replace("title: \"Lus\"", "title: \"Lus\"\nminutes: 1e400") + TAIL, "min.yaml")
    assert "minutes should be a whole number, not the text '1e400'" in str(err.value)


def test_a_condition_on_a_resident_being_away_who_never_leaves_is_a_warning():
    """'not away.ria' for a resident no line makes leave is always true: it passed without a word."""
    from engine.scenario.loader import parse_scenario
    text = MINIMAL.replace('"ineke.anger >= 8"', '"ineke.anger >= 8 and not away.ineke"', 1)
    assert text != MINIMAL
    scenario, problems = parse_scenario(text, "weg.yaml")
    assert scenario is not None
    [warning] = [p for p in problems if "away" in p.message]
    assert warning.severity == "warning" and "no line makes 'ineke' leave" in warning.message
    assert "away.ineke" in text.splitlines()[warning.line - 1]
