"""One decision as the debrief shows it: situation, choice, feedback, mood, the better move.

Shared by the decision pages and the side-by-side paths page, so a choice reads the same
in both: verdict words and colours, a preparation answer as right or wrong, the mood
change in words ("trust from 5 to 7", never an arrow the font can't draw). A choice says
where the trainee saw it ("je zag hem als optie 3 van 4": the order is shuffled per
session) and, in own-words mode, stands beside what they typed first; a time-out is a
move of its own (not judged); a provocation answered without one is explained. Where the
scenario tags moves, the lens says what this move was an example of and which tagged option
was left (``textdebrief_lens``); where the room reacted right after the move, its reaction and
what it did to the mood follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from engine.debrief.review import DecisionReview, Review
from simulator.a11y.marks import marked
from simulator.debrief_words import missed_provocation, missed_word, shown_as
from simulator.terminal.debrief_lens import decision_lens_pairs, mood_changes, reaction_text
from simulator.window.scenes.common import esc, heading_html, muted
from simulator.window.theme import GOOD_TEXT, POOR_TEXT, VERDICT_COLOURS, hex_of

if TYPE_CHECKING:
    from simulator.window.scene import Scene

VERDICT_HEX = {key: hex_of(rgb) for key, rgb in VERDICT_COLOURS.items()}  # standard; text boxes show the active palette


def prep_answer(review: Optional[Review], d: DecisionReview):
    if not d.is_prep or review is None or review.prep is None:
        return None
    return next((a for a in review.prep.answers if a.question_id == d.decision.node_id), None)


def verdict_key(review: Optional[Review], d: DecisionReview) -> Optional[str]:
    """The colour of a decision: a preparation answer is right or wrong, a choice has a verdict."""
    answer = prep_answer(review, d)
    if answer is not None:
        return "best" if answer.correct else "mistake"
    return d.verdict


def verdict_text(scene: "Scene", review: Optional[Review], d: DecisionReview) -> str:
    """The verdict in words, after its mark (``marks``): the colour is never the only sign."""
    return marked(verdict_key(review, d), _verdict_words(scene, review, d))


def _verdict_words(scene: "Scene", review: Optional[Review], d: DecisionReview) -> str:
    answer = prep_answer(review, d)
    if answer is not None:
        return scene.tr("answer_correct" if answer.correct else "answer_wrong")
    if d.is_timeout:
        return scene.tr("verdict_timeout")
    parts = []
    if d.verdict:
        parts.append(scene.tr(f"verdict_{d.verdict}"))
    if d.missed_opportunity:
        parts.append(missed_word(d.missed_reason, scene.lang))
    return " · ".join(parts) if parts else scene.tr("not_judged")


def verdict_html(scene: "Scene", review: Optional[Review], d: DecisionReview) -> str:
    colour = VERDICT_HEX[verdict_key(review, d)]
    return f"<font color='{colour}'><b>{esc(verdict_text(scene, review, d))}</b></font>"


def mood_html(scene: "Scene", d: DecisionReview) -> str:
    """How each resident's mood moved with this choice, in words, coloured better or worse."""
    s = scene.play.scenario  # type: ignore[attr-defined]
    lines = []
    for r in s.residents:
        before, after = d.decision.mood_before.get(r.id, {}), d.decision.mood_after.get(r.id, {})
        changes = []
        for key, var in s.mood_variables.items():
            b, a = before.get(key), after.get(key)
            if b is None or a is None or a == b:
                continue
            better = (a > b) == (var.good == "high")
            colour = hex_of(GOOD_TEXT if better else POOR_TEXT)
            change = scene.tr("mood_from_to", label=var.label.get(scene.lang).lower(), before=b, after=a)
            changes.append(f"{esc(change)} <font color='{colour}'><b>({a - b:+d})</b></font>")
        if changes:
            lines.append(f"{esc(r.name)}: " + ", ".join(changes))
    return "<br>".join(lines) if lines else muted(esc(scene.tr("no_mood_change")))


def situation_html(scene: "Scene", d: DecisionReview) -> str:
    names = {r.id: r.name for r in scene.play.scenario.residents}  # type: ignore[attr-defined]
    who = names.get(d.speaker, "") if d.speaker else ""
    prompt = d.prompt.get(scene.lang)
    return f"<b>{esc(who)}:</b> “{esc(prompt)}”" if who else esc(prompt)


def decision_html(scene: "Scene", review: Optional[Review], d: DecisionReview) -> str:
    """The whole decision page: situation, choice, feedback, mood, the better move, the other side."""
    L = scene.lang
    names = {r.id: r.name for r in scene.play.scenario.residents}  # type: ignore[attr-defined]
    parts = []
    who = names.get(d.speaker, "") if d.speaker else ""
    label = scene.tr("the_question") if d.is_prep else scene.tr("the_situation")
    parts.append(heading_html(scene, label) + "<br>" + situation_html(scene, d))
    if d.decision.own_words and not d.is_timeout:
        parts.append(heading_html(scene, scene.tr("own_words")) + "<br><i>“" + esc(d.decision.own_words) + "”</i>")
    where = shown_as(d, L)
    parts.append(heading_html(scene, scene.tr("your_move" if d.is_timeout else "your_choice")) + "<br>"
                 + f"<font color='#1D6A72'><b>{esc(d.chosen_text.get(L))}</b></font>"
                 + (f"<br>{muted(esc(where))}" if where else ""))
    if d.feedback.variants:
        parts.append(heading_html(scene, scene.tr("feedback")) + "<br>" + esc(d.feedback.get(L)))
    if not d.is_prep:
        parts.append(heading_html(scene, scene.tr("mood_change")) + "<br>" + mood_html(scene, d))
    room = room_html(scene, d)
    if room:  # the room's reaction right after the move, with what it did to the mood
        parts.append(heading_html(scene, scene.tr("room_reacted")) + "<br>" + room)
    answer = prep_answer(review, d)
    if answer is not None:
        # A preparation answer is right or wrong; a wrong one is followed by the right one.
        if not answer.correct and answer.right_text is not None:
            right = f"<b>{esc(answer.right_text.get(L))}</b>"
            if answer.right_feedback is not None and answer.right_feedback.variants:
                right += "<br>" + esc(answer.right_feedback.get(L))
            parts.append(heading_html(scene, scene.tr("right_answer")) + "<br>" + right)
    elif d.better_text is not None:
        better = f"<b>{esc(d.better_text.get(L))}</b>"
        if d.better_feedback is not None and d.better_feedback.variants:
            better += "<br>" + esc(d.better_feedback.get(L))
        if d.better_by_what_follows:
            better += "<br>" + muted(esc(scene.tr("better_later")))
        parts.append(heading_html(scene, scene.tr("better")) + "<br>" + better)
    elif d.verdict == "best":
        parts.append(muted(esc(scene.tr("best_choice_then"))))
    provoked = missed_provocation(d, L)
    if provoked:
        parts.append(heading_html(scene, scene.tr("provoked")) + "<br>" + esc(provoked))
    if d.thought is not None and who:
        parts.append(heading_html(scene, scene.tr("thought", name=who.split()[0])) + "<br><i>"
                     + esc(d.thought.get(L)) + "</i>")
    if d.opportunity is not None:
        parts.append(heading_html(scene, scene.tr("opportunity")) + "<br>" + esc(d.opportunity.get(L)))
    lens = decision_lens_pairs(d, L)
    if lens:
        parts.append(heading_html(scene, scene.tr("lens_short")) + "<br>"
                     + "<br>".join(f"{esc(label)}: <b>{esc(text)}</b>" for label, text in lens))
    return "<br><br>".join(parts)


def room_html(scene: "Scene", d: DecisionReview) -> str:
    """How the room reacted right after this move: the reactions' texts, what they did to the mood."""
    if not d.reactions:
        return ""
    s, L = scene.play.scenario, scene.lang  # type: ignore[attr-defined]
    texts = [t for t in (reaction_text(s, k, L) for k in d.reactions) if t]
    html = "<i>" + esc(" ".join(texts) if texts else scene.tr("room_reacted_silent")) + "</i>"
    if d.room_mood is not None:
        per: dict[str, list[str]] = {}
        for who, words, delta, better in mood_changes(s, d.decision.mood_after, d.room_mood, L):
            colour = hex_of(GOOD_TEXT if better else POOR_TEXT)
            per.setdefault(who, []).append(f"{esc(words)} <font color='{colour}'><b>({delta:+d})</b></font>")
        html += "".join(f"<br>{esc(who)}: " + ", ".join(changes) for who, changes in per.items())
    return html
