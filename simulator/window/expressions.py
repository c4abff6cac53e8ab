"""What a resident's face shows: seven expressions, and which one a moment calls for.

An expression is a ``Pose``: a handful of numbers that the face drawing reads (how the
mouth curves, where the inner ends of the brows sit, how open the eyes are, where they
look, a flush, the shoulders). Poses blend linearly, so the circular badge of the
mandate card can slide from angry to pleased with a resident's calmness.

Which expression a face shows (``MeetingFaces`` in the residents' component asks):

- the speaker of a line shows the line's ``emotion:`` (the variant's, else the node's);
- a line without one, and everyone who isn't speaking, shows their mood (``mood_emotion``);
- right after the trainee's choice, a resident whose mood it moved reacts for a beat
  (``reaction_emotion``) before settling back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Mapping, Optional

from engine.scenario.model import EMOTIONS, MoodVariable, Scenario


@dataclass(frozen=True)
class Pose:
    mouth_curve: float = 0.0  # -1 frown .. 1 smile
    mouth_open: float = 0.0  # 0 closed .. 1 open
    mouth_width: float = 1.0  # times the resting width
    mouth_skew: float = 0.0  # one corner up (a wry, doubting mouth)
    brow_inner: float = 0.0  # -1 inner ends up (worry, hurt) .. 1 pulled down (anger)
    brow_raise: float = 0.0  # both brows up
    brow_skew: float = 0.0  # one brow up (doubt)
    eye_open: float = 1.0  # 0 closed .. 1 open; below 0.3 the eyes are drawn as closed arcs
    lids: float = 0.0  # upper lids lowered 0 .. 1
    look_x: float = 0.0  # -1 .. 1, where the pupils sit
    look_y: float = 0.0
    flush: float = 0.0  # red cheeks (anger)
    blush: float = 0.0  # rosy cheeks (pleasure)
    head_dy: float = 0.0  # head lowered (units of 1 % of the figure's width)
    head_dx: float = 0.0
    shoulders: float = 0.0  # -1 dropped (relief) .. 1 raised (tension)
    creases: float = 0.0  # forehead lines (worry) 0 .. 1

    def blend(self, other: "Pose", t: float) -> "Pose":
        t = max(0.0, min(1.0, t))
        return Pose(**{f.name: getattr(self, f.name) + (getattr(other, f.name) - getattr(self, f.name)) * t
                       for f in fields(Pose)})


POSES: dict[str, Pose] = {
    "neutral": Pose(mouth_curve=0.08),
    "pleased": Pose(mouth_curve=0.95, mouth_open=0.35, mouth_width=1.12, brow_raise=0.35, eye_open=0.85,
                    blush=0.6, shoulders=-0.2),
    "worried": Pose(mouth_curve=-0.35, mouth_width=0.82, brow_inner=-1.0, brow_raise=0.3, eye_open=1.1,
                    look_y=0.1, shoulders=0.7, creases=1.0),
    "angry": Pose(mouth_curve=-0.75, mouth_open=0.2, mouth_width=1.05, brow_inner=1.0, eye_open=0.8, lids=0.35,
                  flush=0.85, head_dy=1.0, shoulders=0.5),
    "hurt": Pose(mouth_curve=-0.55, mouth_width=0.85, brow_inner=-0.8, eye_open=0.75, lids=0.45, look_x=-0.2,
                 look_y=0.9, head_dy=2.2, head_dx=-1.0, shoulders=-0.3, creases=0.5),
    "sceptical": Pose(mouth_curve=-0.05, mouth_width=0.9, mouth_skew=0.8, brow_skew=1.0, brow_inner=0.25,
                      lids=0.4, look_x=0.55, head_dx=1.2),
    "relieved": Pose(mouth_curve=0.55, mouth_width=1.05, brow_inner=-0.35, brow_raise=0.1, eye_open=0.15,
                     blush=0.25, head_dy=-0.6, shoulders=-1.0),
}
assert tuple(POSES) == EMOTIONS  # the loader's list and the faces' list are the same seven


def pose_for_calmness(calmness: float) -> Pose:
    """A face for a single calmness figure (0 upset .. 1 calm): angry, worried, neutral, pleased."""
    c = max(0.0, min(1.0, calmness))
    stops = ((0.0, POSES["angry"]), (0.3, POSES["worried"]), (0.55, POSES["neutral"]), (1.0, POSES["pleased"]))
    for (lo, a), (hi, b) in zip(stops, stops[1:]):
        if c <= hi:
            return a.blend(b, (c - lo) / (hi - lo))
    return stops[-1][1]


def _calm(var: MoodVariable, value: float) -> float:
    span = max(1, var.maximum - var.minimum)
    frac = (value - var.minimum) / span
    return max(0.0, min(1.0, frac if var.good == "high" else 1.0 - frac))


def mood_emotion(mood: Mapping[str, float], variables: Mapping[str, MoodVariable]) -> str:
    """The face a resident's mood shows when nothing in the line says otherwise.

    The least calm of their variables decides how upset they look: very low on a variable
    that is calm when *low* (anger) looks angry; very low on one that is calm when *high*
    (trust) looks doubting; somewhat low looks worried; well above the middle on all of
    them looks pleased.
    """
    calm = {k: _calm(v, mood.get(k, v.initial)) for k, v in variables.items()}
    if not calm:
        return "neutral"
    worst_key = min(calm, key=lambda k: calm[k])
    worst = calm[worst_key]
    if worst < 0.3:
        return "angry" if variables[worst_key].good == "low" else "sceptical"
    if worst < 0.45:
        return "worried"
    if worst >= 0.65:
        return "pleased"
    return "neutral"


def reaction_emotion(delta: Mapping[str, int], variables: Mapping[str, MoodVariable]) -> Optional[str]:
    """How a resident reacts for a beat to what a choice did to their mood (None: it didn't move)."""
    score = 0
    worse_on_low = False
    for key, change in delta.items():
        var = variables.get(key)
        if var is None or not change:
            continue
        better = (change > 0) == (var.good == "high")
        score += abs(change) if better else -abs(change)
        if not better and var.good == "low":
            worse_on_low = True
    if score > 1:
        return "pleased"
    if score > 0:
        return "relieved"
    if score < -1 and worse_on_low:
        return "angry"
    if score < 0:
        return "hurt" if not worse_on_low else "sceptical"
    return None


def line_emotion(scenario: Scenario, node_id: str, variant: int) -> Optional[str]:
    """The ``emotion:`` written for a line: the variant's own, else the node's (None: unwritten)."""
    node = scenario.nodes.get(node_id)
    if node is None:
        return None
    if 0 <= variant < len(node.variants) and node.variants[variant].emotion:
        return node.variants[variant].emotion
    return node.emotion
