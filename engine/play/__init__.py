"""One playthrough: the compiled rules, the transitions machine, the session, its state and scores."""
