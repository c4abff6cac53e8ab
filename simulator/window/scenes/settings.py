"""Settings: language, text size, text speed, auto-advance, window or full screen, coach mode, own words
first, sound, and accessibility: colours, font, line spacing, motion, self-voicing, the residents' voices.

Applied at once, and kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import pygame
from pygame_gui.elements import UIButton

from simulator import catalog
from simulator.settings import (
    AUTO_ADVANCE,
    FONTS,
    LANGUAGES,
    LINE_SPACINGS,
    SOUND_LEVELS,
    TEXT_SIZES,
    TEXT_SPEEDS,
    THEMES,
    Settings,
)
from simulator.window.layout import Box, button_row, frame, gap, margins
from simulator.window.scene import Scene
from simulator.window.scenes.common import build_buttons, esc, footer_height, muted
from simulator.window.widgets import ScrollArea, button, button_width, text_box


def open_in_file_manager(folder: Path) -> Optional[str]:
    """Show a folder in the system's file manager; returns one line when that can't be done."""
    try:
        if sys.platform == "win32":
            os.startfile(str(folder))  # type: ignore[attr-defined]
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        return f"{folder}: {exc.strerror or exc}"
    return None


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        self.error: Optional[str] = None
        self.area: Optional[ScrollArea] = None
        self.rows: list[tuple[str, list[Any], Callable[[Settings], Any], list[UIButton]]] = []
        self.folder_button: Optional[UIButton] = None

    def options(self) -> list[tuple[str, list[tuple[Any, str]], str]]:
        """(label, [(value, caption)], settings field)."""
        return [
            (self.tr("language"), [(code, self.tr(f"lang_{code}")) for code in LANGUAGES], "language"),
            (self.tr("text_size"), [(size, self.tr(f"size_{size}")) for size in TEXT_SIZES], "text_size"),
            (self.tr("text_speed"), [(sp, self.tr(f"speed_{sp}")) for sp in TEXT_SPEEDS], "text_speed"),
            (self.tr("auto_advance"), [(a, self.tr(f"auto_advance_{a}")) for a in AUTO_ADVANCE], "auto_advance"),
            (self.tr("display"), [(False, self.tr("windowed")), (True, self.tr("fullscreen"))], "fullscreen"),
            (self.tr("cm_setting"), [(False, self.tr("cm_off")), (True, self.tr("cm_on"))], "coach"),
            (self.tr("ow_setting"), [(False, self.tr("ow_off")), (True, self.tr("ow_on"))], "own_words"),
            (self.tr("sound"), [(level, self.tr(f"sound_{level}")) for level in SOUND_LEVELS], "sound"),
            (self.tr("a11y_theme"), [(t, self.tr(f"a11y_theme_{t}")) for t in THEMES], "theme"),
            (self.tr("a11y_font"), [(f, self.tr(f"a11y_font_{f}")) for f in FONTS], "font"),
            (self.tr("a11y_spacing"), [(s, self.tr(f"a11y_spacing_{s}")) for s in LINE_SPACINGS], "line_spacing"),
            (self.tr("a11y_motion"), [(False, self.tr("a11y_motion_full")), (True, self.tr("a11y_motion_reduced"))],
             "reduce_motion"),
            (self.tr("a11y_voicing"), [(False, self.tr("a11y_off")), (True, self.tr("a11y_on"))], "self_voicing"),
            (self.tr("a11y_voices"), [(False, self.tr("a11y_off")), (True, self.tr("a11y_on"))], "resident_voices"),
        ]

    def note(self, field: str) -> str:
        """One line under a row whose effect its name alone doesn't tell."""
        return {"coach": self.tr("cm_note"), "auto_advance": self.tr("auto_advance_note"),
                "own_words": self.tr("ow_note"),
                "sound": self._sound_note(), "theme": self.tr("a11y_theme_note"), "font": self.tr("a11y_font_note"),
                "reduce_motion": self.tr("a11y_motion_note"), "self_voicing": self._speech_note("a11y_voicing_note"),
                "resident_voices": self._speech_note("a11y_voices_note")}.get(field, "")

    def _speech_note(self, key: str) -> str:
        """What the speech row does, or why there is no speech on this machine (never a crash)."""
        voicing = getattr(self.app, "voicing", None)
        problem = voicing.problem if voicing is not None and voicing.speaking else None
        return self.tr("a11y_no_speech", reason=problem) if problem else self.tr(key)

    def _sound_note(self) -> str:
        """What sound there is, or why there is none (no audio device: said, never a crash)."""
        problem = self.app.sound.problem if getattr(self.app, "sound", None) is not None else None
        if problem and self.app.settings.sound != "off":
            return self.tr("sound_missing", reason=problem)
        return self.tr("sound_note")

    def build_widgets(self) -> None:
        w, h = self.size
        m, g = margins(self.size), gap(self.scale)
        col = frame(self.size, 10, 10, self.scale).header
        title = text_box(self.manager, f"<b>{esc(self.tr('settings'))}</b>", Box(col.x, m, col.w, 0), self.root,
                         "#doc_title")
        bh = footer_height(self)
        hint = text_box(self.manager, muted(esc(self.tr("settings_hint"))), Box(col.x, 0, col.w, 0), self.root,
                        "#small")
        hint.set_relative_position((col.x, h - m // 2 - hint.rect.height))
        footer = Box(col.x, hint.rect.y - g // 2 - bh, col.w, bh)
        top = title.rect.bottom + g
        body = Box(col.x, top, col.w, max(60, footer.y - g - top))
        self.area = ScrollArea(self.manager, body, self.root)
        _, rows, _ = self.area.fill(self._build_rows)
        self.rows = []
        for field, values, buttons, row_box in rows:
            row_index = len(self.rows)
            self.rows.append((field, values, lambda s, f=field: getattr(s, f), buttons))
            current = getattr(self.app.settings, field)
            chosen = buttons[values.index(current)] if current in values else buttons[0]
            self.focus.add(chosen, lambda i=row_index: self.cycle(i, 1), name=f"row:{field}",
                           on_focus=lambda b=row_box: self.area.ensure_visible(b.y, b.bottom))
        self.focus.add(self.folder_button, self._open_own_folder, name="own_folder",
                       on_focus=lambda: self.area.ensure_visible(self.folder_button.relative_rect.y,
                                                                 self.folder_button.relative_rect.bottom))
        build_buttons(self, [(self.tr("back"), self.app.pop, "#primary")], footer)

    def _build_rows(self, width: int):
        """The settings rows (and the preview) in the scrolling area; returns what was made."""
        g = gap(self.scale)
        bh = footer_height(self)
        view = self.area.view
        made: list = []
        rows = []
        y = 0
        label_w = max(self.fonts.text_width("#name", label) for label, _, _ in self.options()) + g * 2
        for label, choices, field in self.options():
            captions = [c for _, c in choices]
            widths = [button_width(self.fonts, c, "#option") for c in captions]
            beside = label_w + sum(widths) + g * (len(widths) - 1) <= width
            lab = text_box(self.manager, f"<b>{esc(label)}</b>", Box(0, y, label_w if beside else width, 0), view,
                           "#name")
            made.append(lab)
            if beside:
                lab.set_relative_position((0, y + (bh - lab.rect.height) // 2))
                area = Box(label_w, y, width - label_w, bh)
            else:
                area = Box(0, y + lab.rect.height + 4, width, bh)
            current = getattr(self.app.settings, field)
            buttons = []
            boxes = self._option_boxes(widths, area, g)
            for (value, caption), box in zip(choices, boxes):
                el = button(self.manager, caption, box, view, "#option")
                if value == current:
                    el.select()
                self.on_click(el, lambda f=field, v=value: self.set(f, v))
                buttons.append(el)
                made.append(el)
            bottom = max(b.bottom for b in boxes)
            if self.note(field):
                note = text_box(self.manager, muted(esc(self.note(field))), Box(0, bottom + 4, width, 0), view,
                                "#small")
                made.append(note)
                bottom += 4 + note.rect.height
            rows.append((field, [v for v, _ in choices], buttons, Box(0, y, width, bottom - y)))
            y = bottom + g
        preview = text_box(self.manager, esc(self.tr("preview_text")), Box(0, y + g, width, 0), view, "#speech")
        made.append(preview)
        y += g + preview.rect.height
        y = self._build_own_folder(width, y + g, made)
        if self.error:
            note = text_box(self.manager, f"<font color='#9A4A2E'>{esc(self.error)}</font>",
                            Box(0, y + g, width, 0), view, "#small")
            made.append(note)
            y += g + note.rect.height
        return made, rows, y

    def _build_own_folder(self, width: int, y: int, made: list) -> int:
        """Where a trainer drops their own scenarios (``catalog.user_scenario_dir``), and a button to open it."""
        g, bh = gap(self.scale), footer_height(self)
        folder = catalog.user_scenario_dir()
        html = (f"<b>{esc(self.tr('own_folder'))}</b><br>{esc(str(folder))}<br>"
                + muted(esc(self.tr("own_folder_note"))))
        info = text_box(self.manager, html, Box(0, y, width, 0), self.area.view, "#body")
        y += info.rect.height + g // 2
        label = self.tr("open_folder")
        self.folder_button = button(self.manager, label, Box(0, y, button_width(self.fonts, label), bh), self.area.view)
        self.on_click(self.folder_button, self._open_own_folder)
        made += [info, self.folder_button]
        return y + bh

    def _open_own_folder(self) -> None:
        problem = catalog.ensure_user_scenario_dir() or open_in_file_manager(catalog.user_scenario_dir())
        self.error = self.tr("cant_open_folder", error=problem) if problem else None
        self.build()

    @staticmethod
    def _option_boxes(widths: list[int], area: Box, g: int) -> list[Box]:
        """Options side by side; if they don't fit, they wrap to a second line."""
        total = sum(widths) + g // 2 * (len(widths) - 1)
        if total <= area.w:
            return button_row(widths, area, g // 2, align="left")
        out, x, y = [], area.x, area.y
        for bw in widths:
            if x + bw > area.right and x > area.x:
                x, y = area.x, y + area.h + g // 2
            out.append(Box(x, y, min(bw, area.w), area.h))
            x += bw + g // 2
        return out

    def set(self, field: str, value: Any) -> None:
        if getattr(self.app.settings, field) == value:
            return
        self.error = None
        error = self.app.apply_settings(self.app.settings.with_(**{field: value}))
        if error:
            self.error = self.tr("settings_not_saved") + " " + error
        if self.built:  # apply_settings rebuilt us unless only the stored file changed
            self.build()

    def cycle(self, row_index: int, delta: int) -> None:
        field, values, get, _ = self.rows[row_index]
        current = get(self.app.settings)
        i = values.index(current) if current in values else 0
        self.set(field, values[(i + delta) % len(values)])

    def on_key(self, event: pygame.event.Event) -> bool:
        item = self.focus.current
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and item is not None and item.name.startswith("row:"):
            index = [i for i, it in enumerate(self.focus.items) if it.name.startswith("row:")].index(self.focus.index)
            self.cycle(index, 1 if event.key == pygame.K_RIGHT else -1)
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            return True
        return False

    def escape(self) -> None:
        self.app.pop()
