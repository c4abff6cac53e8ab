"""The authoring commands speak the trainer's language when asked: `--lang nl` gives every
problem, the verdict line and the folder messages in Dutch; without it they stay English."""

from __future__ import annotations

import shutil

from simulator.cli.main import main
from tests.conftest import ROOT

BROKEN = ROOT / "tests" / "scenarios" / "invalid" / "References-NextMustExist.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_in_dutch_names_file_line_and_says_it_in_dutch(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    shutil.copy(BROKEN, broken)
    code, out, _ = run(capsys, "--lang", "nl", "validate", str(broken))
    assert code != 0
    first = out.splitlines()[0]
    assert first.startswith(f"{broken}:91:15: ") and "verwijst naar 'uitgestelt'" in first
    assert "bedoelde je 'uitgesteld'?" in first and "did you mean" not in out


def test_validate_takes_lang_after_the_command_too_as_analyze_and_play_do(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    shutil.copy(BROKEN, broken)
    code, before, _ = run(capsys, "--lang", "nl", "validate", "--strict", str(broken))
    assert (code, before) == run(capsys, "validate", "--strict", "--lang", "nl", str(broken))[:2]
    assert "bedoelde je 'uitgesteld'?" in before


def test_without_lang_the_authoring_output_stays_english(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    shutil.copy(BROKEN, broken)
    _, out, _ = run(capsys, "validate", str(broken))
    assert "did you mean 'uitgesteld'?" in out


def test_an_empty_folder_and_the_verdict_line_in_dutch(capsys, tmp_path):
    (tmp_path / "leeg").mkdir()
    _, out, _ = run(capsys, "--lang", "nl", "validate", str(tmp_path / "leeg"))
    assert "geen .yaml- of .yml-scenariobestanden in deze map" in out
    code, out, _ = run(capsys, "--lang", "nl", "validate", str(ROOT / "scenarios" / "speeltuin-kort.yaml"))
    assert code == 0 and out.strip().endswith("speeltuin-kort.yaml: ok")


def test_a_broken_scenario_given_to_analyze_is_reported_in_dutch_on_stderr(capsys, tmp_path):
    broken = tmp_path / "kapot.yaml"
    shutil.copy(BROKEN, broken)
    code, _, err = run(capsys, "--lang", "nl", "analyze", str(broken))
    assert code != 0 and "maar dat is geen knoop of einde" in err


def test_new_plan_test_and_list_speak_dutch_when_asked(capsys, tmp_path):
    """Not only the problems: what a command wrote, what to do next and how the plans went."""
    path = tmp_path / "mijn-gesprek.yaml"
    code, out, _ = run(capsys, "--lang", "nl", "new", str(path))
    assert code == 0 and f"geschreven: {path}" in out and "daarna: python -m simulator validate" in out
    plan = tmp_path / "mijn-gesprek-best.plan"
    code, out, _ = run(capsys, "--lang", "nl", "plan", str(path), "--auto", "best", "--out", str(plan))
    assert code == 0 and out.strip() == f"geschreven: {plan}"
    code, out, _ = run(capsys, "--lang", "nl", "test", str(plan))
    assert code == 0 and out.splitlines()[-1] == "1 geslaagd, 0 mislukt" and "ok (einde " in out
    code, out, _ = run(capsys, "test", str(plan))
    assert out.splitlines()[-1] == "1 passed, 0 failed"
    code, out, _ = run(capsys, "--lang", "nl", "list")
    assert " knopen, " in out and " beslissingen" in out and " decisions" not in out


def test_analyze_reports_in_dutch_when_asked_and_in_english_otherwise(capsys):
    code, dutch, _ = run(capsys, "--lang", "nl", "analyze", str(ROOT / "scenarios" / "speeltuin-kort.yaml"))
    assert code == 0
    for words in ("exact: alle 981 bereikbare situaties doorlopen", "doorspelingen: 14.112 verschillende",
                  "eindes (kans voor een speler die willekeurig kiest):", "scores per dimensie", "dekking:",
                  "spelen zonder te lezen", "  totaal "):
        assert words in dutch, words
    assert "playthroughs" not in dutch and "endings (chance" not in dutch and "50,6%" in dutch
    # The content-blind strategies and the kinds of ending are named in Dutch too.
    for words in ("eindigt op ? (nl)", "time-out bij elke beslissing", "langste (nl)", "signaalwoorden (nl)",
                  "eerste getoond", "  escalatie  ", "  uitgesteld  ", "  gedeeltelijk  ", "  akkoord  "):
        assert words in dutch, words
    assert "ends in ?" not in dutch and "escalation" not in dutch and "first shown" not in dutch
    code, english, _ = run(capsys, "analyze", str(ROOT / "scenarios" / "speeltuin-kort.yaml"))
    assert "exact: explored all 981 reachable states" in english and "playthroughs: 14,112 different" in english
    assert "  overall " in english
    assert "ends in ? (nl)" in english and "  escalation  " in english and "eindigt op" not in english


def test_an_ending_no_sample_reached_is_rare_not_never(capsys):
    """Sampled odds can't prove an ending impossible: one no random playthrough reached is given
    as below the sample's 95 % bound, and the coverage says "not in the samples", never "never"."""
    args = ("analyze", "--max-states", "100", "--samples", "30", str(ROOT / "tests" / "scenarios" / "realistic"
                                                                      / "fietsstraat.yaml"))
    code, english, _ = run(capsys, *args)
    assert code == 0 and "from 30 random playthroughs" in english
    endings = english.split("endings (chance", 1)[1].split("scores per dimension", 1)[0]
    assert "<10.0%" in endings and "never" not in english
    assert "endings reached: " in english and "— not in the samples: " in english
    code, dutch, _ = run(capsys, "--lang", "nl", *args)
    assert "<10,0%" in dutch and "nooit" not in dutch and "— niet in de steekproef: " in dutch
