"""One module per screen: start, briefing, preparation, meeting, ending, debrief, settings, menu."""
