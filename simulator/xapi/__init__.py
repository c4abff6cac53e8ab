"""xAPI 1.0.3: the statements a session produces, the journal's outbox, the sender to the academy's
Learning Record Store, and reading a cohort back from it. The profile is documented in ``docs/xapi.md``.

- ``profile``: every IRI (verbs, activity types, extensions, activity ids) in one place.
- ``config``: the LRS settings (config file, ``TUSSENWERKER_LRS_*``) and the trainee's identity.
- ``statements``: building statements from a session's steps.
- ``outbox``: the journal's outbox table — drafting in the step's transaction, finishing, delivering.
- ``client``: HTTP to the LRS (POST in batches, GET with paging), no dependency beyond the stdlib.
- ``sender``: the background sender (retries, backoff, batches, status line) and ``sync``.
- ``lrs_read``: the cohort report's sessions from the LRS's statements.
"""
