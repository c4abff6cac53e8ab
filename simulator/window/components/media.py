"""How a line reaches the trainee in the window, and what the room does: pure HTML, no widgets.

A node's ``channel`` says how its line arrives (``engine.scenario.model.CHANNELS``): spoken,
a chat message, an e-mail or a voice on the phone. The meeting shows the same line
differently by it — the line box's head ("Bert Veenstra · in de chat", an e-mail's "Van: ...
Aan: jij" over its body), the transcript's entry, the chat column — and the residents' row
draws a phone line's speaker as a voice without a face. A group reaction (``group:``) with a
text is said once, where it fired: in the transcript after the move it followed, and above
the line that follows it. Everything here reads the session's transcript and returns
strings, so the scene, the log and the chat column agree and a test can check them without
a window.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

from engine.play.state import Entry
from engine.scenario.model import NARRATOR, Scenario
from simulator.terminal.debrief_lens import reaction_text
from simulator.window.glyphs import html_escape
from simulator.window.stages import stage_kind

ACCENT_HEX = "#1D6A72"
MUTED_HEX = "#55636B"
Tr = Callable[..., str]


def esc(text: str) -> str:
    return html_escape(text)


def muted(html: str) -> str:
    return f"<font color='{MUTED_HEX}'>{html}</font>"


def channel_of(scenario: Scenario, node_id: str) -> str:
    node = scenario.nodes.get(node_id)
    return node.channel if node is not None else "spoken"


def speaker_name(scenario: Scenario, speaker: str) -> str:
    """The name shown for a line (empty for the narrator)."""
    if speaker == NARRATOR:
        return ""
    try:
        return scenario.resident(speaker).name
    except KeyError:
        return speaker


def head_html(channel: str, name: str, tr: Tr) -> str:
    """The line box's head: the speaker's name, and how the line arrives when it isn't spoken."""
    if channel == "email":
        rest = f"{tr('ch_email_from', name=name)} · {tr('ch_email_to')}"
        return f"<font color='{ACCENT_HEX}'>{esc(tr('ch_email_title'))}</font>  {muted(esc(rest))}"
    where = {"chat": "ch_in_chat", "phone": "ch_on_phone"}.get(channel)
    html = f"<font color='{ACCENT_HEX}'>{esc(name)}</font>"
    return html + (f" {muted('· ' + esc(tr(where)))}" if where else "")


def lead_text(channel: str, name: str, tr: Tr) -> str:
    """The name leading a line's text where the box is tight: "Bert Veenstra (chat):"."""
    if channel == "email":
        return f"{tr('ch_email_title')} · {tr('ch_email_from', name=name)}:"
    tag = {"chat": "ch_chat_tag", "phone": "ch_phone_tag"}.get(channel)
    return f"{name} ({tr(tag)}):" if tag else f"{name}:"


def reactions_before(transcript: Sequence[Entry], index: Optional[int]) -> list[int]:
    """The group reactions recorded right before transcript entry ``index`` (the line they
    preceded): the room's reaction to the move that led to this line."""
    out: list[int] = []
    if index is None:
        return out
    i = index - 1
    while i >= 0 and transcript[i].kind == "reaction":
        out.insert(0, transcript[i].variant)
        i -= 1
    return out


def reaction_note(scenario: Scenario, transcript: Sequence[Entry], index: Optional[int], lang: str) -> str:
    """The texts of the reactions right before a line, for above it ("" when none has a text)."""
    texts = [reaction_text(scenario, k, lang) for k in reactions_before(transcript, index)]
    return " ".join(t for t in texts if t)


def log_part(scenario: Scenario, session: Any, entry: Entry, lang: str, tr: Tr) -> Optional[str]:
    """One transcript entry as the log shows it; None for what the log leaves out (a reaction
    without text, an ending)."""
    if entry.kind == "reaction":
        text = reaction_text(scenario, entry.variant, lang)
        return muted(f"<i>{esc(text)}</i>") if text else None
    if entry.kind == "line":
        line = session.line_of(entry)
        text = esc(line.text.get(lang).strip())
        if line.speaker == NARRATOR:
            return f"<i>{text}</i>"
        channel = channel_of(scenario, entry.node_id)
        name = esc(speaker_name(scenario, line.speaker))
        if channel == "email":
            head = f"{tr('ch_email_title')} · {tr('ch_email_from', name=speaker_name(scenario, line.speaker))}"
            return f"<b>{esc(head)}</b><br>{text}"
        tag = {"chat": "ch_chat_tag", "phone": "ch_phone_tag"}.get(channel)
        return f"<b>{name}</b>" + (f" {muted(esc('· ' + tr(tag)))}" if tag else "") + f"<br>{text}"
    if entry.kind == "choice" and entry.choice_id is not None:
        try:
            c = scenario.choice(f"{entry.node_id}.{entry.choice_id}")
        except KeyError:
            return None
        return f"<font color='{ACCENT_HEX}'><b>{esc(tr('you'))}</b><br>{esc(c.text.get(lang))}</font>"
    if entry.kind == "timeout":
        return (f"<font color='{ACCENT_HEX}'><b>{esc(tr('you'))}</b><br><i>{esc(tr('log_timeout'))}</i>"
                f"</font>")
    return None


def log_parts(scenario: Scenario, session: Any, upto: int, lang: str, tr: Tr) -> list[str]:
    """One HTML block per thing said (and per reaction with a text), up to entry ``upto``."""
    parts = []
    for entry in session.state.transcript[:upto]:
        part = log_part(scenario, session, entry, lang, tr)
        if part is not None:
            parts.append(part)
    return parts


def has_chat(scenario: Scenario, transcript: Sequence[Entry]) -> bool:
    """Whether the meeting has a chat column: an online meeting always, else once a chat line was said."""
    if stage_kind(scenario) == "online":
        return True
    return any(e.kind == "line" and channel_of(scenario, e.node_id) == "chat" for e in transcript)


def chat_parts(scenario: Scenario, session: Any, upto: int, lang: str) -> list[str]:
    """The chat column's messages, oldest first, up to entry ``upto``."""
    parts = []
    for entry in session.state.transcript[:upto]:
        if entry.kind != "line" or channel_of(scenario, entry.node_id) != "chat":
            continue
        line = session.line_of(entry)
        text = esc(line.text.get(lang).strip())
        if line.speaker == NARRATOR:
            parts.append(muted(f"<i>{text}</i>"))
        else:
            parts.append(f"<font color='{ACCENT_HEX}'><b>{esc(speaker_name(scenario, line.speaker))}</b></font>"
                         f"<br>{text}")
    return parts
