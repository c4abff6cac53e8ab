"""The ending: what happened and why, in the residents' words, with how they leave."""

from __future__ import annotations

import pygame

from simulator.window.components.media import reaction_note
from simulator.window.layout import Box, gap, row, wrap_text
from simulator.window.play import Play
from simulator.window.portraits import PortraitSource, portrait_folders
from simulator.window.scenes.common import ButtonSpec, DocumentScene, esc, heading_html, muted
from simulator.window.theme import VERDICT_COLOURS, hex_of, palette
from simulator.window.widgets import image

KIND_HEX = {"agreement": hex_of(VERDICT_COLOURS["best"]), "partial": hex_of(VERDICT_COLOURS["inaccuracy"]),
            "postponed": "#4A5795", "escalation": hex_of(VERDICT_COLOURS["mistake"])}


class EndingScene(DocumentScene):
    name = "ending"

    ARMING_SECONDS = 1.0  # keys held down to skip lines must not skip the ending too

    def __init__(self, app, play: Play):
        super().__init__(app)
        self.play = play
        self.age = 0.0
        self.sources = {r.id: PortraitSource(r.id, r.portrait, portrait_folders(play.scenario_path))
                        for r in play.scenario.residents}

    @property
    def ending(self):
        ending = self.play.session.ending
        assert ending is not None
        return ending

    def title(self) -> str:
        return self.ending.title.get(self.lang)

    def subtitle(self) -> str:
        kind = self.tr("kind_" + self.ending.kind)
        return f"{self.tr('ending')} · {kind} · {self.play.scenario.title.get(self.lang)}"

    def subtitle_html(self) -> str:
        kind = self.tr("kind_" + self.ending.kind)
        colour = KIND_HEX.get(self.ending.kind, "#55636B")
        rest = f"{self.tr('ending')} · {self.play.scenario.title.get(self.lang)}"
        return f"<font color='{colour}'><b>{esc(kind)}</b></font>" + muted(" · " + esc(rest))

    def build_extra(self, col: Box, y: int) -> int:
        """The residents as they leave: faces at their final mood."""
        s = self.play.scenario
        g = gap(self.scale)
        h = self.size[1]
        face = int(min(130, max(56, h * 0.11)) * min(self.scale, 1.2))
        fonts = self.fonts
        cols = row(len(s.residents), col.x, col.w, g, max_item=max(face + 40, 150))
        name_lh = fonts.line_height("#small")
        lines = {r.id: wrap_text(r.name, cw, fonts.measure("#small")) for r, (_, cw) in zip(s.residents, cols)}
        tallest = max(len(v) for v in lines.values()) if lines else 1
        card_h = face + 4 + tallest * name_lh
        top = y + g
        for r, (x, cw) in zip(s.residents, cols):
            surf = pygame.Surface((cw, card_h), pygame.SRCALPHA)
            mood = self.play.session.mood[r.id]
            calm = [var.calmness(mood[k]) for k, var in s.mood_variables.items() if k in mood]
            surf.blit(self.sources[r.id].render(sum(calm) / len(calm) if calm else 0.5, face), ((cw - face) // 2, 0))
            ly = face + 4
            small = fonts.for_key("#small")
            for ln in lines[r.id]:
                img = small.render(ln, True, palette().ink if r.id == self.ending.speaker else palette().muted)
                surf.blit(img, ((cw - img.get_width()) // 2, ly))
                self.drawn_texts.append((ln, Box(x + (cw - img.get_width()) // 2, top + ly, img.get_width(),
                                                 img.get_height()), Box(x, top, cw, card_h)))
                ly += name_lh
            image(self.manager, surf, Box(x, top, cw, card_h), self.root)
        return top + card_h

    def document_html(self) -> str:
        e, L = self.ending, self.lang
        size = self.fonts.size_of("#speech")
        transcript = self.play.session.state.transcript
        # What the room did right after the last move, before the meeting ended (a group reaction).
        note = reaction_note(self.play.scenario, transcript, len(transcript) - 1, L) if transcript else ""
        parts = [heading_html(self, self.tr("what_happened")) + "<br>"
                 + (muted(f"<i>{esc(note)}</i>") + "<br>" if note else "")
                 + f"<font pixel_size={size}>{esc(e.text.get(L))}</font>"]
        if e.debrief.variants:
            parts.append(heading_html(self, self.tr("why")) + "<br>" + muted(esc(e.debrief.get(L))))
        return "<br><br>".join(parts)

    def update(self, dt: float) -> None:
        self.age += dt

    def animating(self) -> bool:
        return self.age < self.ARMING_SECONDS

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.age < self.ARMING_SECONDS and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return True  # swallowed: the ending has only just appeared
        return super().on_key(event)

    def footer_specs(self) -> list[ButtonSpec]:
        return [(self.tr("to_debrief"), self._debrief, "#primary")]

    def _debrief(self) -> None:
        self.app.replace(self.app.scene("debrief", self.play))
