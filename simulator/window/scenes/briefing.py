"""The briefing (Ury's step 1 begins here): the setting, the municipality's goals, the mandate."""

from __future__ import annotations

from typing import Optional

from engine import Scenario
from simulator.review_service import ReviewJob
from simulator.window.scenes.common import ButtonSpec, DocumentScene, bullets, esc, heading_html, muted


class BriefingScene(DocumentScene):
    name = "briefing"

    def __init__(self, app, scenario: Scenario, path: str, readonly: bool = False,
                 parent_id: Optional[int] = None):
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.parent_id = parent_id  # the session this one plays again
        self.readonly = readonly  # opened from the preparation to look something up
        if not readonly:
            ReviewJob.for_scenario(scenario)  # start exploring for the debrief right away

    def reload_owner(self, below):
        """The briefing itself; looked up from a go, the go below it."""
        if not self.readonly:
            return self
        return below if below is not None and getattr(below, "play", None) is not None else None

    def reload_path(self) -> str:
        return self.path

    def reloaded(self, scenario: Scenario) -> "BriefingScene":
        return BriefingScene(self.app, scenario, self.path, parent_id=self.parent_id)

    def title(self) -> str:
        return self.scenario.title.get(self.lang)

    def subtitle(self) -> str:
        return f"{self.tr('briefing')} · {self.scenario.setting.meeting.get(self.lang)}"

    def document_html(self) -> str:
        s, L = self.scenario, self.lang
        st = s.setting
        parts: list[str] = []

        def section(title: str, body: str) -> None:
            parts.append(heading_html(self, title) + "<br>" + body)

        if st.situation.variants:
            section(self.tr("situation"), esc(st.situation.get(L)))
        if st.your_role.variants:
            section(self.tr("your_role"), esc(st.your_role.get(L)))
        if st.goals:
            section(self.tr("goals"), bullets([g.get(L) for g in st.goals]))
        if st.room_to_move:
            section(self.tr("room_to_move"), bullets([r.get(L) for r in st.room_to_move]))
        people = []
        for r in s.residents:
            line = f"<b>{esc(r.name)}</b>"
            extra = [x.get(L) for x in (r.role, r.group) if x.variants]
            if extra:
                line += " — " + esc(", ".join(extra))
            if r.position.variants:
                line += "<br>" + muted(esc(f"{self.tr('position')}: {r.position.get(L)}"))
            people.append(line)
        if people:
            section(self.tr("residents"), "<br>".join(people))
        if s.learning_goals:
            section(self.tr("learning_goals"), bullets([g.get(L) for g in s.learning_goals]))
        if s.preparation is not None and s.preparation.intro.variants and not self.readonly:
            section(self.tr("preparation"), esc(s.preparation.intro.get(L)))
        return "<br><br>".join(parts)

    def hint(self) -> str:
        return self.tr("doc_hint_back" if self.readonly else "doc_hint")

    def footer_specs(self) -> list[ButtonSpec]:
        if self.readonly:
            return [(self.tr("back"), self.app.pop, "#primary")]
        forward = "to_preparation" if self.scenario.preparation and self.scenario.preparation.questions \
            else "start_meeting"
        return [(self.tr("back"), self.app.pop, None),
                (self.tr(forward), lambda: self.app.begin(self.scenario, self.path, self.parent_id), "#primary")]

    def escape(self) -> None:
        if self.readonly:
            self.app.pop()
        else:
            self.app.open_menu()
