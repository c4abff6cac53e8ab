"""Problems in the trainer's language: every message the engine reports has an English and a
Dutch template, a problem renders in either with its ``path:line:col`` intact, and the English
rendering is exactly what ``str(problem)`` always printed.
"""

from __future__ import annotations

import copy
import pickle
import re
import string
from pathlib import Path

import pytest

from engine import ScenarioError, load_scenario_text
from engine.scenario.errors import Problem
from engine.scenario.messages import CATALOGUE, Message, msg, render, where_field, where_key
from simulator.cli.validate import validate_path
from tests.crafted import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
INVALID = sorted((Path(__file__).parent / "scenarios" / "invalid").glob("*.yaml"))
# Words a Dutch sentence never needs; in a Dutch rendering they mean an English sentence slipped through.
ENGLISH = (" the ", " has ", " have ", " must ", " should ", " not ", " which ", " with ", " can't ", " never ",
           " and ", " or ", " is not ", " does ", " only ", " there ", " no ", " a ", " an ", " of the ",
           " did you mean ", "warning:")
# Quoted names (ids, keys, values the author wrote) and PyYAML's own words are quotes, in any language.
PARSER_WORDS = re.compile(r"\(YAML: .*\)$", re.IGNORECASE)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\{[^{}]*\}")


def fields(template: str) -> set[tuple[str, str]]:
    """(field name, conversion) pairs of a ``str.format`` template, those nested in a format spec
    too (``{share:.{digits}%}``)."""
    out: set[tuple[str, str]] = set()
    for _, name, spec, conv in string.Formatter().parse(template):
        if name is not None:
            out.add((name, conv or ""))
            if spec:
                out |= fields(spec)
    return out


def english_left(text: str) -> list[str]:
    bare = " " + QUOTED.sub(" ", PARSER_WORDS.sub(" ", text.lower())) + " "
    return [w for w in ENGLISH if w in bare]


# -- the catalogue itself -------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_english_and_dutch_with_the_same_parameters(key):
    entry = CATALOGUE[key]
    assert set(entry) == {"en", "nl"}, f"{key}: languages {sorted(entry)}"
    assert fields(entry["en"]) == fields(entry["nl"]), f"{key}: parameters differ"
    assert entry["nl"] != entry["en"] or not english_left(entry["en"]), f"{key}: Dutch is a copy of the English"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_no_dutch_template_has_english_words_outside_quotes(key):
    # Each parameter filled with a neutral placeholder: only the template's own words are looked at.
    dummy = {name: 7 if name in ("share", "limit", "code") else 0 if name == "digits" else "X"
             for name, _ in fields(CATALOGUE[key]["nl"])}
    text = render(key, dummy, "nl")
    assert not english_left(text), f"{key}: {text!r}"


def test_every_key_the_engine_uses_is_in_the_catalogue_and_every_entry_is_used():
    files = [p for folder in ("engine", "simulator") for p in (ROOT / folder).rglob("*.py") if p.name != "messages.py"]
    helpers = (ROOT / "engine" / "scenario" / "messages.py").read_text(encoding="utf-8").split("class Message")[1]
    source = "\n".join([p.read_text(encoding="utf-8") for p in files] + [helpers])
    used = set(re.findall(r"""["']([a-z]+\.[a-z0-9_]+)["']""", source)) & set(CATALOGUE)
    called = set(re.findall(r"""msg\(\s*["']([a-z_.]+)["']""", source))
    assert called <= set(CATALOGUE), f"keys without a catalogue entry: {sorted(called - set(CATALOGUE))}"
    unused = set(CATALOGUE) - used - {k for k in CATALOGUE if k.startswith("severity.")}
    assert not unused, f"catalogue entries nothing uses: {sorted(unused)}"


# -- problems from real files -------------------------------------------------------------------
def problems_of(path: str) -> list[Problem]:
    return validate_path(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_fixture_reads_in_dutch_with_its_position(path):
    problems = problems_of(str(path))
    assert problems
    for p in problems:
        assert p.key, f"not from the catalogue: {p}"
        assert p.render("en") == str(p)
        dutch = p.render("nl")
        assert dutch.startswith(f"{p.path}:{p.line}:{p.column}: ")
        assert dutch != str(p)
        message = dutch[len(f"{p.path}:{p.line}:{p.column}: "):]
        if p.severity == "warning":
            assert message.startswith("waarschuwing: ")
        assert not english_left(message), f"English left in {dutch!r}"


def test_a_crafted_scenario_with_many_smells_reads_in_dutch(write_scenario):
    broken = (MINIMAL.replace("summary:", "sumary:").replace("next: uitgesteld", "next: nergens")
              .replace("score: {step4: 2}", "score: {step4: 5}"))
    for text in (MINIMAL, broken):
        problems = problems_of(write_scenario(text))
        assert problems
        for p in problems:
            assert p.render("en") == str(p)
            assert not english_left(p.text("nl")), p.render("nl")


def test_a_did_you_mean_hint_is_dutch_too():
    problems = problems_of(str(next(p for p in INVALID if p.stem == "Keys-NoUnknownKeys")))
    dutch = [p.render("nl") for p in problems]
    assert any(line.endswith("onbekende sleutel 'sumary' in het scenario (bedoelde je 'summary'?)") for line in dutch)


def test_a_nested_where_fragment_renders_in_the_same_language():
    problems = problems_of(str(next(p for p in INVALID if p.stem == "Types-MoodWithinRange")))
    p = next(p for p in problems if p.key == "reader.out_of_range")
    assert isinstance(p.params["where"], Message)
    assert str(p).endswith("resident 'bert' anger is 16; it should be between 0 and 10")
    assert p.render("nl").endswith("'anger' van bewoner 'bert' is 16; dat moet tussen 0 en 10 liggen")


def test_yaml_syntax_errors_are_dutch_and_keep_the_parsers_own_words_as_a_quote():
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("title: {nl: x\nsummary: y\n", "x.yaml")
    dutch = info.value.render("nl")
    assert dutch.startswith("x.yaml:")
    assert "ongeldige YAML: " in dutch and "(YAML: " in dutch
    assert info.value.render("en") == str(info.value)


def test_condition_syntax_errors_are_dutch(write_scenario):
    text = MINIMAL.replace("next: uitgesteld", "next: uitgesteld\n        when: \"ineke.trust >= \"", 1)
    problems = problems_of(write_scenario(text))
    cond = [p for p in problems if p.key == "reader.condition"]
    assert cond, [str(p) for p in problems]
    assert cond[0].render("nl").endswith("'when': de voorwaarde houdt te vroeg op")


# -- the Problem API -------------------------------------------------------------------------------
def test_an_unknown_language_falls_back_to_english():
    p = Problem("f.yaml", 3, 4, msg("reader.empty_string", where=where_field(msg("where.node", name="n"), "text")),
                "warning")
    assert p.render("fr") == str(p) == "f.yaml:3:4: warning: node 'n' text is empty"
    assert p.render("nl") == "f.yaml:3:4: waarschuwing: 'text' van knoop 'n' is leeg"


def test_a_problem_made_from_a_plain_string_keeps_its_words_and_translates_the_prefix():
    p = Problem("f.yaml", 1, 1, "something  odd\nhere", "warning")
    assert p.key == "" and p.message == "something odd here"
    assert p.render("en") == str(p)
    assert p.render("nl") == "f.yaml:1:1: waarschuwing: something odd here"


def test_a_problem_compares_by_its_text_alone_and_survives_copy_and_pickle():
    made = Problem("f.yaml", 2, 1, msg("reader.missing_key", where=where_key("setting"), key="meeting"))
    plain = Problem("f.yaml", 2, 1, "setting is missing required key 'meeting'")
    assert made == plain and hash(made) == hash(plain) and made.message == plain.message
    for twin in (copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert twin == made and twin.render("nl") == made.render("nl")
        assert twin.render("nl") == "f.yaml:2:1: in 'setting' ontbreekt de verplichte sleutel 'meeting'"


def test_a_message_is_the_english_string_wherever_a_string_went():
    m = msg("hint.did_you_mean", word="summary")
    assert m == " (did you mean 'summary'?)" and isinstance(m, str)
    assert f"unknown key{m}" == "unknown key (did you mean 'summary'?)"
    assert m.render("nl") == " (bedoelde je 'summary'?)"
    assert pickle.loads(pickle.dumps(m)).render("nl") == m.render("nl")


def test_scenario_error_renders_every_problem():
    err = ScenarioError([Problem("a.yaml", 2, 1, msg("file.empty")), Problem("a.yaml", 1, 1, msg("file.not_found"))])
    assert err.render("en") == str(err)
    assert err.render("nl").splitlines() == ["a.yaml:1:1: bestand niet gevonden",
                                             "a.yaml:2:1: het bestand is leeg; een scenario is een YAML-mapping"]
