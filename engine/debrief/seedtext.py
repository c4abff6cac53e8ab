"""The seed text's named lists, verbatim in Dutch, with our English translations.

These close every debrief: the reflection questions and tips as the source text gives
them, and the three levels of omgevingsbewustzijn the third question refers to.
"""

from __future__ import annotations

from ..scenario.text import Text


def _t(nl: str, en: str) -> Text:
    return Text({"nl": nl, "en": en}, "nl")


REFLECTION_QUESTIONS: tuple[Text, ...] = (
    _t("In hoeverre is het in jouw functie van belang verschillende partijen met elkaar te verbinden? "
       "Op welke wijze geef je hier momenteel invulling aan? Hoe zou je dit kunnen verbeteren?",
       "To what extent is it important in your role to connect different parties? How do you do this "
       "at the moment? How could you improve it?"),
    _t("Met het maken van beleid in cocreatie streef je als het goed is concrete doelstellingen na samen "
       "met de partners. Houd je bij het formuleren van doelstellingen ook rekening met de "
       "doelstellingen van de partijen waarmee je samenwerkt?",
       "When you make policy in co-creation, you should be pursuing concrete goals together with your "
       "partners. When you formulate goals, do you also take into account the goals of the parties "
       "you work with?"),
    _t("Je hebt kunnen lezen dat er verschillende niveaus zijn waarop je omgevingsbewust kunt optreden. "
       "Op welke niveaus ben jij omgevingsbewust? Kun je hierbij voorbeelden noemen?",
       "You have read that there are different levels at which you can act with environmental "
       "awareness. At which levels are you environmentally aware? Can you give examples?"),
    _t("Partijen met elkaar verbinden vraagt om inlevingsvermogen. Wat doe jij concreet om je in te "
       "leven in de situatie van anderen?",
       "Connecting parties requires empathy. What do you concretely do to put yourself in the "
       "situation of others?"),
)

TIPS: tuple[Text, ...] = (
    _t("Zoek naar mogelijkheden om de koek te vergroten in plaats van te verdelen.",
       "Look for ways to enlarge the pie instead of dividing it."),
    _t("Concentreer je op dat wat jij uit een samenwerking wilt halen en niet op het terugpakken van "
       "een samenwerkingspartner.",
       "Concentrate on what you want to get out of a collaboration, not on getting back at a partner."),
    _t("Bedenk vooraf goed wat je wilt bereiken wanneer je partijen met elkaar verbindt.",
       "Think carefully beforehand about what you want to achieve when you connect parties."),
    _t("Betrek de ander actief bij het zoeken naar oplossingen om tot elkaar te komen.",
       "Actively involve the other in looking for solutions to come together."),
    _t("Houd rekening met de belangen van alle partijen en zet deze eens rustig op papier.",
       "Take the interests of all parties into account and calmly write them down."),
    _t("Prik een vast moment in de week waarop je bewust op zoek gaat naar relevant nieuws uit de media.",
       "Set a fixed moment each week to deliberately look for relevant news in the media."),
    _t("Plaats jezelf regelmatig in de rol van buitenstaander om constructief met alle partners mee te "
       "kunnen denken.",
       "Regularly put yourself in the role of an outsider, so you can think along constructively with "
       "all partners."),
    _t("Treed als bemiddelaar op bij je eigen onderhandelingen.",
       "Act as a mediator in your own negotiations."),
)

# Which tips speak to which dimension, so the debrief can pick the ones that fit the
# trainee's weakest dimensions (indices into TIPS).
TIPS_FOR_DIMENSION: dict[str, tuple[int, ...]] = {
    "step1": (2, 4), "step2": (1, 7), "step3": (6, 3), "step4": (3, 0), "step5": (0, 3),
    "e1": (6, 4), "e2": (6, 3), "e3": (4, 6), "e4": (7, 1),
}

OMGEVINGSBEWUSTZIJN_LEVELS: tuple[tuple[Text, tuple[Text, ...]], ...] = (
    (_t("Niveau 1: Je informeren over externe ontwikkelingen",
        "Level 1: Informing yourself about external developments"), (
        _t("Je bent op de hoogte van actuele zaken en weet wat er speelt op maatschappelijk, politiek, "
           "technologisch en economisch gebied.",
           "You keep up with current affairs and know what is going on socially, politically, "
           "technologically and economically."),
        _t("Je stelt je op de hoogte van ontwikkelingen binnen het eigen vakgebied.",
           "You keep yourself informed of developments in your own field."),
        _t("Je wisselt regelmatig van gedachten met anderen over de externe ontwikkelingen.",
           "You regularly exchange views with others about external developments."),
    )),
    (_t("Niveau 2: Actief gebruikmaken van je kennis van de externe ontwikkelingen",
        "Level 2: Actively using your knowledge of external developments"), (
        _t("Je communiceert regelmatig over de betekenis die aan externe ontwikkelingen moet worden "
           "toegekend.",
           "You regularly communicate about the meaning to be given to external developments."),
        _t("Je participeert in kennisnetwerken.", "You take part in knowledge networks."),
        _t("Je maakt gebruik van je kennis van ontwikkelingen in je werk.",
           "You use your knowledge of developments in your work."),
    )),
    (_t("Niveau 3: Bevorderen van het omgevingsbewustzijn",
        "Level 3: Promoting environmental awareness"), (
        _t("Je treedt binnen het vakgebied op als vraagbaak voor anderen.",
           "You act as a source of advice for others in your field."),
        _t("Je vertaalt relevante externe ontwikkelingen naar de eigen organisatie.",
           "You translate relevant external developments to your own organisation."),
        _t("Je ondersteunt en stimuleert anderen om informatie uit te wisselen over relevante externe "
           "ontwikkelingen.",
           "You support and encourage others to exchange information about relevant external "
           "developments."),
    )),
)
