"""The privacy screen speaks the window's language (it showed its status lines in English in a Dutch window)."""

from __future__ import annotations


def test_the_privacy_screen_says_what_is_kept_in_the_windows_language(window):
    for language, said, not_said in (("nl", "LRS: geen ingesteld", "none configured"),
                                     ("en", "LRS: none configured", "geen ingesteld")):
        app, pilot = window(language=language)
        app.push(app.scene("privacy"))
        pilot.settle()
        assert pilot.has_text(said) and not pilot.has_text(not_said)
