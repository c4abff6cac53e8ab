"""The nine scoring dimensions, named as the seed text names them.

Ury's five steps (as the seed "Onderhandelingsvaardigheden" lists them) and the four
indicators under "Sensitief zijn wil zeggen" (inlevingsvermogen). Keys are what scenario
authors write in ``score:``; labels are shown to trainees.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Text


@dataclass(frozen=True)
class Dimension:
    key: str
    group: str  # "ury" or "empathy"
    short: Text
    label: Text
    explanation: Text


def _t(nl: str, en: str) -> Text:
    return Text({"nl": nl, "en": en}, "nl")


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "step1", "ury",
        _t("Stap 1", "Step 1"),
        _t("Bereid je voor", "Prepare"),
        _t("Bedenk de belangen van de gemeente en van de andere partij, wat je wilt bereiken en "
           "waarom, de algemeen geldende normen en je alternatieven.",
           "Think through the interests of the municipality and of the other party, what you want "
           "to achieve and why, the norms that apply and your alternatives."),
    ),
    Dimension(
        "step2", "ury",
        _t("Stap 2", "Step 2"),
        _t("Reageer niet impulsief", "Don't react impulsively"),
        _t("Stel je impulsieve reactie uit, richt je op wat jij wilt bereiken en niet op het "
           "terugpakken van de ander. Neem nooit ter plekke een belangrijke beslissing onder druk.",
           "Delay your impulsive reaction; focus on what you want to achieve, not on getting back "
           "at the other. Never take an important decision on the spot under pressure."),
    ),
    Dimension(
        "step3", "ury",
        _t("Stap 3", "Step 3"),
        _t("Ga naast de ander staan", "Step to their side"),
        _t("Toon begrip en luister oprecht; spoor de ander aan meer te vertellen, vat samen en "
           "vraag of je het juist hebt samengevat.",
           "Show understanding and listen sincerely; invite them to say more, summarise and ask "
           "whether you summarised it correctly."),
    ),
    Dimension(
        "step4", "ury",
        _t("Stap 4", "Step 4"),
        _t("Stel geen vragen waarop je het antwoord al weet",
           "Don't ask questions you already know the answer to"),
        _t("Plaats de onderhandeling in een ander kader en laat de ander meedenken: 'Wat zou u in "
           "mijn situatie doen?'",
           "Reframe the negotiation and let the other think along: 'What would you do in my "
           "position?'"),
    ),
    Dimension(
        "step5", "ury",
        _t("Stap 5", "Step 5"),
        _t("Zet de ander niet onder druk", "Don't put the other under pressure"),
        _t("Voorkom gezichtsverlies, denk mee hoe de ander het resultaat als overwinning aan de "
           "achterban kan verkopen en sprint niet naar de eindstreep.",
           "Prevent loss of face, help them present the result as a victory to their supporters, "
           "and don't sprint to the finish line."),
    ),
    Dimension(
        "e1", "empathy",
        _t("Inleving 1", "Empathy 1"),
        _t("Houdt rekening met de gevoelens van anderen", "Takes others' feelings into account"),
        _t("Je houdt in je eigen gedrag rekening met de gevoelens van anderen.",
           "In your own behaviour you take the feelings of others into account."),
    ),
    Dimension(
        "e2", "empathy",
        _t("Inleving 2", "Empathy 2"),
        _t("Laat anderen in hun waarde", "Respects others and takes their position"),
        _t("Je laat anderen in hun waarde en verplaatst je in hun positie.",
           "You let others keep their dignity and put yourself in their position."),
    ),
    Dimension(
        "e3", "empathy",
        _t("Inleving 3", "Empathy 3"),
        _t("Onderkent gevoelens en behoeften", "Recognises feelings and needs"),
        _t("Je laat blijken de gevoelens en behoeften van anderen te onderkennen.",
           "You show that you recognise the feelings and needs of others."),
    ),
    Dimension(
        "e4", "empathy",
        _t("Inleving 4", "Empathy 4"),
        _t("Bewust van eigen invloed", "Aware of own impact"),
        _t("Je toont je bewust van de invloed van je eigen doen en laten op anderen.",
           "You show awareness of the effect of what you do and don't do on others."),
    ),
)

DIMENSION_KEYS: tuple[str, ...] = tuple(d.key for d in DIMENSIONS)
BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
