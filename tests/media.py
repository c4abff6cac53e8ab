"""A small scenario with every channel, a room that reacts and lens tags: for the front ends' tests.

Built on ``crafted.GROUP`` (Bert's anger unsettles Ineke, with a text for the log; Ineke's
anger costs Bert's trust, without one; the middle line a chat message; ``luisteren`` tagged
persuasion and awareness2): a narrated line is followed by an e-mail from Bert in two
paragraphs, and the last decision is a phone call with Ineke.
"""

from __future__ import annotations

from tests.crafted import GROUP, MINIMAL

EMAIL_NL = "Geachte heer, mevrouw,\\n\\nIk wacht nog steeds op antwoord. Wanneer hoor ik iets?"
EMAIL_EN = "Dear Sir or Madam,\\n\\nI am still waiting for an answer. When will I hear?"
REACTION_NL = "Ineke schuift ongemakkelijk op haar stoel."
REACTION_EN = "Ineke shifts uneasily in her chair."

MEDIA = GROUP.replace("""  slot:
    speaker: narrator
    text: {nl: Het wordt stil., en: It goes quiet.}
    next: afsluiting
  afsluiting:
    speaker: ineke
    text: {nl: "En nu?", en: "And now?"}
""", f"""  slot:
    speaker: narrator
    text: {{nl: Het wordt stil., en: It goes quiet.}}
    next: mail
  mail:
    speaker: bert
    channel: email
    text: {{nl: "{EMAIL_NL}", en: "{EMAIL_EN}"}}
    next: afsluiting
  afsluiting:
    speaker: ineke
    channel: phone
    text: {{nl: "En nu?", en: "And now?"}}
""", 1)
assert MEDIA != GROUP

# The same meeting with no lens tag anywhere: no lens may show.
UNTAGGED = MEDIA.replace("        lens: [persuasion, awareness2]\n", "", 1)
assert "lens:" not in UNTAGGED and "lens:" not in MINIMAL
