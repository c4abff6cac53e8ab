"""Interface strings of the media and the room: chat, e-mail and phone lines, the group's
reactions, and the debrief's lens (overtuigingskracht, omgevingsbewustzijn niveau 1-3).

Merged into ``i18n.STRINGS`` like the other tables (never replacing a key defined there);
``tr()`` is the only way to read them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # -- how a line reaches the trainee (a node's ``channel``) --
    "ch_chat_tag": {"nl": "chat", "en": "chat"},
    "ch_phone_tag": {"nl": "telefoon", "en": "phone"},
    "ch_email_tag": {"nl": "e-mail", "en": "e-mail"},
    "ch_in_chat": {"nl": "in de chat", "en": "in the chat"},
    "ch_on_phone": {"nl": "aan de telefoon", "en": "on the phone"},
    "ch_email_title": {"nl": "E-mail", "en": "E-mail"},
    "ch_email_from": {"nl": "Van: {name}", "en": "From: {name}"},
    "ch_email_to": {"nl": "Aan: jij", "en": "To: you"},
    "chat_title": {"nl": "Chat", "en": "Chat"},
    "chat_empty": {"nl": "Nog geen berichten in de chat.", "en": "No messages in the chat yet."},
    # -- the room reacting to one of its members (``group:``) --
    "room_tag": {"nl": "groep", "en": "room"},
    "room_reacted": {"nl": "Daarna reageerde de groep", "en": "Then the room reacted"},
    "room_reacted_silent": {"nl": "De groep reageerde, zonder woorden.", "en": "The room reacted, without words."},
    "room_mood": {"nl": "Wat dat met de stemming deed", "en": "What that did to the mood"},
    # -- the lens: moves the author tagged, discussed beside the nine dimensions, never scored --
    "lens_title": {"nl": "Lens: overtuigingskracht en omgevingsbewustzijn",
                   "en": "Lens: persuasiveness and environmental awareness"},
    "lens_legend": {"nl": "Naast de negen dimensies: zetten die de auteur markeerde als voorbeeld van wat de "
                          "tekst over de verbindende overheidsprofessional leert. Om met je trainer te bespreken; "
                          "ze tellen niet mee in een score.",
                    "en": "Beside the nine dimensions: moves the author marked as examples of what the text on "
                          "the connecting civil servant teaches. For discussing with your trainer; they count in "
                          "no score."},
    "lens_persuasion": {"nl": "Overtuigingskracht", "en": "Persuasiveness"},
    "lens_awareness1": {"nl": "Omgevingsbewustzijn niveau 1", "en": "Environmental awareness (level 1)"},
    "lens_awareness2": {"nl": "Omgevingsbewustzijn niveau 2", "en": "Environmental awareness (level 2)"},
    "lens_awareness3": {"nl": "Omgevingsbewustzijn niveau 3", "en": "Environmental awareness (level 3)"},
    # The seed's own words for persuasion (the levels' words come from engine.debrief.seedtext).
    "lens_about_persuasion": {"nl": "Met de juiste argumenten, op het juiste moment en met een passende stijl "
                                    "instemming verwerven voor ideeën en voorstellen",
                              "en": "Winning agreement for ideas and proposals with the right arguments, at the "
                                    "right moment and in a fitting style"},
    "lens_made": {"nl": "gedaan bij beslissing {steps}", "en": "made at decision {steps}"},
    "lens_missed": {"nl": "laten liggen bij beslissing {steps}", "en": "left at decision {steps}"},
    "lens_not_on_route": {"nl": "kwam niet voor op jouw route", "en": "not on offer on your route"},
    "lens_short": {"nl": "Lens", "en": "Lens"},
    "lens_this_move": {"nl": "Deze zet is een voorbeeld van", "en": "This move is an example of"},
    "lens_left_here": {"nl": "Hier lag ook een zet van {name}", "en": "Also on offer here, a move of {name}"},
}
