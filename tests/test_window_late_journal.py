"""A journal another program held locked as the window opened: the meetings are saved later, not lost.

Before, a backup or sync client holding the journal at start-up switched saving off for the
whole window run, and every meeting played in it was gone. Now the window tries again at the
end of each meeting and when it closes, and journals what was played meanwhile, whole.
"""

from __future__ import annotations

from simulator.journal import Journal
from simulator.journal_file import WriteFailed
from simulator.perspective import load_rating
from simulator.window import startup
from simulator.window.journal_later import LateJournal
from simulator.window.pilot import play_to_debrief


def _locked_then_free(locked_tries: int):
    """An opener that finds the journal locked ``locked_tries`` times, then opens it."""
    tries: list[int] = []

    def opener() -> Journal:
        tries.append(1)
        if len(tries) <= locked_tries:
            raise WriteFailed("journal.sqlite3: can't open the session journal: busy", "busy")
        return Journal()
    return opener, tries


def _without_journal(app, opener) -> None:
    """The window as it starts when the journal is locked: no journal, a way to open it later."""
    app.journal.close()
    app.journal = None
    app.late_journal = LateJournal(opener, None)


def _saved_sessions():
    with Journal() as journal:
        return journal.sessions()


def test_free_at_the_meetings_end_the_whole_meeting_is_saved_then(window):
    app, pilot = window()
    opener, tries = _locked_then_free(0)
    _without_journal(app, opener)
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    play_to_debrief(pilot)
    play = app.top.play
    assert tries == [1] and app.journal is not None and play.saved and app.late_journal is None
    [record] = _saved_sessions()
    assert record.id == play.session_id and record.finished
    assert record.steps == len(play.session.history) > 3  # the preparation and the meeting
    assert record.ending == play.session.ending.id


def test_still_locked_at_the_end_it_says_so_and_saves_the_meeting_and_estimate_as_the_window_closes(window,
                                                                                                     monkeypatch):
    from simulator.window.scenes import meeting
    said: list[str] = []

    def heard(app, play):  # the line the meeting screen shows about saving, as it shows it
        note = play.take_save_note()
        if note:
            said.append(note)
    monkeypatch.setattr(meeting, "show_save_note", heard)
    app, pilot = window()
    opener, tries = _locked_then_free(1)
    _without_journal(app, opener)
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    for _ in range(400):
        pilot.settle()
        if pilot.scene == "ending":
            break
        scene = app.top
        deciding = pilot.scene == "preparation" or (pilot.scene == "meeting" and not scene.session.can_continue)
        pilot.press("1" if deciding else "return")
    play = app.top.play
    assert pilot.scene == "ending" and tries == [1] and not play.saved
    assert said == ["Het sessielogboek is nog bezet door een ander programma: deze sessie is nog niet opgeslagen. "
                    "Bij het sluiten van het venster wordt het opnieuw geprobeerd."]
    play.store_rating({"step1": 3, "step2": 4}, plus="rustig gebleven")  # given while still unsaved
    assert not _saved_sessions()
    app.close()  # tried once more as the window closes: free now
    assert tries == [1, 1]
    [record] = _saved_sessions()
    assert record.finished and record.steps == len(play.session.history)
    with Journal() as journal:
        rating = load_rating(journal, record.id)
    assert rating is not None and rating.plus == "rustig gebleven"


def test_a_journal_locked_at_start_up_is_tried_later_one_that_is_broken_is_not(monkeypatch):
    def busy():
        raise WriteFailed("journal.sqlite3: can't open the session journal: busy", "busy")
    monkeypatch.setattr(startup, "Journal", busy)
    journal, notice, late = startup.open_journal("nl")
    assert journal is None and late is not None and notice.startswith("Een ander programma gebruikt het")
    assert "eind van het gesprek" in notice and "journal.sqlite3" not in notice and "\n" not in notice

    def broken():
        raise WriteFailed("journal.sqlite3: can't create the folder (Permission denied)", "error")
    monkeypatch.setattr(startup, "Journal", broken)
    journal, notice, late = startup.open_journal("en")
    assert journal is None and late is None and "This session is not being saved" in notice


def test_still_locked_as_the_window_closes_the_meeting_waits_and_goes_in_the_next_time(window):
    """Before, a go still waiting as the window closed was lost (said only in the log)."""
    app, pilot = window()
    opener, tries = _locked_then_free(10)  # locked at the end and as the window closes
    _without_journal(app, opener)
    pilot.focus_on("speeltuin-kort")
    pilot.press("return")
    play_to_debrief(pilot)
    play = app.top.play
    assert not play.saved
    app.close()
    from simulator.journal_waiting import waiting_folder
    from simulator.places import journal_path
    assert len(list(waiting_folder(journal_path()).glob("*.json"))) == 1  # parked beside the journal
    [record] = _saved_sessions()  # opening the journal takes it in
    assert not list(waiting_folder(journal_path()).glob("*.json"))
    assert record.finished and record.steps == len(play.session.history) and record.scenario_id == "speeltuin-kort"
