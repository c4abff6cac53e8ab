"""Blind rating round trip: make the sheets, fill them as raters would, read them back, report.

Three raters fill the speeltuin-kort sheet: one agreeing with the key (through the HTML form's
fields, saved as the form's JSON), one at random (in the spreadsheet), one inverted (JSON). The
report must flag what the definitions say and its numbers must match the hand counts below.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from engine import load_scenario
from engine.rating.compare import ALPHA_MIN, TAU_MIN, compare
from engine.rating.items import code_map, items, key
from engine.rating.ratings import RatingError
from engine.scenario.dimensions import DIMENSION_KEYS
from simulator.export.ratesheet_read import read_sheet
from tests.conftest import ROOT

# The hand-computed figures below are for this version of speeltuin-kort, kept as it was.
FROZEN_KORT = ROOT / "tests" / "scenarios" / "frozen" / "speeltuin-kort.yaml"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


class FormFields(HTMLParser):
    """What the HTML form offers a rater: decisions (with digest) and, per option code, its inputs."""

    def __init__(self):
        super().__init__()
        self.decisions: dict[str, dict] = {}
        self.current = None
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "data-d" in a:
            self.current = a["data-d"]
            self.decisions[self.current] = {"digest": a["data-digest"], "options": [], "dims": set()}
        elif tag == "select" and self.current is not None:
            entry = self.decisions[self.current]
            if a.get("data-k") == "order":
                entry["options"].append(a["data-o"])
            elif a.get("data-k") == "dim":
                entry["dims"].add(a["data-dim"])


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rating")
    scenario_path = folder / "speeltuin-kort.yaml"
    shutil.copy(FROZEN_KORT, scenario_path)
    for name in ("sheet.html", "sheet.csv"):
        result = run("rate-sheet", str(scenario_path), "--out", str(folder / name))
        assert result.returncode == 0, result.stderr
    return folder, scenario_path


def dense_rank(total: int, totals: list[int], inverted: bool = False) -> int:
    """1 for the strongest; equal totals share a place (the key's own ties)."""
    return 1 + len({t for t in totals if (t < total if inverted else t > total)})


def form_json(folder: Path, scenario, name: str, inverted: bool) -> Path:
    """Fill the HTML form's fields as the key says (or its mirror) and save what the form saves."""
    form = FormFields()
    form.feed((folder / "sheet.html").read_text(encoding="utf-8"))
    the_key, codes = key(scenario), code_map(scenario)
    decisions = {}
    for d, fields in form.decisions.items():
        assert fields["dims"] == set(DIMENSION_KEYS)
        totals = [k.total for k in the_key[d].values()]
        order, ratings = {}, {}
        for code in fields["options"]:
            k = the_key[d][codes[d][code]]
            order[code] = dense_rank(k.total, totals, inverted)
            ratings[code] = {dim: (-v if inverted else v) for dim, v in k.weights.items()}
        decisions[d] = {"digest": fields["digest"], "order": order, "ratings": ratings, "comment": ""}
    data = {"format": "tussenwerker-rating", "version": 1, "scenario": scenario.id, "language": "nl",
            "rater": {"name": name, "role": "trainer"}, "saved_at": "2025-03-01T10:00:00.000Z",
            "decisions": decisions}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def random_csv(folder: Path, name: str, seed: int) -> Path:
    """Fill the spreadsheet at random: a rank per option, now and then a dimension rating."""
    text = (folder / "sheet.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = next(i for i, r in enumerate(rows) if r and r[0] == "beslissing")
    header = rows[head]
    order_col, dims = header.index("volgorde"), range(header.index("Stap 1"), header.index("Inleving 4") + 1)
    per_decision: dict[str, int] = {}
    for r in rows[head + 1:]:
        if r[1]:
            per_decision[r[0]] = per_decision.get(r[0], 0) + 1
    rng = random.Random(seed)
    for r in rows[head + 1:]:
        if not r[1]:
            continue
        r[order_col] = str(1 + int(rng.random() * per_decision[r[0]]))
        for col in dims:
            if rng.random() < 0.25:
                value = int(rng.random() * 5) - 2
                r[col] = f"+{value}" if value > 0 else str(value).replace("-", "\u2212")  # as a spreadsheet shows it
    rows[1][1] = name
    rows[2][1] = "gedragsdeskundige"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path = folder / f"{name}.csv"
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def three(sheets):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    paths = [form_json(folder, scenario, "Anna", inverted=False), random_csv(folder, "Ravi", seed=22),
             form_json(folder, scenario, "Omar", inverted=True)]
    return folder, scenario_path, scenario, paths


@pytest.mark.slow
def test_the_three_raters_round_trip_through_the_command(three):
    folder, scenario_path, scenario, paths = three
    html, md = folder / "report.html", folder / "report.md"
    result = run("rate-report", str(scenario_path), *map(str, paths), "--html", str(html), "--md", str(md))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    text = md.read_text(encoding="utf-8")
    assert "| Anna | trainer |" in text and "| Ravi | gedragsdeskundige |" in text and "| Omar | trainer |" in text
    # Every decision is flagged: the inverted rater contradicts the agreeing one everywhere.
    assert text.count("onderling oneens") >= 9
    page = html.read_text(encoding="utf-8")
    assert page.count("class='decision flagged'") == 9 and "<script" not in page and "http" not in page


def test_agreeing_and_inverted_raters_give_the_hand_computed_numbers(three):
    _, _, scenario, paths = three
    report = compare(scenario, [read_sheet(str(p), scenario) for p in paths])
    assert report.raters == ("Anna", "Ravi", "Omar")
    for d in report.decisions:
        assert d.tau_key["Anna"] == pytest.approx(1.0) and d.tau_key["Omar"] == pytest.approx(-1.0)
        assert d.alpha_key["Anna"] == pytest.approx(1.0)
        # Omar's ratings mirror the key: alpha = -(n - 1)/n over the n (option, dimension) units.
        n = len(d.options) * len(d.dimensions)
        assert d.alpha_key["Omar"] == pytest.approx(-(n - 1) / n)
        # Omar's order is Anna's reversed, so tau(Omar, Ravi) = -tau(Anna, Ravi): the mean over the
        # three pairs is (-1 + t - t) / 3, or -1 when Ravi gave every option the same rank.
        expected = -1 / 3 if d.tau_key["Ravi"] is not None else -1.0
        assert d.tau_raters == pytest.approx(expected)
        assert d.flagged("raters")
        # The median of (1, Ravi, -1) is Ravi's own tau (or 0 when his is undefined).
        median = d.tau_key["Ravi"] if d.tau_key["Ravi"] is not None else 0.0
        assert d.tau_key_median == pytest.approx(median)
        assert d.flagged("key") == (median < TAU_MIN or (d.alpha_key_median or 0) < ALPHA_MIN
                                    or any(f.reason == "top" for f in d.flags))


def test_the_random_rater_by_hand(three):
    _, _, scenario, paths = three
    ravi = read_sheet(str(paths[1]), scenario)
    report = compare(scenario, [read_sheet(str(p), scenario) for p in paths])
    plan = next(d for d in report.decisions if d.id == "ineke_plan")
    # What seed 22 gave Ravi (pinned, so the hand counts below stay honest):
    assert dict(ravi.responses["ineke_plan"].order) == {"meteen_eerlijk": 2, "regels_uitleggen": 1,
                                                        "laten_vertellen": 2}
    # Key totals: meteen_eerlijk -2, regels_uitleggen -2, laten_vertellen +2. Ravi's strength (-rank):
    # -2, -1, -2. Pairs: (eerlijk, regels) tied in the key; (eerlijk, laten) tied in Ravi's order;
    # (regels, laten): Ravi regels > laten, key regels < laten: discordant.
    # C = 0, D = 1, n0 = 3, n1 = 1, n2 = 1: tau-b = -1 / sqrt(2 * 2) = -0.5.
    assert plan.tau_key["Ravi"] == pytest.approx(-0.5)
    assert plan.tau_key_median == pytest.approx(-0.5)  # the median of (1, -0.5, -1)
    assert ("key", "tau") in {(f.kind, f.reason) for f in plan.flags}

    reageert = next(d for d in report.decisions if d.id == "bert_reageert")
    assert dict(ravi.responses["bert_reageert"].order) == {"ultimatum": 1, "bedenktijd": 2, "sprinten": 2,
                                                           "gouden_brug": 4}
    # Key: ultimatum -3, bedenktijd +2, sprinten -2, gouden_brug +3. Ravi's strength: -1, -2, -2, -4.
    # (ult, bed) D; (ult, spr) D (key -3 < -2); (ult, gou) D; (bed, spr) tied in Ravi's order;
    # (bed, gou) D; (spr, gou) D. C = 0, D = 5, n0 = 6, n1 = 1, n2 = 0: tau-b = -5 / sqrt(5 * 6).
    assert reageert.tau_key["Ravi"] == pytest.approx(-5 / 30 ** 0.5)
    # Ravi put the key's weakest option (ultimatum) first: with Omar, two of three put another first.
    assert ("key", "top") in {(f.kind, f.reason) for f in reageert.flags}

    # Ravi gave all three preparation answers about the interest the same rank: no order, no tau.
    belang = next(d for d in report.decisions if d.id == "prep:belang_bewoners")
    assert dict(ravi.responses["prep:belang_bewoners"].order) == {"geld": 3, "grote_speeltuin": 3,
                                                                  "veilig_spelen": 3}
    assert belang.tau_key["Ravi"] is None
    assert belang.tau_raters == pytest.approx(-1.0)  # only the pair Anna-Omar is defined
    assert belang.tau_key_median == pytest.approx(0.0) and belang.flagged("key")


def test_experts_who_agree_with_each_other_but_not_the_key_flag_only_that_decision(sheets):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    codes = {o: c for c, o in code_map(scenario)["ineke_plan"].items()}
    paths = []
    for name in ("Anna", "Bea", "Cor"):
        path = form_json(folder, scenario, name, inverted=False)
        data = json.loads(path.read_text(encoding="utf-8"))
        # All three think being honest at once is strongest, then listening, then the rules.
        data["decisions"]["ineke_plan"]["order"] = {codes["meteen_eerlijk"]: 1, codes["laten_vertellen"]: 2,
                                                    codes["regels_uitleggen"]: 3}
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    report = compare(scenario, [read_sheet(str(p), scenario) for p in paths])
    assert [d.id for d in report.flagged] == ["ineke_plan"]
    plan = report.flagged[0]
    # Key totals: laten +2, regels -2, eerlijk -2. Raters' strength: eerlijk > laten > regels.
    # (eerlijk, laten) D; (eerlijk, regels) tied in the key; (laten, regels) C. C = 1, D = 1: tau-b = 0.
    assert plan.tau_key_median == pytest.approx(0.0)
    assert {(f.kind, f.reason) for f in plan.flags} == {("key", "tau"), ("key", "top")}
    assert plan.tau_raters == pytest.approx(1.0) and not plan.flagged("raters")
    assert plan.top_key == ("laten_vertellen",) and set(plan.top_raters.values()) == {("meteen_eerlijk",)}
    result = run("rate-report", str(scenario_path), *map(str, paths))
    assert result.returncode == 0
    flagged_rows = [line for line in result.stdout.splitlines() if "oneens met sleutel" in line]
    assert len(flagged_rows) == 1 and flagged_rows[0].startswith("| ineke_plan |")


def test_agreeing_raters_raise_no_flag(sheets):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    paths = [form_json(folder, scenario, name, inverted=False) for name in ("Anna", "Bea")]
    report = compare(scenario, [read_sheet(str(p), scenario) for p in paths])
    assert report.flagged == () and report.alpha_raters == pytest.approx(1.0)
    assert all(not dim.flags for dim in report.dimensions)


def test_the_sheet_hides_the_key_and_shuffles_stably(sheets):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    page = unescape((folder / "sheet.html").read_text(encoding="utf-8"))
    sheet = (folder / "sheet.csv").read_text(encoding="utf-8-sig")
    for node in scenario.nodes.values():
        for c in node.choices:
            assert c.text.get("nl") in page and c.text.get("nl") in sheet.replace('""', '"')
            assert c.feedback.get("nl") not in page and c.feedback.get("nl") not in sheet
            if "_" in c.id:  # an id that is no ordinary word gives the verdict away ("gouden_brug")
                assert c.id not in page and c.id not in sheet
    # Dimension keys only name the rater's own inputs; no weight, label or verdict is in either file.
    assert "step1" not in sheet and page.count("step1") == page.count("data-dim='step1'")
    for word in ("label", "mistake", "inaccuracy", '"score"', "weights", "correct"):
        assert word not in sheet and f"{word}'" not in page and f'{word}"' not in page
    # Shuffled: somewhere the sheet's order isn't the file's; the same seed gives the same sheet.
    blind = items(scenario)
    assert any([o.option_id for o in i.options] != list(key(scenario)[i.id]) for i in blind)
    assert items(scenario) == blind and items(scenario, "another") != blind


def test_bad_sheets_get_one_line_naming_file_and_line(sheets, tmp_path):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    text = (folder / "sheet.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    head = next(i for i, r in enumerate(rows) if r and r[0] == "beslissing")
    first, second = head + 2, head + 3  # two option rows of the first decision

    def write(edit, name="bad.csv", encoding="utf-8") -> Path:
        copy = [list(r) for r in rows]
        edit(copy)
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(copy)
        path = tmp_path / name
        path.write_bytes(out.getvalue().encode(encoding, errors="replace"))  # as Excel does
        return path

    def line_of(row_index: int) -> int:  # the file line of a row (the briefing has multi-line cells)
        return 1 + sum(1 + sum(c.count("\n") for c in r) for r in rows[:row_index])

    mixed = write(lambda r: (r[first].__setitem__(3, "1"), r[second].__setitem__(3, "zwak")))
    with pytest.raises(RatingError) as err:
        read_sheet(str(mixed), scenario)
    assert "not both" in str(err.value) and str(err.value).startswith(f"{mixed}:")

    too_far = write(lambda r: r[second].__setitem__(3, "7"))
    with pytest.raises(RatingError) as err:
        read_sheet(str(too_far), scenario)
    assert str(err.value).startswith(f"{too_far}:{line_of(second)}:") and "'7'" in str(err.value)

    rating = write(lambda r: r[first].__setitem__(5, "heel goed"))
    with pytest.raises(RatingError) as err:
        read_sheet(str(rating), scenario)
    assert str(err.value).startswith(f"{rating}:{line_of(first)}:") and "-2 to +2" in str(err.value)

    # Excel's "CSV (gescheiden door lijstscheidingsteken)": Windows-1252, verdict words in capitals.
    excel = write(lambda r: (r.__setitem__(1, ["Naam", "Zoë Verhoef"]), r[first].__setitem__(3, "Beste"),
                             r[second].__setitem__(3, "ZWAK")), "excel.csv", "cp1252")
    sheet = read_sheet(str(excel), scenario)
    assert sheet.rater == "Zoë Verhoef" and sheet.responses[rows[first][0]].order_kind == "verdict"

    result = run("rate-report", str(scenario_path), str(mixed), str(too_far))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2


def test_answers_to_an_earlier_version_are_left_out_with_a_warning(sheets, tmp_path):
    folder, scenario_path = sheets
    changed = tmp_path / "speeltuin-kort.yaml"
    text = scenario_path.read_text(encoding="utf-8")
    changed.write_text(text.replace("score: {step3: 1, e2: 1}", "score: {step3: 2, e2: 1}", 1), encoding="utf-8")
    old = load_scenario(str(scenario_path))
    path = form_json(folder, old, "Anna", inverted=False)
    new = load_scenario(str(changed))
    sheet = read_sheet(str(path), new)
    assert sheet.stale == ("ineke_plan",) and "ineke_plan" not in sheet.responses
    assert len(sheet.responses) == len(old.nodes and [d for d in items(old)]) - 1
    assert any("changed since this sheet was made" in w for w in sheet.warnings)
    other = tmp_path / "other.yaml"
    other.write_text(text.replace("id: speeltuin-kort", "id: andere", 1), encoding="utf-8")
    with pytest.raises(RatingError) as err:
        read_sheet(str(path), load_scenario(str(other)))
    assert "'speeltuin-kort', not 'andere'" in str(err.value)


@pytest.mark.slow
def test_rate_sheet_refuses_to_overwrite_and_unknown_extensions(sheets):
    folder, scenario_path = sheets
    again = run("rate-sheet", str(scenario_path), "--out", str(folder / "sheet.csv"))
    assert again.returncode == 1 and "already exists" in again.stderr
    odd = run("rate-sheet", str(scenario_path), "--out", str(folder / "sheet.xlsx"))
    assert odd.returncode == 1 and ".csv" in odd.stderr
    english = run("rate-sheet", str(scenario_path), "--out", str(folder / "sheet-en.csv"), "--lang", "en")
    assert english.returncode == 0
    head = (folder / "sheet-en.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head.startswith("tussenwerker-rating,1,speeltuin-kort")


def test_a_json_sheet_error_names_the_line_of_the_bad_value(sheets, tmp_path):
    folder, scenario_path = sheets
    scenario = load_scenario(str(scenario_path))
    path = form_json(folder, scenario, "Anna", inverted=False)
    data = json.loads(path.read_text(encoding="utf-8"))
    code = code_map(scenario)["bert_boos"]
    bad = next(c for c, o in code.items() if o == "herstellen")
    data["decisions"]["bert_boos"]["order"][bad] = 9
    broken = tmp_path / "broken.json"
    text = json.dumps(data, indent=2)
    broken.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if '"bert_boos"' in line)
    line = next(i for i in range(start, len(lines)) if f'"{bad}": 9' in lines[i]) + 1
    with pytest.raises(RatingError) as err:
        read_sheet(str(broken), scenario)
    assert str(err.value) == f"{broken}:{line}: decision bert_boos: 9 is not a rank (1-3) or best/acceptable/poor " \
                             "(beste/acceptabel/zwak)"
    broken.write_text(text[:-40], encoding="utf-8")
    with pytest.raises(RatingError) as err:
        read_sheet(str(broken), scenario)
    assert "not valid JSON" in str(err.value)


@pytest.mark.slow
def test_the_rating_report_never_writes_over_a_file_it_was_not_told_to_replace(three, tmp_path):
    """It wrote over any file named with --html/--md: an earlier report, the input sheet, even the
    session journal (whose sessions were then moved aside as damaged). And it wrote through a
    fixed temporary name, so a link planted there redirected the report onto another file."""
    _, scenario_path, _, paths = three
    kept = tmp_path / "earlier.html"
    kept.write_text("an earlier report", encoding="utf-8")
    refused = run("rate-report", str(scenario_path), str(paths[0]), "--html", str(kept))
    assert refused.returncode == 1 and "already exists" in refused.stderr and "add --force" in refused.stderr
    assert kept.read_text(encoding="utf-8") == "an earlier report"
    assert run("rate-report", str(scenario_path), str(paths[0]), "--html", str(kept), "--force").returncode == 0
    assert "<html" in kept.read_text(encoding="utf-8").lower()

    journal = tmp_path / "data" / "journal.sqlite3"
    journal.parent.mkdir()
    sqlite3.connect(journal).execute("CREATE TABLE t (x)").connection.commit()
    before = journal.read_bytes()
    into_journal = subprocess.run([sys.executable, "-m", "simulator", "rate-report", str(scenario_path),
                                   str(paths[0]), "--md", str(journal), "--force"], capture_output=True, text=True,
                                  cwd=ROOT, timeout=120, env={**os.environ, "TUSSENWERKER_DATA": str(journal.parent)})
    assert into_journal.returncode == 1 and "won't write" in into_journal.stderr
    assert journal.read_bytes() == before

    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    (tmp_path / ".planted.html.tmp").symlink_to(victim)
    planted = run("rate-report", str(scenario_path), str(paths[0]), "--html", str(tmp_path / "planted.html"))
    assert planted.returncode == 0
    assert victim.read_text(encoding="utf-8") == "untouched"


@pytest.mark.parametrize("name, content", [
    ("huge.csv", "a;" + "x" * 140_000 + "\n"), ("deep.json", "{" + '"a": [' * 3000 + "]" * 3000 + "}"),
    ("digits.json", '{"format": "tussenwerker-rating", "version": 1' + "0" * 5000 + "}"),
    ("utf16.csv", None), ("pipe.csv", "")])
def test_a_file_that_is_no_rating_sheet_is_one_line_naming_it(tmp_path, name, content):
    """A cell too large for CSV, UTF-16 text, a number of thousands of digits or nesting thousands
    deep crashed rate-report; a pipe named as a sheet made it wait for ever."""
    scenario = load_scenario(str(ROOT / "scenarios" / "speeltuin-kort.yaml"))
    path = tmp_path / name
    if name == "pipe.csv":
        os.mkfifo(path)
    elif content is None:
        path.write_bytes("naam;rol\n\x00Anna;trainer\r\n".encode("utf-16-le"))
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(RatingError) as err:
        read_sheet(str(path), scenario)
    assert str(err.value).startswith(f"{path}:") and "\n" not in str(err.value)


def test_a_sheet_handed_in_twice_is_counted_once_so_agreement_is_not_inflated(three, tmp_path):
    """The same file named twice (or a copy of a named rater's sheet) made that rater agree with
    themselves: the raters' agreement looked better than it was."""
    folder, scenario_path, _, paths = three
    anna, ravi = paths[0], paths[1]
    copy = tmp_path / "anna-kopie.json"
    copy.write_bytes(anna.read_bytes())
    once = run("rate-report", str(scenario_path), str(anna), str(ravi))
    twice = run("rate-report", str(scenario_path), str(anna), str(ravi), str(anna), str(copy))
    assert once.returncode == twice.returncode == 0, twice.stderr
    assert twice.stdout == once.stdout.replace(_stamp(once.stdout), _stamp(twice.stdout))
    assert twice.stderr.count("the same sheet as") == 2 and "counted once" in twice.stderr
    assert str(copy) in twice.stderr and "Traceback" not in twice.stderr


def _stamp(text: str) -> str:
    return re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text).group(0)
