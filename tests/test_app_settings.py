"""Settings persist as JSON in TUSSENWERKER_CONFIG (the tests' temporary folder)."""

from __future__ import annotations

import json
import os

from simulator import settings
from simulator.settings import Settings


def test_defaults_when_there_is_no_file():
    assert settings.load() == Settings()
    assert Settings().language == "nl" and Settings().text_size == "normal" and not Settings().fullscreen


def test_saved_settings_come_back_from_the_config_folder():
    chosen = Settings(language="en", text_size="larger", text_speed="instant", fullscreen=True, coach=True)
    assert settings.save(chosen) is None
    path = settings.settings_path()
    assert str(path).startswith(os.environ["TUSSENWERKER_CONFIG"])
    assert json.loads(path.read_text(encoding="utf-8"))["text_size"] == "larger"
    assert json.loads(path.read_text(encoding="utf-8"))["coach"] is True
    assert settings.load() == chosen


def test_unknown_or_invalid_values_fall_back_to_their_defaults():
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"language": "fr", "text_size": "large", "fullscreen": "yes", "extra": 1}),
                    encoding="utf-8")
    s = settings.load()
    assert s.language == "nl" and s.text_size == "large" and s.fullscreen is False


def test_a_broken_file_gives_the_defaults_not_an_error():
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert settings.load() == Settings()


def test_a_folder_that_cannot_be_written_is_reported_in_one_line(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("TUSSENWERKER_CONFIG", str(blocker / "sub"))
    error = settings.save(Settings(language="en"))
    assert error is not None and "\n" not in error


def test_text_scale_and_speed_follow_the_chosen_steps():
    assert Settings(text_size="normal").text_scale < Settings(text_size="large").text_scale \
        < Settings(text_size="larger").text_scale
    assert Settings(text_speed="instant").chars_per_second is None
    assert Settings(text_speed="slow").chars_per_second < Settings(text_speed="fast").chars_per_second


def test_coach_mode_is_off_by_default_and_in_files_written_before_it_existed():
    assert Settings().coach is False
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"language": "en", "text_size": "large", "text_speed": "fast", "fullscreen": False}),
                    encoding="utf-8")
    assert settings.load() == Settings(language="en", text_size="large", text_speed="fast", coach=False)
    path.write_text(json.dumps({"coach": "on"}), encoding="utf-8")
    assert settings.load().coach is False
