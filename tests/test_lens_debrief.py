"""The debrief's lens (moves tagged persuasion, awareness1..3) and the room's reactions, in every
debrief form: made and left moves per decision and per tag, never in a score; shown when the
scenario tags moves and not at all otherwise; the exports say the same and round-trip."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Session, load_scenario_text
from engine.debrief.review import review
from simulator.export.html import render_html
from simulator.export.json_data import debrief_data, to_json
from simulator.export.markdown import render_md
from simulator.i18n import tr
from simulator.terminal import debrief as textdebrief
from simulator.terminal.player import TextPlayer
from tests.media import MEDIA, REACTION_NL, UNTAGGED
from tests.test_export import documented_keys


def played(text: str, moves: list[str], timeout_first: bool = False):
    """A session through ``moves`` (a preparation answer first), and its review."""
    scenario = load_scenario_text(text, "media.yaml")
    session = Session.start(scenario, seed=5)
    session.answer(moves[0])
    for i, move in enumerate(moves[1:]):
        while session.can_continue:
            session.advance()
        if session.finished:
            break
        if timeout_first and i == 0:
            session.take_timeout()
        session.choose(move)
    while session.can_continue:
        session.advance()
    return scenario, session, review(scenario, session.history, session.state.ending,
                                     transcript=session.state.transcript)


def test_a_tagged_move_made_is_listed_per_decision_and_per_tag():
    _, _, r = played(MEDIA, ["veilig", "luisteren", "herkaderen", "samen"])
    assert [lr.tag for lr in r.lens] == ["persuasion", "awareness2"]  # the tags the scenario uses, in order
    assert all(lr.made == (1,) and lr.missed == () for lr in r.lens)
    assert r.decisions[1].lens == ("persuasion", "awareness2") and r.decisions[1].lens_missed == ()
    assert all(d.lens == () and d.lens_missed == () for i, d in enumerate(r.decisions) if i != 1)


def test_a_tagged_option_left_is_a_miss_once_per_tag_naming_the_option():
    _, _, r = played(MEDIA, ["veilig", "kaders", "herkaderen", "later"])
    d = r.decisions[1]
    assert d.lens == ()
    assert [(o.tag, o.choice_id, o.text.get("nl")) for o in d.lens_missed] == [
        ("persuasion", "luisteren", "Vertel eens."), ("awareness2", "luisteren", "Vertel eens.")]
    assert all(lr.made == () and lr.missed == (1,) for lr in r.lens)


def test_a_time_out_offers_nothing_the_choice_after_it_counts():
    _, session, r = played(MEDIA, ["veilig", "luisteren", "herkaderen", "samen"], timeout_first=True)
    assert [d.decision.kind for d in r.decisions][:3] == ["prep", "timeout", "meeting"]
    assert r.decisions[1].lens == () and r.decisions[1].lens_missed == ()
    assert all(lr.made == (2,) and lr.missed == () for lr in r.lens)


def test_no_lens_at_all_where_the_scenario_tags_no_move():
    _, _, r = played(UNTAGGED, ["veilig", "kaders", "herkaderen", "later"])
    assert r.lens == ()
    assert all(d.lens == () and d.lens_missed == () for d in r.decisions)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["luisteren", "kaders", "dreigen", "herkaderen", "uitleggen", "pauze", "samen",
                                 "later"]), min_size=3, max_size=3), st.sampled_from(["veilig", "groot"]))
def test_the_lens_is_never_in_a_score(moves, prep):
    """Any route scores the same with or without the lens tags: totals, best achievable, verdicts."""
    routes = []
    for text in (MEDIA, UNTAGGED):
        scenario = load_scenario_text(text, "media.yaml")
        session = Session.start(scenario, seed=1)
        session.answer(prep)
        for move in moves:
            while session.can_continue:
                session.advance()
            if session.finished:
                break
            offered = [c.id for c in session.choices]
            session.choose(move if move in offered else sorted(offered)[0])
        r = review(scenario, session.history, session.state.ending, transcript=session.state.transcript)
        routes.append((dict(r.totals), r.best_overall, r.worst_overall, [d.verdict for d in r.decisions],
                       [d.decision.choice_id for d in r.decisions], r.strongest, r.weakest))
    assert routes[0] == routes[1]


def test_the_room_reaction_goes_with_the_decision_it_followed():
    scenario, session, r = played(MEDIA, ["veilig", "kaders", "herkaderen", "later"])
    d = r.decisions[1]
    assert d.reactions == (0, 1)  # Bert's outburst unsettles Ineke; her anger then costs Bert's trust
    assert d.room_mood == session.history[2].mood_before
    assert d.room_mood["ineke"] == {"trust": 4, "anger": 7} and d.room_mood["bert"]["trust"] == 1
    assert all(x.reactions == () and x.room_mood is None for i, x in enumerate(r.decisions) if i != 1)


def test_a_reaction_right_before_the_ending_is_kept_with_its_effects():
    """'dreigen' angers Bert to the top: the room reacts, then the trigger ends the meeting."""
    _, session, r = played(MEDIA, ["veilig", "dreigen"])
    assert session.ending.id == "weggelopen"
    d = r.decisions[-1]
    assert d.reactions == (0,)
    after = d.decision.mood_after["ineke"]
    assert d.room_mood["ineke"] == {"trust": after["trust"] - 1, "anger": after["anger"] + 2}


def terminal_debrief(text: str, moves: str, lang: str = "nl") -> str:
    scenario = load_scenario_text(text, "media.yaml")
    out = io.StringIO()
    TextPlayer(scenario, lang, out, io.StringIO(moves), show_mood=False, seed=3).play()
    printed = out.getvalue()
    return printed[printed.index(tr("debrief", lang) + ": "):]


def test_the_terminal_debrief_shows_the_lens_beside_the_dimensions():
    out = terminal_debrief(MEDIA, "veilig\nkaders\nherkaderen\nlater\n")
    lens = out.index("-- Lens: overtuigingskracht en omgevingsbewustzijn --")
    assert out.index("-- Per dimensie, op een schaal van 1 tot 5 --") < lens < out.index("-- Tips --")
    section = out[lens:out.index("-- Tips --")]
    assert "Overtuigingskracht (Met de juiste argumenten" in section
    assert "Omgevingsbewustzijn niveau 2 (Actief gebruikmaken van je kennis" in section
    assert section.count("laten liggen bij beslissing 2") == 2 and "tellen niet mee in een score" in section
    decision = " ".join(out[out.index(" 2. [Bijeenkomst]"):out.index(" 3. [Bijeenkomst]")].split())
    assert "Lens: Hier lag ook een zet van overtuigingskracht, omgevingsbewustzijn niveau 2: Vertel eens." in decision
    assert "Daarna reageerde de groep:" in decision and REACTION_NL in decision
    english = " ".join(terminal_debrief(MEDIA, "veilig\nluisteren\nherkaderen\nsamen\n", "en").split())
    assert "-- Lens: persuasiveness and environmental awareness --" in english
    assert "Lens: This move is an example of: persuasiveness, environmental awareness (level 2)" in english
    assert "made at decision 2" in english


def test_the_terminal_debrief_has_no_lens_where_nothing_is_tagged():
    out = terminal_debrief(UNTAGGED, "veilig\nkaders\nherkaderen\nlater\n")
    assert "Lens" not in out and tr("lens_legend", "nl")[:30] not in out
    assert "Daarna reageerde de groep:" in out  # the room still reacted


@pytest.fixture
def tagged_data():
    _, _, r = played(MEDIA, ["veilig", "kaders", "herkaderen", "later"])
    return r, debrief_data(r, "nl")


def test_json_carries_the_lens_and_the_room_as_documented(tagged_data):
    r, data = tagged_data
    doc = documented_keys()
    assert [lens["tag"] for lens in data["lens"]] == ["persuasion", "awareness2"]
    assert set(data["lens"][0]) == doc["lens[]"]
    assert data["lens"][0]["made"] == [] and data["lens"][0]["missed"] == [2]  # 1-based steps
    step2 = data["decisions"][1]
    assert set(step2) == doc["decisions[]"] and set(step2["lens"]) == doc["decision lens"]
    left = {"choice": "luisteren", "text": "Vertel eens."}
    assert step2["lens"] == {"made": [], "missed": [{"tag": "persuasion", **left}, {"tag": "awareness2", **left}]}
    assert set(step2["room"]) == doc["room"]
    assert step2["room"]["reactions"] == [{"index": 0, "text": REACTION_NL}, {"index": 1, "text": None}]
    assert step2["room"]["mood_after"] == {k: dict(v) for k, v in r.decisions[1].room_mood.items()}
    assert [d["room"] for i, d in enumerate(data["decisions"]) if i != 1] == [None] * 3
    assert data["version"] == 2  # added keys, same version


def test_json_has_no_lens_where_nothing_is_tagged():
    _, _, r = played(UNTAGGED, ["veilig", "kaders", "herkaderen", "later"])
    data = debrief_data(r, "en")
    assert data["lens"] is None and all(d["lens"] is None for d in data["decisions"])
    assert data["decisions"][1]["room"]["reactions"][0]["text"] == "Ineke shifts uneasily in her chair."
    md, html = render_md(data), render_html(data)
    assert tr("lens_title", "en") not in md and tr("lens_title", "en") not in html
    assert "Lens:" not in md and "Lens:" not in html
    assert "Then the room reacted" in md and "Then the room reacted" in html


def test_markdown_and_html_show_the_lens_and_the_room(tagged_data):
    _, data = tagged_data
    md, html = render_md(data), render_html(data)
    for text in (md, html):
        assert tr("lens_title", "nl") in text and "laten liggen bij beslissing 2" in text
        assert "Hier lag ook een zet van overtuigingskracht, omgevingsbewustzijn niveau 2" in text
        assert "Daarna reageerde de groep" in text and REACTION_NL in text
        assert "boosheid van 5 naar 7 (+2)" in text  # what the reaction did to Ineke
    assert md.index("## Per dimensie") < md.index("## " + tr("lens_title", "nl")) < md.index("## Tips")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_exports_round_trip(lang):
    """Written as JSON and read back, the data lays out the same Markdown and HTML."""
    _, _, r = played(MEDIA, ["veilig", "kaders", "herkaderen", "later"])
    data = debrief_data(r, lang)
    again = json.loads(to_json(data))
    assert again == json.loads(json.dumps(data))
    assert render_md(again) == render_md(data) and render_html(again) == render_html(data)
    assert again["lens"][1]["missed"] == [i + 1 for i in r.lens[1].missed]


def test_textdebrief_render_alone_shows_the_lens_only_when_tagged():
    names = {"ineke": "Ineke Bakker", "bert": "Bert Veenstra"}
    _, _, tagged = played(MEDIA, ["veilig", "luisteren", "herkaderen", "samen"])
    _, _, untagged = played(UNTAGGED, ["veilig", "luisteren", "herkaderen", "samen"])
    assert any(line.startswith("-- Lens") for line in textdebrief.render(tagged, "nl", names))
    assert not any("Lens" in line for line in textdebrief.render(untagged, "nl", names))
