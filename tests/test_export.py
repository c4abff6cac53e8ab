"""Saved sessions shown again and exported: sessions, debrief ID, --json/--md/--html."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import Session, load_scenario
from engine.play.scoring import totals
from simulator.journal import Journal
from simulator.places import journal_path
from tests.conftest import ROOT
from tests.crafted import MINIMAL

DOC = ROOT / "docs" / "debrief-json.md"
# Moves through MINIMAL: preparation answer, then choices (lines without choices are followed).
GOOD_RUN = ("veilig", "luisteren", "herkaderen", "samen")
POOR_RUN = ("groot", "kaders", "pauze", "later")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def journal_session(path: str, moves: tuple[str, ...], trainee: str = "") -> int:
    scenario = load_scenario(path)
    with Journal() as journal:
        session = Session.start(scenario)
        sid = journal.start(session, path, "nl", trainee=trainee)
        for move in moves:
            while session.can_continue:
                session.advance()
            if session.question is not None:
                session.answer(move)
            else:
                session.choose(move)
            journal.save(sid, session)
        while session.can_continue:
            session.advance()
        journal.save(sid, session)
        session.close()
    return sid


@pytest.fixture
def played(write_scenario):
    """A scenario file and two finished attempts of one trainee: a poor one, then a good one."""
    path = write_scenario(MINIMAL, "mini.yaml")
    first = journal_session(path, POOR_RUN, trainee="anna")
    second = journal_session(path, GOOD_RUN, trainee="anna")
    return path, first, second


def documented_keys() -> dict[str, set[str]]:
    """Section name -> the keys its table documents, read from docs/debrief-json.md."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `?([\w\[\] ]+?)`?$", line)
        if heading:
            current = heading.group(1)
            sections[current] = set()
        elif current and line.startswith("| `"):
            sections[current].add(line.split("`")[1])
    return sections


def test_sessions_lists_date_scenario_ending_and_score(played):
    path, first, second = played
    result = run("sessions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["nr", "datum", "scenario", "einde", "score"]
    newest, older = lines[1].split(), lines[2].split()
    assert newest[0] == str(second) and "mini" in newest and "afspraak" in newest and "anna" in newest
    assert older[0] == str(first) and "uitgesteld" in older
    assert re.match(r"\d{4}-\d\d-\d\d", newest[1])
    score = sum(totals(load_scenario(path), Session.start(load_scenario(path)).history).values())
    assert score == 0  # a fresh session scores nothing; the listed score comes from the finished one
    assert newest[-2] == "8"  # 1 (prep) + 2 + 1 (luisteren) + 2 (herkaderen) + 2 (samen)


def test_empty_journal_says_so(tmp_path):
    result = run("sessions")
    assert result.returncode == 0 and "Nog geen sessies" in result.stdout


@pytest.mark.slow
def test_debrief_again_in_the_terminal_with_progress(played):
    _, _, second = played
    result = run("debrief", str(second))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Nabespreking: Mini" in out and "Einde: Afspraak" in out
    assert "Voortgang (2 keer gespeeld)" in out and "Reflectievragen" in out
    english = run("debrief", str(second), "--lang", "en")
    assert "Progress (2 attempts)" in english.stdout and "Debrief: Mini" in english.stdout


@pytest.mark.slow
def test_json_export_has_exactly_the_documented_keys(played, tmp_path):
    _, _, second = played
    target = tmp_path / "out.json"
    result = run("debrief", str(second), "--json", str(target))
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "tussenwerker-debrief" and data["version"] == 2
    doc = documented_keys()
    assert set(data) == doc["top level"]
    assert set(data["session"]) == doc["session"]
    assert set(data["preparation"]) == doc["preparation"]
    assert set(data["decisions"][0]) == doc["decisions[]"]
    assert set(data["dimensions"][0]) == doc["dimensions[]"]
    assert set(data["progress"]) == doc["progress"]


@pytest.mark.slow
def test_json_numbers_agree_with_the_review(played, tmp_path):
    path, first, second = played
    target = tmp_path / "out.json"
    run("debrief", str(second), "--json", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["overall"]["score"] == 8 == sum(d["score"] for d in data["dimensions"])
    assert [d["step"] for d in data["decisions"]] == [1, 2, 3, 4]
    assert [d["choice"] for d in data["decisions"]] == list(GOOD_RUN)
    assert sum(data["counts"][v] for v in ("best", "good", "inaccuracy", "mistake")) == 4
    assert data["session"]["trainee"] == "anna" and data["ending"]["id"] == "afspraak"
    overall = next(t for t in data["progress"]["trends"] if t["key"] == "overall")
    poor = sum(totals(load_scenario(path), []).values())
    assert poor == 0 and overall["values"][1] == 8 and overall["since_first"] == 8 - overall["values"][0]
    assert [a["session"] for a in data["progress"]["attempts"]] == [first, second]
    assert len(data["reflection"]) == 4
    assert data["tips"] == [] and data["weakest"] == []  # a flawless run is told nothing to work on


def test_markdown_export_has_every_part(played, tmp_path):
    _, first, _ = played
    target = tmp_path / "out.md"
    assert run("debrief", str(first), "--md", str(target)).returncode == 0
    md = target.read_text(encoding="utf-8")
    for heading in ("# Nabespreking: Mini", "## Voorbereiding: 0 van 1 goed", "## Beslissing voor beslissing",
                    "## Per dimensie", "## Tips", "## Reflectievragen"):
        assert heading in md
    assert "**Sterker was:**" in md and "| Stap 3 — Ga naast de ander staan |" in md


def test_html_is_self_contained_escaped_and_set_up_for_a4(write_scenario, tmp_path):
    hostile = MINIMAL.replace("Vertel eens.", "<script>alert('x')</script> & meer")
    path = write_scenario(hostile, "mini.yaml")
    sid = journal_session(path, GOOD_RUN)
    target = tmp_path / "out.html"
    assert run("debrief", str(sid), "--html", str(target)).returncode == 0
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer" in html
    assert "<svg" in html and "@page { size: A4" in html and "break-inside: avoid" in html
    external = re.findall(r"(?:src|href)\s*=|url\(|@import|https?://(?!www\.w3\.org/2000/svg)", html)
    assert external == []


@pytest.mark.slow
def test_debrief_errors_are_one_line_naming_the_file(played, tmp_path):
    path, first, _ = played
    missing = run("debrief", "99")
    assert missing.returncode == 1 and missing.stderr.strip().endswith("there is no session 99")
    assert "journal.sqlite3" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")
    unwritable = run("debrief", str(first), "--html", str(blocked / "r.html"))
    assert unwritable.returncode == 1 and unwritable.stderr.startswith(str(blocked / "r.html"))
    assert "Traceback" not in unwritable.stderr
    Path(path).rename(Path(path).with_name("moved.yaml"))
    gone = run("debrief", str(first))
    # Not here, not shipped, not in the own folder: one line naming the file it was played from.
    assert gone.returncode == 1 and gone.stderr.strip().startswith(f"{path}:1:1: file not found, and no scenario")
    assert len(gone.stderr.strip().splitlines()) == 1
    found = run("debrief", str(first), "--scenario", str(Path(path).with_name("moved.yaml")))
    assert found.returncode == 0 and "Nabespreking: Mini" in found.stdout


# -- the HTML report in a real browser -------------------------------------------------
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (apt-get install chromium)")


def browser(tmp_path: Path, *args: str) -> None:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={tmp_path / 'chrome-profile'}", *args]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)


@pytest.fixture
def report_html(played, tmp_path) -> Path:
    _, _, second = played
    target = tmp_path / "report.html"
    assert run("debrief", str(second), "--html", str(target)).returncode == 0
    return target


@pytest.mark.slow
def test_html_report_screenshot_has_an_intact_layout(report_html, tmp_path):
    pygame = pytest.importorskip("pygame")
    shot = tmp_path / "report.png"
    width = 794  # A4 width at 96 dpi
    browser(tmp_path, f"--screenshot={shot}", f"--window-size={width},5000", report_html.as_uri())
    assert shot.exists(), "Chromium wrote no screenshot"
    image = pygame.image.load(str(shot))
    w, h = image.get_size()
    raw = pygame.image.tobytes(image, "RGB")
    rows = [raw[y * w * 3:(y + 1) * w * 3] for y in range(h)]
    white = b"\xff\xff\xff"
    content = [y for y, row in enumerate(rows) if row.strip(b"\xff")]
    assert len(content) > 500, "the page is (nearly) blank"
    left = min(len(row) - len(row.lstrip(b"\xff")) for row in rows if row.strip(b"\xff")) // 3
    right = min(len(row) - len(row.rstrip(b"\xff")) for row in rows if row.strip(b"\xff")) // 3
    # Nothing sticks out of the centred column (no overflow, no horizontal scrolling).
    assert left >= 30 and right >= 30, (left, right)
    assert rows[0][:3] == white and content[-1] < h - 50, "the page is longer than the screenshot"
    # The dimension chart was drawn: the bars' fill colours are there in quantity.
    bars = sum(raw.count(colour) for colour in (bytes((47, 125, 91)), bytes((181, 84, 47))))
    assert bars > 2000, bars


@pytest.mark.slow
def test_html_report_prints_on_a4_pages(report_html, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_html.as_uri())
    assert pdf.exists(), "Chromium wrote no PDF"
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes, "no pages in the PDF"
    for w, h in boxes:  # A4 is 595 x 842 points
        assert abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2


def test_debrief_strings_shadow_no_other_interface_string():
    from simulator import i18n
    from simulator.i18n import debrief as i18n_debrief
    def keys(path: Path) -> set[str]:
        return set(re.findall(r'^    "(\w+)": \{', path.read_text(encoding="utf-8"), re.M)) if path.exists() else set()

    others = keys(ROOT / "simulator" / "i18n" / "core.py") | keys(ROOT / "simulator" / "i18n" / "window.py")
    assert not set(i18n_debrief.STRINGS) & others
    for key, entry in i18n_debrief.STRINGS.items():
        assert i18n.STRINGS[key] is entry and set(entry) == {"nl", "en"}, key


@pytest.mark.slow
def test_a_session_that_no_longer_fits_its_edited_scenario_is_one_line(played):
    path, first, _ = played
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(text.replace("id: pauze", "id: adempauze"), encoding="utf-8")
    result = run("debrief", str(first))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"{path}: session {first} no longer fits this scenario "
                                     "(choice midden.pauze was removed)")


@pytest.mark.slow
def test_a_damaged_session_row_is_one_line(played):
    _, first, _ = played
    with Journal() as journal:
        journal.db.execute("UPDATE sessions SET data = '{broken' WHERE id = ?", (first,))
    result = run("debrief", str(first))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(journal_path())) and f"session {first} is damaged" in lines[0]
