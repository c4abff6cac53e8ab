"""Strings for accessibility (issue 24): the settings' rows and notes, self-voicing, the plain
terminal mode's words for figures. Merged into ``simulator.i18n``; imports nothing."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # settings rows
    "a11y_theme": {"nl": "Kleuren", "en": "Colours"},
    "a11y_theme_standard": {"nl": "Standaard", "en": "Standard"},
    "a11y_theme_high_contrast": {"nl": "Hoog contrast", "en": "High contrast"},
    "a11y_theme_note": {"nl": "Hoog contrast: zwarte tekst op wit, stevige randen; alle tekst minstens 7:1.",
                        "en": "High contrast: black text on white, firm borders; all text at least 7:1."},
    "a11y_font": {"nl": "Lettertype", "en": "Font"},
    "a11y_font_standard": {"nl": "Noto Sans", "en": "Noto Sans"},
    "a11y_font_reading": {"nl": "Atkinson Hyperlegible", "en": "Atkinson Hyperlegible"},
    "a11y_font_note": {"nl": "Atkinson Hyperlegible maakt letters die op elkaar lijken (b d p q, I l 1) goed "
                             "uit elkaar te houden; prettig bij dyslexie of slechtziendheid.",
                       "en": "Atkinson Hyperlegible keeps letters that look alike (b d p q, I l 1) apart; "
                             "easier with dyslexia or low vision."},
    "a11y_spacing": {"nl": "Regelafstand", "en": "Line spacing"},
    "a11y_spacing_normal": {"nl": "Normaal", "en": "Normal"},
    "a11y_spacing_wide": {"nl": "Ruim", "en": "Wide"},
    "a11y_spacing_wider": {"nl": "Extra ruim", "en": "Wider"},
    "a11y_motion": {"nl": "Beweging", "en": "Motion"},
    "a11y_motion_full": {"nl": "Aan", "en": "On"},
    "a11y_motion_reduced": {"nl": "Beperkt", "en": "Reduced"},
    "a11y_motion_note": {"nl": "Beperkt: tekst verschijnt in één keer, meters en gezichten springen meteen naar "
                               "hun stand.",
                         "en": "Reduced: text appears at once, meters and faces jump straight to where they go."},
    "a11y_voicing": {"nl": "Voorlezen (V)", "en": "Self-voicing (V)"},
    "a11y_voicing_note": {"nl": "Leest voor wat de focus heeft, elke zin, elke optie en de nabespreking. "
                                "V zet het aan of uit, Esc of een toets breekt af.",
                          "en": "Reads out what has the focus, every line, every option and the debrief. "
                                "V turns it on or off; Esc or any key interrupts."},
    "a11y_voices": {"nl": "Stemmen van bewoners", "en": "Residents' voices"},
    "a11y_voices_note": {"nl": "Elke bewoner spreekt de eigen zinnen uit, met een eigen stem.",
                         "en": "Each resident speaks their own lines, in a voice of their own."},
    "a11y_off": {"nl": "Uit", "en": "Off"},
    "a11y_on": {"nl": "Aan", "en": "On"},
    "a11y_no_speech": {"nl": "Voorlezen kan niet op deze computer: {reason}.",
                       "en": "Speech isn't available on this computer: {reason}."},
    # spoken by self-voicing
    "say_voicing_on": {"nl": "Voorlezen staat aan.", "en": "Self-voicing on."},
    "say_voicing_off": {"nl": "Voorlezen staat uit.", "en": "Self-voicing off."},
    "say_option": {"nl": "Optie {n} van {total}: {text}", "en": "Option {n} of {total}: {text}"},
    "say_button": {"nl": "knop", "en": "button"},
    "say_selected": {"nl": "gekozen", "en": "selected"},
    "say_setting": {"nl": "{label}: {value}", "en": "{label}: {value}"},
    "say_you": {"nl": "Jij", "en": "You"},
}
