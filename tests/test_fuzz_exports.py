"""Fuzzing the output channels: whatever a scenario or trainee writes, no export or terminal obeys it.

``bench.fuzz_contract.check_text_channels`` states the contract for one piece of text (the
terminal gets no control or escape sequence, a spreadsheet no formula, Markdown no markup);
here hypothesis throws text at it, and at whole exports: a played session whose scenario
texts, trainee name and Plus/Delta answers are drawn by hypothesis goes through the
Markdown, HTML, JSON and CSV exports and the terminal debrief, and none may carry the
text's markup through. ``bench/fuzz_atheris.py --target exports`` is the coverage-guided,
long-running version.
"""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_contract import check_text_channels
from engine import Session, load_scenario_text
from engine.debrief.selfrating import SelfRating
from simulator.debriefing import session_review
from simulator.export.html import render_html
from simulator.export.json_data import debrief_data, to_json
from simulator.export.markdown import render_md
from simulator.safetext import GuardedStream
from simulator.terminal.debrief import render as render_terminal
from tests.crafted import MINIMAL

HOSTILE = ["\x1b]0;x\x07", "\x1b[2J", "\x9b1m", "\u202e", "\u2066", "[a](javascript:b)", "<img src=x>", "<b>",
           "=HYPERLINK()", "+1", "-x", "@SUM", "# h", "- l", "1. o", "|", "`c`", "**b**", "_i_", "&amp;", "\r", "\t",
           "\x00", "ë", "é", "’", "🙂", "\\", "\n", "~~s~~", "![i](x)"]
any_text = st.one_of(st.text(max_size=60),
                     st.lists(st.sampled_from(HOSTILE + ["a", " ", "b"]), max_size=12).map("".join))
# Scenario texts can't hold control characters (the loader refuses them); markup they can.
scenario_text = st.lists(st.sampled_from([h for h in HOSTILE if not re.search(r"[\x00-\x1f\x7f-\x9f]", h)]
                                         + ["a", " ", "Ineke"]), min_size=1, max_size=8).map("".join) \
    .filter(lambda t: t.strip())


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(any_text)
def test_one_text_through_every_channel(text):
    check_text_channels(text)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=scenario_text, line=scenario_text, choice=scenario_text, trainee=any_text, plus=any_text,
       delta=any_text)
def test_whole_exports_never_carry_markup_through(title, line, choice, trainee, plus, delta):
    source = (MINIMAL.replace("title: {nl: Mini, en: Mini}", f"title: {{nl: {_yaml(title)}, en: Mini}}", 1)
              .replace('text: {nl: "Wanneer begint het?"', f"text: {{nl: {_yaml(line)}", 1)
              .replace("text: {nl: Vertel eens.,", f"text: {{nl: {_yaml(choice)},", 1))
    scenario = load_scenario_text(source, "fuzz.yaml")
    session = Session.start(scenario)
    session.answer("veilig")
    session.choose("luisteren")
    session.choose("herkaderen")
    session.advance()
    session.choose("samen")
    review = session_review(session)
    rating = SelfRating(scores={"step1": 3}, plus=plus, delta=delta, at=1.0)
    data = debrief_data(review, "nl", None, None, rating, None)
    data["session"] = {"id": 1, "trainee": trainee, "started_at": None, "updated_at": None, "finished": True,
                       "language": "nl", "parent_id": None, "branch_step": None}
    md = render_md(data)
    for hostile in (title, line, choice, trainee, plus, delta):
        for bad in ("](javascript:", "<img", "<b>", "\x1b", "\u202e"):
            if bad in hostile:
                assert not re.search(r"(?<!\\)" + re.escape(bad), md), (bad, md)
    page = render_html(data)
    if any("<img src=x>" in hostile for hostile in (title, line, choice, trainee, plus, delta)):
        assert "<img src=x>" not in page and html.escape("<img src=x>") in page  # escaped, never a tag
    assert json.loads(to_json(data))["self_rating"]["plus"] in (plus or None, plus)
    out = io.StringIO()
    guarded = GuardedStream(out)
    names = {r.id: r.name for r in scenario.residents}
    for text_line in render_terminal(review, "nl", names, None, rating, None, None):
        guarded.write(text_line + "\n")
    assert not re.search("[\x1b\x9b\x9d\x07\u202e\u2066]", out.getvalue())
    session.close()
