"""One shape for a played session, whatever it came from: the trainer report's input.

A trainer's cohort arrives in three forms: journals (the trainees' own SQLite files, or
this machine's), exported JSON debriefs (``debrief ID --json``), and xAPI statements in
the academy's Learning Record Store (``simulator.xapi.lrs_read``). Each reader turns its
form into ``PlayedSession`` records holding what the report counts — the scenario and
its version, the ending, the totals, and per decision the option taken, its verdict and
the best option there — so the report and the heat map never care where a session came from.

Journals are reviewed again with the engine's game review (the same as their debriefs);
debrief files and statements carry the verdicts the review gave when they were made.
Files named by the trainer are only read: a journal is opened read-only and never
migrated, so a trainee's file is handed back exactly as it came.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional

from engine import Scenario, Session
from engine.debrief.review import Review
from engine.scenario.dimensions import DIMENSION_KEYS
from engine.scenario.errors import SaveError
from simulator import kept_values
from simulator.debriefing import DebriefError, journaled_review, saved_session, scenario_for, session_review
from simulator.export.json_data import JSON_VERSION
from simulator.journal import APPLICATION_ID, Journal, SessionRecord

OVERALL = "overall"
JOURNAL_SUFFIXES = (".sqlite3", ".sqlite", ".db")
MAX_DEBRIEF_BYTES = 20 * 1024 * 1024  # a debrief is tens of kilobytes; anything far bigger isn't one


class CohortError(Exception):
    """A source that can't be read; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class PlayedDecision:
    kind: str  # "prep", "meeting" or "timeout"
    node: str  # node id, or the preparation question's id
    choice: str  # the option taken ("timeout" for a time-out)
    verdict: Optional[str] = None  # best | good | inaccuracy | mistake; None: not judged
    missed: Optional[str] = None  # the missed-opportunity reason, if one was missed
    best: Optional[str] = None  # the best option there, when known
    own_words: Optional[str] = None  # what the trainee typed before seeing the options (own-words mode)


@dataclass(frozen=True)
class PlayedSession:
    source: str  # where it came from, for messages ("journal.sqlite3 #12", "anna.json", "lrs <registration>")
    scenario_id: str
    scenario_digest: str
    started_at: Optional[float]
    finished: bool
    ending: Optional[str]
    totals: Mapping[str, int]  # per dimension key
    best: Mapping[str, int] = field(default_factory=dict)  # the route's references per dimension, and "overall"
    decisions: tuple[PlayedDecision, ...] = ()
    replay: bool = False  # a replay from a decision: counted apart, never in the figures
    identity: str = ""  # the LRS's registration; files are matched by what was played (``same_key``)
    scenario: Optional[Scenario] = field(default=None, compare=False, repr=False)  # when reviewed here

    @property
    def label(self) -> str:
        """The session as a trainer names it in a report: its number in its journal ("12"), else
        the debrief file's name or the LRS registration (never a folder of this machine)."""
        head, sep, number = self.source.rpartition(" #")
        if sep and number.isdigit():
            return number
        return Path(self.source).name if self.source else self.identity

    @property
    def overall(self) -> int:
        return sum(self.totals.get(k, 0) for k in DIMENSION_KEYS)

    def same_key(self) -> str:
        """What makes two records the same session: the identity when given, else the scenario,
        the second it started and the path taken (two trainees in one classroom may start the
        same scenario in the same second; only an identical playthrough is merged)."""
        if self.identity:
            return self.identity
        second = "" if self.started_at is None else str(int(self.started_at))
        path = ",".join(f"{d.node}.{d.choice}" for d in self.decisions)
        return f"{self.scenario_id}|{second}|{path}"


def from_review(review: Review, source: str, started_at: Optional[float], replay: bool = False,
                identity: str = "", digest: Optional[str] = None) -> PlayedSession:
    """A reviewed session (from a journal) as a record."""
    decisions = []
    for d in review.decisions:
        best = d.better_id if d.better_id is not None else (d.decision.choice_id if d.verdict == "best" else None)
        decisions.append(PlayedDecision(d.decision.kind, d.decision.node_id, d.decision.choice_id, d.verdict,
                                        d.missed_reason if d.missed_opportunity else None, best,
                                        d.decision.own_words or None))
    s = review.scenario
    return PlayedSession(
        source, s.id, s.digest if digest is None else digest, started_at, review.ending is not None,
        review.ending.id if review.ending else None, dict(review.totals),
        {**review.best, OVERALL: review.best_overall}, tuple(decisions), replay, identity, s)


# -- exported debriefs ---------------------------------------------------------------------
def _parse_time(text: Any) -> Optional[float]:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def from_debrief_data(data: Any, source: str) -> PlayedSession:
    """An exported debrief (``docs/debrief-json.md``) as a record; ``CohortError`` if it isn't one."""
    if not isinstance(data, Mapping) or data.get("format") != "tussenwerker-debrief":
        raise CohortError(f"{source}: not a Tussenwerker debrief (no \"format\": \"tussenwerker-debrief\")")
    version = data.get("version", 1)
    if type(version) is not int or not 1 <= version <= JSON_VERSION:
        shown = str(version)[:20]
        raise CohortError(f"{source}: a debrief of a version this program doesn't know (\"version\": {shown}; "
                          f"it reads 1 to {JSON_VERSION}): update Tussenwerker to read it" if type(version) is int
                          and version > JSON_VERSION else f"{source}: not a debrief file this program can read "
                          f"(\"version\": {shown})")
    try:
        scenario = data["scenario"]
        session = data.get("session") or {}
        ending = data.get("ending")
        totals = {str(d["key"]): int(d["score"]) for d in data["dimensions"]}
        best = {str(d["key"]): int(d["best"]) for d in data["dimensions"]}
        overall = data.get("overall") or {}
        if isinstance(overall.get("best"), int):
            best[OVERALL] = overall["best"]
        decisions = []
        for d in data["decisions"]:
            verdict = d.get("verdict")
            better = d.get("better") or {}
            chosen = str(d["choice"])
            top = better.get("choice") if isinstance(better, Mapping) else None
            decisions.append(PlayedDecision(
                str(d.get("kind") or "meeting"), str(d["node"]), chosen,
                verdict if isinstance(verdict, str) else None,
                d.get("missed_reason") if d.get("missed_opportunity") else None,
                str(top) if top else (chosen if verdict == "best" else None),
                d["own_words"] if isinstance(d.get("own_words"), str) and d["own_words"] else None))
        return PlayedSession(
            source, str(scenario["id"]), str(scenario.get("digest") or ""), _parse_time(session.get("started_at")),
            ending is not None and bool(session.get("finished", True)),
            str(ending["id"]) if isinstance(ending, Mapping) else None, totals, best, tuple(decisions),
            session.get("branch_step") is not None)
    except (KeyError, TypeError, ValueError) as exc:
        raise CohortError(f"{source}: a debrief with a missing or odd field ({exc})") from None


def read_debrief_file(path: Path) -> PlayedSession:
    try:
        if not path.is_file():  # a pipe or a device would be read for ever
            raise CohortError(f"{path}: not a regular file")
        if path.stat().st_size > MAX_DEBRIEF_BYTES:
            raise CohortError(f"{path}: too big for a debrief file")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CohortError(f"{path}: can't be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CohortError(f"{path}: not UTF-8 text") from None
    except ValueError as exc:
        raise CohortError(f"{path}: not JSON ({exc})") from None
    except RecursionError:
        raise CohortError(f"{path}: not a debrief file (nested far too deep)") from None
    try:
        return from_debrief_data(data, str(path))
    except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
        # A field of the wrong type that the checks in from_debrief_data don't foresee.
        raise CohortError(f"{path}: not a debrief file this program can read ({type(exc).__name__}: "
                          f"{str(exc)[:120]})") from None


# -- journals --------------------------------------------------------------------------------
def _journal_rows(path: Path) -> list[sqlite3.Row]:
    """The finished sessions of a journal file, read-only (the file is never changed)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise CohortError(f"{path}: can't be opened ({exc})") from None
    db.row_factory = sqlite3.Row
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise CohortError(f"{path}: not a Tussenwerker session journal")
        columns = {r[1] for r in db.execute("PRAGMA table_info(sessions)")}
        wanted = ["id", "scenario_id", "scenario_path", "started_at", "finished", "parent_id", "data"]
        extra = [c for c in ("scenario_digest", "branch_index", "valued") if c in columns]
        return db.execute(f"SELECT {', '.join(wanted + extra)} FROM sessions WHERE finished = 1"
                          " ORDER BY started_at, id").fetchall()
    except sqlite3.Error as exc:
        raise CohortError(f"{path}: can't be read as a session journal ({exc})") from None
    finally:
        db.close()


def read_journal_file(path: Path, problems: list[str]) -> list[PlayedSession]:
    """Every finished session of a journal file, reviewed; one line in ``problems`` per session
    that can't be (its scenario is gone, or no longer fits)."""
    out = []
    for row in _journal_rows(path):
        keys = row.keys()
        branch = row["branch_index"] if "branch_index" in keys else None
        try:  # a journal handed in may have been edited: a row whose columns aren't what they should be
            record = SessionRecord(
                id=int(row["id"]), scenario_id=str(row["scenario_id"]), scenario_path=str(row["scenario_path"]),
                language="nl", started_at=float(row["started_at"]), updated_at=float(row["started_at"]),
                finished=True, ending=None, overall=None, parent_id=row["parent_id"], trainee="",
                branch_index=branch if isinstance(branch, int) or branch is None else None,
                scenario_digest=str(row["scenario_digest"] or "") if "scenario_digest" in keys else "")
        except (TypeError, ValueError, OverflowError):
            problems.append(f"{path} #{row['id']}: can't be read (a column has the wrong kind of value)")
            continue
        source = f"{path} #{record.id}"
        if record.is_branch:  # only counted: its first decisions are the first attempt's
            out.append(PlayedSession(source, record.scenario_id, record.scenario_digest, record.started_at, True,
                                     None, {}, replay=True, identity=f"{path.resolve()}#{record.id}"))
            continue
        try:
            scenario = scenario_for(record)
            out.append(_reviewed(scenario, row["data"], source, record, row["valued"] if "valued" in keys else None))
        except DebriefError as exc:
            problems.append(f"{source}: {exc}")
    return out


def _reviewed(scenario: Any, raw: str, source: str, record: Any, valued: Optional[str] = None) -> PlayedSession:
    """``valued``: the debrief's values kept with the session (``kept_values``), used where they hold."""
    try:
        data = json.loads(raw)
        session = Session.from_data(scenario, data)
    except RecursionError:
        raise DebriefError("can't be read (nested far too deep)") from None
    except (ValueError, TypeError, SaveError) as exc:
        raise DebriefError(f"can't be read ({exc})") from None
    digest = data.get("digest", "") if isinstance(data, dict) else ""
    return from_review(session_review(session, kept_values.parse(valued, session)), source, record.started_at,
                       record.is_branch, digest=digest or scenario.digest)


def this_journal(problems: list[str], scenario_id: Optional[str] = None,
                 trainee: Optional[str] = None) -> list[PlayedSession]:
    """The finished sessions of this machine's journal (the report without named sources)."""
    out = []
    with Journal() as journal:
        if journal.notice:
            problems.append(journal.notice)
        for record in reversed(journal.sessions(scenario_id, trainee)):
            if not record.finished:
                continue
            if record.is_branch:  # only counted: its first decisions are the first attempt's
                out.append(PlayedSession(f"{journal.path} #{record.id}", record.scenario_id, record.scenario_digest,
                                         record.started_at, True, record.ending, dict(record.totals or {}),
                                         replay=True, identity=f"{journal.path}#{record.id}"))
                continue
            try:
                scenario = scenario_for(record)
                session = saved_session(journal, record, scenario)
                result = journaled_review(journal, record.id, session)
            except DebriefError as exc:
                problems.append(f"session {record.id}: {exc}")
                continue
            out.append(from_review(result, f"{journal.path} #{record.id}", record.started_at, record.is_branch,
                                   digest=record.scenario_digest or None))
    return out


# -- a set of sources ---------------------------------------------------------------------------
def source_files(paths: Iterable[str]) -> Iterator[Path]:
    """The files a trainer named: a folder stands for its debriefs and journals (not recursive)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir()
                               if p.is_file() and (p.suffix == ".json" or p.suffix in JOURNAL_SUFFIXES))
            except OSError as exc:
                raise CohortError(f"{path}: can't be listed ({exc.strerror or exc})") from None
            if not found:
                raise CohortError(f"{path}: no .json debriefs or journal files in this folder")
            yield from found
        else:
            yield path


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_sources(paths: Iterable[str], problems: list[str]) -> list[PlayedSession]:
    """Every session in the named files, each once (the same session from a journal and from
    its exported debrief counts once). A file that can't be read is one line in ``problems``."""
    seen: dict[str, PlayedSession] = {}
    for path in source_files(paths):
        if not path.exists():
            problems.append(f"{path}: no such file")
            continue
        if not path.is_file():  # a pipe or a device would be read for ever
            problems.append(f"{path}: not a regular file")
            continue
        try:
            if path.suffix in JOURNAL_SUFFIXES or _looks_like_sqlite(path):
                found = read_journal_file(path, problems)
            else:
                found = [read_debrief_file(path)]
        except CohortError as exc:
            problems.append(str(exc))
            continue
        for played in found:
            seen.setdefault(played.same_key(), played)
    return list(seen.values())


def select(sessions: Iterable[PlayedSession], scenario_id: Optional[str] = None,
           since: Optional[float] = None) -> list[PlayedSession]:
    """The sessions of one scenario and/or started at or after ``since``."""
    out = []
    for s in sessions:
        if scenario_id is not None and s.scenario_id != scenario_id:
            continue
        if since is not None and (s.started_at is None or s.started_at < since):
            continue
        out.append(s)
    return out
