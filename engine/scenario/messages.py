"""Every problem the engine reports, in English and Dutch, as templates with named parameters.

A trainer who writes a scenario in Dutch reads its problems in Dutch. So a problem is not an
English sentence built in place but a ``Message``: a catalogue key and its parameters. A
parameter can itself be a ``Message`` (a "where" fragment such as "question 'q1' prompt"), and
is rendered in the same language as the sentence around it.

``Message`` is a ``str`` whose value is the English rendering, so it goes wherever a string
went before (exception texts, ``Problem.message``, ``f"...{hint}"``) and today's English output
stays byte for byte what it was. ``Message.render(lang)`` gives it in another language; a
language the catalogue doesn't have falls back to English.

Templates use ``str.format`` fields: ``{name}``, ``{name!r}`` (Python's quoting, as the English
messages always had) and format specs (``{share:.0%}``, ``{code:04X}``). Both languages of a key
name the same fields (a test checks). In Dutch, YAML key names stay as written, in quotes.
"""

from __future__ import annotations

from typing import Any, Mapping

DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    # -- severities (the prefix of a warning line) ------------------------------------------------
    "severity.warning": {"en": "warning", "nl": "waarschuwing"},

    # -- what a YAML value is (reader.describe) -----------------------------------------------------
    "kind.string": {"en": "a string", "nl": "een tekst"},
    "kind.text_value": {"en": "the text {value!r}", "nl": "de tekst {value!r}"},
    "kind.number": {"en": "a number", "nl": "een getal"},
    "kind.bool": {"en": "true/false", "nl": "true/false"},
    "kind.null": {"en": "nothing (null)", "nl": "niets (null)"},
    "kind.decimal": {"en": "a decimal number", "nl": "een kommagetal"},
    "kind.date": {"en": "a date", "nl": "een datum"},
    "kind.value": {"en": "a value", "nl": "een waarde"},
    "kind.mapping": {"en": "a mapping", "nl": "een mapping"},
    "kind.list": {"en": "a list", "nl": "een lijst"},
    "kind.other": {"en": "something else", "nl": "iets anders"},
    "hint.did_you_mean": {"en": " (did you mean {word!r}?)", "nl": " (bedoelde je {word!r}?)"},

    # -- reading a file's shape (reader.Reader) -----------------------------------------------------
    "reader.not_mapping": {"en": "{where} should be a mapping (key: value), not {found}",
                           "nl": "{where} moet een mapping (sleutel: waarde) zijn, maar is {found}"},
    "reader.plain_keys": {"en": "keys in {where} must be plain names",
                          "nl": "sleutels in {where} moeten gewone namen zijn"},
    "reader.duplicate_key": {"en": "duplicate key {key!r} in {where} (first on line {first})",
                             "nl": "sleutel {key!r} staat twee keer in {where} (de eerste keer op regel {first})"},
    "reader.unknown_key": {"en": "unknown key {key!r} in {where}{hint}",
                           "nl": "onbekende sleutel {key!r} in {where}{hint}"},
    "reader.missing_key": {"en": "{where} is missing required key {key!r}",
                           "nl": "in {where} ontbreekt de verplichte sleutel {key!r}"},
    "reader.not_list": {"en": "{where} should be a list, not {found}",
                        "nl": "{where} moet een lijst zijn, maar is {found}"},
    "reader.empty_list": {"en": "{where} should not be empty", "nl": "{where} mag niet leeg zijn"},
    "reader.not_string": {"en": "{where} should be text, not {found}",
                          "nl": "{where} moet tekst zijn, maar is {found}"},
    "reader.control_char": {"en": "{where} contains control character U+{code:04X}, which can't be shown; remove it",
                            "nl": "{where} bevat het stuurteken U+{code:04X}, dat niet te tonen is; haal het weg"},
    "reader.empty_string": {"en": "{where} is empty", "nl": "{where} is leeg"},
    "reader.too_long": {"en": "{where} is {length} characters long; at most {limit}",
                        "nl": "{where} is {length} tekens lang; hoogstens {limit}"},
    "reader.bad_identifier": {"en": "{where} {value!r} may only use letters, digits, '_' and '-'",
                              "nl": "{where} ({value!r}) mag alleen letters, cijfers, '_' en '-' bevatten"},
    "reader.not_integer": {"en": "{where} should be a whole number, not {found}",
                           "nl": "{where} moet een geheel getal zijn, maar is {found}"},
    "reader.bad_integer": {"en": "{where} should be a whole number", "nl": "{where} moet een geheel getal zijn"},
    "reader.out_of_range": {"en": "{where} is {value}; it should be between {lo} and {hi}",
                            "nl": "{where} is {value}; dat moet tussen {lo} en {hi} liggen"},
    "reader.not_bool": {"en": "{where} should be true or false, not {found}",
                        "nl": "{where} moet true of false zijn, maar is {found}"},
    "reader.not_one_of": {"en": "{where} {value!r} should be one of {options}{hint}",
                          "nl": "{where} ({value!r}) moet een van deze waarden zijn: {options}{hint}"},
    "reader.comma_in_text": {"en": "{where}: the text has a comma in it ('{part}' came out as a key of its own): put "
                                   "each text in quotes, e.g. {{nl: \"...\", en: \"...\"}}",
                             "nl": "{where}: de tekst bevat een komma ('{part}' werd een eigen sleutel): zet elke "
                                   "tekst tussen aanhalingstekens, bijv. {{nl: \"...\", en: \"...\"}}"},
    "reader.no_text": {"en": "{where} has no text; give at least one of {languages}",
                       "nl": "{where} heeft geen tekst; geef minstens een van {languages}"},
    "reader.not_text": {"en": "{where} should be text or a map of languages (nl, en), not {found}",
                        "nl": "{where} moet tekst zijn of een map van talen (nl, en), maar is {found}"},
    "reader.condition": {"en": "{where}: {error}", "nl": "{where}: {error}"},

    # -- condition syntax (conditions.parse_condition) ----------------------------------------------
    "condition.unexpected_char": {"en": "unexpected character {char!r}", "nl": "onverwacht teken {char!r}"},
    "condition.number_too_big": {
        "en": "number {number} is too big; numbers in a condition lie within -{limit} and {limit}",
        "nl": "getal {number} is te groot; getallen in een voorwaarde liggen tussen -{limit} en {limit}"},
    "condition.too_deep": {
        "en": "nested more than {limit} levels deep (brackets and 'not'); write it more simply",
        "nl": "meer dan {limit} niveaus diep genest (haakjes en 'not'); schrijf het eenvoudiger"},
    "condition.unexpected": {"en": "unexpected {token!r}", "nl": "onverwacht: {token!r}"},
    "condition.unexpected_char_hint": {"en": "unexpected {char!r} (did you mean {word!r}?)",
                                       "nl": "onverwacht teken {char!r} (bedoelde je {word!r}?)"},
    "condition.word_case": {"en": "unexpected {token!r} (did you mean {word!r}? conditions write and, or, not in "
                                  "lower case)",
                            "nl": "onverwacht: {token!r} (bedoelde je {word!r}? voorwaarden schrijven 'and', 'or', "
                                  "'not' met kleine letters)"},
    "stats.flat_one": {"en": "only one choice is ever on offer here", "nl": "hier is altijd maar één keuze"},
    "stats.flat_same": {"en": "every choice on offer scores the same (they differ only in where they lead)",
                        "nl": "elke keuze die er is scoort hetzelfde (ze verschillen alleen in waar ze heen leiden)"},
    "condition.dutch_word": {"en": "unexpected {token!r} (did you mean {word!r}? conditions use the English words "
                                   "and, or, not)",
                             "nl": "onverwacht: {token!r} (bedoelde je {word!r}? voorwaarden gebruiken de Engelse "
                                   "woorden and, or, not)"},
    "condition.missing_bracket": {"en": "missing ')'", "nl": "er ontbreekt een ')'"},
    "condition.value_expected": {"en": "expected a value before {token!r}",
                                 "nl": "hier hoort een waarde vóór {token!r}"},
    "condition.ends_early": {"en": "condition ends too early", "nl": "de voorwaarde houdt te vroeg op"},
    "condition.not_a_reference": {
        "en": "{name!r} is not a reference; write RESIDENT.VAR, flag.NAME, prep.QUESTION, chose.NODE.CHOICE, "
              "visited.NODE, away.RESIDENT, max.VAR or min.VAR",
        "nl": "{name!r} verwijst nergens naar; schrijf BEWONER.VARIABELE, flag.NAAM, prep.VRAAG, "
              "chose.KNOOP.KEUZE, visited.KNOOP, away.BEWONER, max.VARIABELE of min.VARIABELE"},
    "condition.form": {"en": "{name!r} should have the form {shape}", "nl": "{name!r} moet de vorm {shape} hebben"},
    "shape.chose": {"en": "chose.NODE.CHOICE", "nl": "chose.KNOOP.KEUZE"},
    "shape.named": {"en": "{head}.NAME", "nl": "{head}.NAAM"},
    "shape.mood": {"en": "RESIDENT.VAR", "nl": "BEWONER.VARIABELE"},
    "condition.empty": {"en": "empty condition", "nl": "lege voorwaarde"},
    "condition.too_long": {
        "en": "condition is {length} characters long; at most {limit} (split it over a flag or a node)",
        "nl": "de voorwaarde is {length} tekens lang; hoogstens {limit} (verdeel haar over een vlag of een knoop)"},

    # -- "where" fragments: the part of a file a message is about ----------------------------------
    "where.key": {"en": "{key}", "nl": "'{key}'"},
    "where.field": {"en": "{owner} {key}", "nl": "'{key}' van {owner}"},
    "where.language": {"en": "{owner} ({lang})", "nl": "{owner} ({lang})"},
    "where.scenario": {"en": "the scenario", "nl": "het scenario"},
    "where.a_learning_goal": {"en": "a learning goal", "nl": "een leerdoel"},
    "where.a_goal": {"en": "a goal", "nl": "een doel"},
    "where.an_item": {"en": "an item", "nl": "een punt"},
    "where.a_trigger": {"en": "a trigger", "nl": "een trigger"},
    "where.an_interest": {"en": "an interest", "nl": "een belang"},
    "where.a_resident": {"en": "a resident", "nl": "een bewoner"},
    "where.resident_id": {"en": "resident id", "nl": "het id van een bewoner"},
    "where.resident": {"en": "resident {name!r}", "nl": "bewoner {name!r}"},
    "where.mood_variable": {"en": "mood variable {name!r}", "nl": "stemmingsvariabele {name!r}"},
    "where.a_question": {"en": "a preparation question", "nl": "een voorbereidingsvraag"},
    "where.question_id": {"en": "question id", "nl": "het id van een voorbereidingsvraag"},
    "where.question": {"en": "question {name!r}", "nl": "voorbereidingsvraag {name!r}"},
    "where.an_option": {"en": "a preparation option", "nl": "een antwoord op een voorbereidingsvraag"},
    "where.option_id": {"en": "option id", "nl": "het id van een antwoord"},
    "where.option": {"en": "option {question}.{option}", "nl": "antwoord {question}.{option}"},
    "where.node_id": {"en": "node id {name!r}", "nl": "knoop-id {name!r}"},
    "where.node": {"en": "node {name!r}", "nl": "knoop {name!r}"},
    "where.an_auto_transition": {"en": "an auto transition in {owner}",
                                 "nl": "een automatische sprong ('auto') in {owner}"},
    "where.a_variant": {"en": "a variant in {owner}", "nl": "een variant in {owner}"},
    "where.variant_text": {"en": "variant text in {owner}", "nl": "de 'text' van een variant in {owner}"},
    "where.variant_speaker": {"en": "variant speaker", "nl": "de 'speaker' van een variant"},
    "where.variant_emotion": {"en": "variant emotion in {owner}", "nl": "de 'emotion' van een variant in {owner}"},
    "where.group_reaction": {"en": "group reaction", "nl": "groepsreactie"},
    "where.a_group_reaction": {"en": "a group reaction", "nl": "een groepsreactie"},
    "where.a_choice_in": {"en": "a choice in node {node!r}", "nl": "een keuze in knoop {node!r}"},
    "where.choice_id": {"en": "choice id", "nl": "het id van een keuze"},
    "where.choice": {"en": "choice {node}.{choice}", "nl": "keuze {node}.{choice}"},
    "where.effects_for": {"en": "{owner} effects for {who!r}", "nl": "'effects' voor {who!r} van {owner}"},
    "where.a_flag_name": {"en": "a flag name", "nl": "een vlagnaam"},
    "where.ending_id": {"en": "ending id {name!r}", "nl": "einde-id {name!r}"},
    "where.ending": {"en": "ending {name!r}", "nl": "einde {name!r}"},

    # -- building a scenario (loader) ---------------------------------------------------------------
    "loader.unreadable": {"en": "scenario could not be read", "nl": "het scenario kon niet gelezen worden"},
    "loader.root_not_mapping": {"en": "a scenario file should be a YAML mapping (key: value) at the top",
                                "nl": "een scenariobestand moet bovenaan een YAML-mapping (sleutel: waarde) zijn"},
    "loader.format_unsupported": {"en": "format {found} is not supported; this version reads format {supported}",
                                  "nl": "'format' {found} wordt niet ondersteund; deze versie leest 'format' "
                                        "{supported}"},
    "loader.min_max": {"en": "{where}: min ({lo}) should be below max ({hi})",
                       "nl": "{where}: 'min' ({lo}) moet lager zijn dan 'max' ({hi})"},
    "loader.no_mood_variables": {"en": "mood_variables should define at least one variable",
                                 "nl": "'mood_variables' moet minstens één variabele bevatten"},
    "loader.bad_id": {"en": "{where} may only use letters, digits, '_' and '-'",
                      "nl": "{where} mag alleen letters, cijfers, '_' en '-' bevatten"},
    "loader.duplicate_resident": {"en": "duplicate resident id {id!r}",
                                  "nl": "bewoner-id {id!r} komt twee keer voor"},
    "loader.reserved_id": {"en": "{id!r} is a reserved word; choose another resident id",
                           "nl": "{id!r} is een gereserveerd woord; kies een ander id voor de bewoner"},
    "loader.duplicate_question": {"en": "duplicate question id {id!r}",
                                  "nl": "vraag-id {id!r} komt twee keer voor"},
    "loader.duplicate_option": {"en": "duplicate option id {id!r} in question {question!r}",
                                "nl": "antwoord-id {id!r} komt twee keer voor in voorbereidingsvraag {question!r}"},
    "loader.no_correct_option": {"en": "question {question!r} has no option marked 'correct: true'",
                                 "nl": "voorbereidingsvraag {question!r} heeft geen antwoord met 'correct: true'"},
    "loader.no_nodes": {"en": "nodes should contain at least one node",
                        "nl": "'nodes' moet minstens één knoop bevatten"},
    "loader.next_and_choices": {
        "en": "{where} has both 'next' and 'choices'; a node either continues or offers choices",
        "nl": "{where} heeft zowel 'next' als 'choices'; een knoop gaat óf verder, óf biedt keuzes"},
    "loader.no_way_forward": {
        "en": "{where} has no way forward: give it 'next' or 'choices' (or make it an ending)",
        "nl": "{where} leidt nergens heen: geef hem 'next' of 'choices' (of maak er een einde van)"},
    "loader.decision_keys": {
        "en": "{where}: 'provocation' and 'order' belong on a node with choices (a decision)",
        "nl": "{where}: 'provocation' en 'order' horen bij een knoop met keuzes (een beslismoment)"},
    "loader.timeout_id": {"en": "{id!r} is the time-out's own move (key B); choose another choice id",
                          "nl": "{id!r} is de eigen zet van de time-out (toets B); kies een ander keuze-id"},
    "loader.duplicate_choice": {"en": "duplicate choice id {id!r} in node {node!r}",
                                "nl": "keuze-id {id!r} komt twee keer voor in knoop {node!r}"},
    "loader.bad_lens": {"en": "{where}: {tag!r} is not one of {options}",
                        "nl": "{where}: {tag!r} hoort niet bij {options}"},
    "loader.no_endings": {"en": "endings should contain at least one ending",
                          "nl": "'endings' moet minstens één einde bevatten"},

    # -- reading a file safely (yamlsafe) -----------------------------------------------------------
    "file.nul_in_name": {"en": "a file name can't contain a NUL character",
                         "nl": "een bestandsnaam kan geen NUL-teken bevatten"},
    "file.not_found": {"en": "file not found", "nl": "bestand niet gevonden"},
    "file.folder_without_scenarios": {"en": "no .yaml or .yml scenario files in this folder",
                                      "nl": "geen .yaml- of .yml-scenariobestanden in deze map"},
    "file.cannot_read_folder": {"en": "cannot read folder: {reason}", "nl": "kan de map niet lezen: {reason}"},
    "file.is_directory": {"en": "is a directory, not a scenario file", "nl": "is een map, geen scenariobestand"},
    "file.not_regular": {"en": "is {kind}, not a scenario file", "nl": "is {kind}, geen scenariobestand"},
    "file.kind_pipe": {"en": "a pipe", "nl": "een pipe"},
    "file.kind_socket": {"en": "a socket", "nl": "een socket"},
    "file.kind_device": {"en": "a device", "nl": "een apparaat"},
    "file.kind_other": {"en": "not a regular file", "nl": "geen gewoon bestand"},
    "file.cannot_read": {"en": "cannot read file: {reason}", "nl": "kan het bestand niet lezen: {reason}"},
    "file.symlink_loop": {"en": "too many levels of symbolic links (a symlink loop?)",
                          "nl": "te veel symbolische links achter elkaar (een kringetje van links?)"},
    "file.too_big": {"en": "file is {size} MiB; scenarios may be at most {limit} MiB",
                     "nl": "het bestand is {size} MiB; een scenario mag hoogstens {limit} MiB zijn"},
    "file.grew_too_big": {"en": "file is larger than {limit} MiB", "nl": "het bestand is groter dan {limit} MiB"},
    "file.not_utf8": {"en": "file is not valid UTF-8 text", "nl": "het bestand is geen geldige UTF-8-tekst"},
    "file.document_too_big": {"en": "document is larger than the size limit",
                              "nl": "het document is groter dan toegestaan"},
    "file.empty": {"en": "file is empty; a scenario is a YAML mapping",
                   "nl": "het bestand is leeg; een scenario is een YAML-mapping"},
    "yaml.invalid": {"en": "invalid YAML: {problem}", "nl": "ongeldige YAML: {problem}"},
    "yaml.plain": {"en": "{words} (YAML: {original})", "nl": "{words} (YAML: {original})"},
    "yaml.colon": {
        "en": "a ':' where this line can't have one: check its indentation against the line above, or put the "
              "text in quotes",
        "nl": "een ':' waar deze regel er geen kan hebben: vergelijk het inspringen met de regel erboven, of zet "
              "de tekst tussen aanhalingstekens"},
    "yaml.no_colon": {
        "en": "a line without 'key:' inside a mapping: a missing ':', or a text that should be in quotes",
        "nl": "een regel zonder 'sleutel:' binnen een mapping: er ontbreekt een ':', of een tekst hoort tussen "
              "aanhalingstekens"},
    "yaml.tab": {"en": "a tab: YAML indents with spaces only", "nl": "een tab: YAML springt alleen in met spaties"},
    "yaml.indent": {"en": "this line is indented differently from the lines above it",
                    "nl": "deze regel springt anders in dan de regels erboven"},
    "yaml.indent_or_item": {
        "en": "this line is indented differently from the lines above it, or a list item ('- ') is missing",
        "nl": "deze regel springt anders in dan de regels erboven, of er ontbreekt een lijstpunt ('- ')"},
    "yaml.list_item": {
        "en": "a line inside a list that doesn't start with '- ' where the list's items do: check its indentation",
        "nl": "een regel in een lijst die niet met '- ' begint waar de punten van de lijst beginnen: controleer "
              "het inspringen"},
    "yaml.cannot_start": {
        "en": "a character a YAML value can't begin with (such as @ or `): put the text in quotes",
        "nl": "een teken waarmee een YAML-waarde niet kan beginnen (zoals @ of `): zet de tekst tussen "
              "aanhalingstekens"},
    "yaml.odd_space": {
        "en": "an unusual space ({code}, a non-breaking space pasted from Word or a PDF, say) in the indentation: "
              "YAML reads it as text, not as indentation; indent with ordinary spaces",
        "nl": "een ongewone spatie ({code}, bijvoorbeeld een harde spatie geplakt uit Word of een pdf) in het "
              "inspringen: YAML leest die als tekst, niet als inspringing; spring in met gewone spaties"},
    "yaml.runaway_quote": {
        "en": "invalid YAML: the quoted text that starts here has no closing quote on its line, so it runs on "
              "into the lines below it up to the quote on line {end}; close it here",
        "nl": "ongeldige YAML: de tekst tussen aanhalingstekens die hier begint, wordt op deze regel niet "
              "gesloten en loopt zo door in de regels eronder tot het aanhalingsteken op regel {end}; sluit hem hier"},
    "yaml.unclosed": {"en": "a quote or bracket that is opened but never closed",
                      "nl": "een aanhalingsteken of haakje dat geopend maar nooit gesloten wordt"},
    "yaml.nested_too_deep": {"en": "brackets or lists nested far too deep for a scenario",
                             "nl": "haakjes of lijsten veel te diep in elkaar genest voor een scenario"},
    "yaml.unclosed_list": {"en": "a list in [brackets] that isn't closed, or a missing ','",
                           "nl": "een lijst tussen [haken] die niet gesloten wordt, of er ontbreekt een ','"},
    "yaml.unclosed_mapping": {"en": "a mapping in {{braces}} that isn't closed, or a missing ','",
                              "nl": "een mapping tussen {{accolades}} die niet gesloten wordt, of er ontbreekt "
                                    "een ','"},
    "yaml.duplicate_anchor": {"en": "the same &anchor name is used twice",
                              "nl": "dezelfde &anker-naam wordt twee keer gebruikt"},
    "yaml.undefined_alias": {"en": "a *name refers to an &anchor that doesn't exist",
                             "nl": "een *naam verwijst naar een &anker dat niet bestaat"},
    "yaml.bad_character": {"en": "invalid YAML: character U+{code:04X} is not allowed in a scenario",
                           "nl": "ongeldige YAML: het teken U+{code:04X} mag niet in een scenario staan"},
    "yaml.duplicate_key": {"en": "duplicate key {key!r} (first on line {first})",
                           "nl": "sleutel {key!r} staat er twee keer (de eerste keer op regel {first})"},
    "yaml.too_deep": {"en": "nested more than {limit} levels deep", "nl": "meer dan {limit} niveaus diep genest"},
    "yaml.foreign_tag": {"en": "tag {tag!r} is not allowed in a scenario",
                         "nl": "de tag {tag!r} mag niet in een scenario staan"},
    "yaml.alias_bomb": {"en": "aliases expand to too many nodes (an alias bomb?); write the content out instead",
                        "nl": "aliassen groeien uit tot te veel onderdelen (een aliasbom?); schrijf de inhoud "
                              "liever uit"},
    "yaml.recursive_alias": {"en": "recursive alias: a node contains itself",
                             "nl": "recursieve alias: een onderdeel bevat zichzelf"},

    # -- references and the graph (checks) ----------------------------------------------------------
    "where.trigger": {"en": "trigger", "nl": "trigger"},
    "where.owner_key": {"en": "{owner}: {key}", "nl": "{owner}: '{key}'"},
    "where.condition": {"en": "condition {cond!r}", "nl": "voorwaarde {cond!r}"},
    "hint.start_at_ending": {"en": " (the meeting must start with a dialogue node, not an ending)",
                             "nl": " (de bijeenkomst moet met een dialoogknoop beginnen, niet met een einde)"},
    "hint.label_not_key": {"en": " (did you mean {ref}? {word!r} is its label; conditions use the key)",
                           "nl": " (bedoelde je {ref}? {word!r} is het label; voorwaarden gebruiken de sleutel)"},
    "hint.label_not_key_effect": {"en": " (did you mean {key!r}? {word!r} is its label; effects use the key)",
                                  "nl": " (bedoelde je {key!r}? {word!r} is het label; effecten gebruiken de sleutel)"},
    "checks.ending_is_node": {"en": "ending {ending!r} has the same id as a node; ids must be unique",
                              "nl": "einde {ending!r} heeft hetzelfde id als een knoop; elk id mag maar één keer "
                                    "voorkomen"},
    "checks.ending_speaker": {"en": "ending {ending!r}: speaker {speaker!r} is not a resident{hint}",
                              "nl": "einde {ending!r}: spreker {speaker!r} is geen bewoner{hint}"},
    "checks.start_not_node": {"en": "start {start!r} is not a node{hint}",
                              "nl": "'start' verwijst naar {start!r}, maar dat is geen knoop{hint}"},
    "checks.bad_target": {"en": "{what} {target!r} is not a node or ending{hint}",
                          "nl": "{what} verwijst naar {target!r}, maar dat is geen knoop of einde{hint}"},
    "checks.trigger_return": {
        "en": "a trigger can't goto 'return'; it starts an interruption with interrupts: true, and the "
              "interruption's last line says next: return",
        "nl": "een trigger kan niet met 'goto' naar 'return'; hij begint een onderbreking met interrupts: true, "
              "en de laatste regel van de onderbreking zegt next: return"},
    "checks.node_speaker": {"en": "node {node!r}: speaker {speaker!r} is not a resident or 'narrator'{hint}",
                            "nl": "knoop {node!r}: spreker {speaker!r} is geen bewoner en ook geen 'narrator'{hint}"},
    "checks.variant_speaker": {
        "en": "node {node!r}: variant speaker {speaker!r} is not a resident or 'narrator'",
        "nl": "knoop {node!r}: spreker {speaker!r} van een variant is geen bewoner en ook geen 'narrator'"},
    "checks.names_non_resident": {"en": "node {node!r}: {key} names {who!r}, which is not a resident{hint}",
                                  "nl": "knoop {node!r}: '{key}' noemt {who!r}, maar dat is geen bewoner{hint}"},
    "checks.effects_who": {"en": "{owner}: effects name {who!r}, which is not a resident or 'all'{hint}",
                           "nl": "{owner}: 'effects' noemt {who!r}, maar dat is geen bewoner en ook geen 'all'{hint}"},
    "checks.reaction_effects_who": {
        "en": "group reaction effects name {who!r}, which is not a resident or 'all'{hint}",
        "nl": "'effects' van een groepsreactie noemt {who!r}, maar dat is geen bewoner en ook geen 'all'{hint}"},
    "checks.timeout_cost_who": {
        "en": "timeout cost names {who!r}, which is not a resident or 'all'{hint}",
        "nl": "'cost' van 'timeout' noemt {who!r}, maar dat is geen bewoner en ook geen 'all'{hint}"},
    "checks.undefined_variable": {"en": "{owner}: mood variable {var!r} is not defined{hint}",
                                  "nl": "{owner}: stemmingsvariabele {var!r} bestaat niet{hint}"},
    "checks.cond_out_of_scale": {
        "en": "condition {cond!r} can never hold: {var} runs from {low} to {high}",
        "nl": "voorwaarde {cond!r} kan nooit gelden: {var} loopt van {low} tot {high}"},
    "checks.cond_out_of_scale_always": {
        "en": "condition {cond!r}: this comparison always holds, {var} runs from {low} to {high}",
        "nl": "voorwaarde {cond!r}: deze vergelijking geldt altijd, {var} loopt van {low} tot {high}"},
    "checks.interruption_into_meeting": {
        "en": "the interruption at {goto!r} goes on into the meeting itself at {into!r} (from {node!r}) instead of "
              "coming back with 'next: return': the meeting carries on from there with the way back still waiting, "
              "and its decisions can come round a second time, scoring again",
        "nl": "de onderbreking bij {goto!r} gaat verder in de bijeenkomst zelf, bij {into!r} (vanuit {node!r}), in "
              "plaats van terug te keren met 'next: return': de bijeenkomst gaat daar verder terwijl de weg terug "
              "blijft wachten, en beslissingen kunnen een tweede keer langskomen en opnieuw scoren"},
    "checks.cond_never_away": {
        "en": "condition {cond!r}: no line makes {who!r} leave ('leaves: {who}'), so {who!r} is never away and "
              "this part is always false",
        "nl": "voorwaarde {cond!r}: geen enkele regel laat {who!r} vertrekken ('leaves: {who}'), dus {who!r} is "
              "nooit weg en dit deel is altijd onwaar"},
    "checks.cond_not_resident": {"en": "condition {cond!r}: {who!r} is not a resident{hint}",
                                 "nl": "voorwaarde {cond!r}: {who!r} is geen bewoner{hint}"},
    "checks.cond_flag_never_set": {
        "en": "condition {cond!r}: no choice or preparation answer ever sets flag {flag!r}{hint}",
        "nl": "voorwaarde {cond!r}: geen enkele keuze of voorbereidingsantwoord zet vlag {flag!r}{hint}"},
    "checks.cond_no_question": {"en": "condition {cond!r}: there is no preparation question {question!r}{hint}",
                                "nl": "voorwaarde {cond!r}: er is geen voorbereidingsvraag {question!r}{hint}"},
    "checks.cond_no_node": {"en": "condition {cond!r}: there is no node {node!r}{hint}",
                            "nl": "voorwaarde {cond!r}: er is geen knoop {node!r}{hint}"},
    "checks.cond_no_choice": {"en": "condition {cond!r}: node {node!r} has no choice {choice!r}{hint}",
                              "nl": "voorwaarde {cond!r}: knoop {node!r} heeft geen keuze {choice!r}{hint}"},
    "checks.return_outside": {
        "en": "node {node!r} goes to 'return', but the meeting can reach it without an interruption (a trigger "
              "with interrupts: true) to return from",
        "nl": "knoop {node!r} gaat naar 'return', maar de bijeenkomst kan er komen zonder onderbreking (een "
              "trigger met interrupts: true) om naar terug te keren"},
    "checks.line_loop": {
        "en": "node {node!r}: the lines {cycle} go round for ever: none of them offers a choice or an 'auto' "
              "that leads out (give one a choice, an 'auto', or a 'next' to a line further on)",
        "nl": "knoop {node!r}: de regels {cycle} gaan eindeloos rond: geen ervan biedt een keuze of een 'auto' "
              "die eruit leidt (geef er een een keuze, een 'auto' of een 'next' naar een regel verderop)"},
    "checks.line_loop_auto": {
        "en": "node {node!r}: the lines {cycle} go round until one of their 'auto' conditions holds; when none "
              "does as the meeting gets there, it never goes on",
        "nl": "knoop {node!r}: de regels {cycle} gaan rond tot een van hun 'auto'-voorwaarden geldt; geldt er "
              "geen als de bijeenkomst er aankomt, dan gaat ze nooit verder"},
    "checks.unreachable": {"en": "{what} can never be reached from start {start!r}",
                           "nl": "{what} is vanaf start {start!r} nooit te bereiken"},

    # -- smells (lint) ------------------------------------------------------------------------------
    "list.or": {"en": "{head} or {last}", "nl": "{head} of {last}"},
    "count.choice": {"en": "{n} choice", "nl": "{n} keuze"},
    "count.choices": {"en": "{n} choices", "nl": "{n} keuzes"},
    "lint.no_translations": {
        "en": "no text has a translation ({missing}); the scenario plays in {lang} only — write texts as "
              "{{nl: ..., en: ...}} to translate them",
        "nl": "geen enkele tekst is vertaald ({missing}); het scenario speelt alleen in {lang} — schrijf teksten "
              "als {{nl: ..., en: ...}} om ze te vertalen"},
    "lint.one_language": {"en": "{path} is only in {lang}; add {others} ({{{lang}: ..., {first}: ...}})",
                          "nl": "{path} staat alleen in {lang}; voeg {others} toe ({{{lang}: ..., {first}: ...}})"},
    "lint.missing_translation": {"en": "{path} has no {missing} translation",
                                 "nl": "{path} heeft geen vertaling in {missing}"},
    "lint.choice_button": {"en": "a choice button", "nl": "een keuzeknop"},
    "lint.dialogue_box": {"en": "the dialogue box", "nl": "het tekstvak van de dialoog"},
    "lint.advice_split": {"en": "split it over two nodes with next:", "nl": "verdeel hem over twee knopen met next:"},
    "lint.advice_shorten": {"en": "shorten it, or the options may have to scroll",
                            "nl": "maak hem korter, anders moeten de opties misschien scrollen"},
    "lint.text_too_long": {
        "en": "{path}{which} is {length} characters; {box} holds about {budget} at the largest text size — {advice}",
        "nl": "{path}{which} is {length} tekens; in {box} passen er bij de grootste tekstgrootte ongeveer {budget} "
              "— {advice}"},
    "lint.bidi": {
        "en": "text contains an invisible direction control ({codes}) that makes it read otherwise than written; "
              "remove it",
        "nl": "de tekst bevat een onzichtbaar richtingsteken ({codes}) waardoor hij anders leest dan hij "
              "geschreven is; haal het weg"},
    "lint.glyphs": {
        "en": "the window's font (Noto Sans) can't draw {shown} ({codes}): it shows as an empty box; use other "
              "characters",
        "nl": "het lettertype van het venster (Noto Sans) kan {shown} ({codes}) niet tekenen: het verschijnt als "
              "een leeg vakje; gebruik andere tekens"},
    "lint.label_too_long": {
        "en": "{where}{which} is {length} characters; its place on screen holds about {budget} — shorten it",
        "nl": "{where}{which} is {length} tekens; op zijn plek op het scherm passen er ongeveer {budget} — maak "
              "hem korter"},
    "lint.too_many_choices": {
        "en": "node {node!r} offers {count} choices; the window shows every option at once up to {limit} — "
              "beyond, the trainee has to scroll for the rest: split the decision or drop the weakest options",
        "nl": "knoop {node!r} biedt {count} keuzes; het venster toont tot {limit} opties tegelijk — daarboven "
              "moet de deelnemer scrollen voor de rest: splits de beslissing of laat de zwakste opties weg"},
    "lint.too_many_answers": {
        "en": "preparation question {question!r} has {count} answers; the window shows every answer at once up "
              "to {limit} — beyond, the trainee has to scroll",
        "nl": "voorbereidingsvraag {question!r} heeft {count} antwoorden; het venster toont tot {limit} "
              "antwoorden tegelijk — daarboven moet de deelnemer scrollen"},
    "lint.no_score": {
        "en": "choice {choice} has no score; add weights such as score: {{step3: 1}}, or score: {{}} if it is "
              "deliberately neutral",
        "nl": "keuze {choice} heeft geen score; geef gewichten zoals score: {{step3: 1}}, of score: {{}} als ze "
              "bewust neutraal is"},
    "lint.no_feedback": {
        "en": "choice {choice} scores {weights} but has no feedback; the debrief can't explain the weight",
        "nl": "keuze {choice} scoort {weights}, maar heeft geen feedback; de nabespreking kan het gewicht niet "
              "uitleggen"},
    "lint.nothing_scored": {
        "en": "no choice or preparation answer is scored yet; the debrief has nothing to report (add score: "
              "{{step3: 1}} and the like to the choices)",
        "nl": "nog geen enkele keuze of voorbereidingsantwoord heeft een score; de nabespreking heeft niets te "
              "melden (geef de keuzes score: {{step3: 1}} en dergelijke)"},
    "lint.dimension": {"en": "{key} ({label})", "nl": "{key} ({label})"},
    "lint.never_scored": {
        "en": "dimension {dimension} is never scored; the debrief will show it as not trained in this scenario",
        "nl": "dimensie {dimension} krijgt nergens punten; de nabespreking toont haar als niet geoefend in dit "
              "scenario"},
    "lint.only_negative": {
        "en": "dimension {dimension} only has negative weights; a trainee can lose points on it but never earn any",
        "nl": "dimensie {dimension} heeft alleen negatieve gewichten; een deelnemer kan er punten op verliezen, "
              "maar nooit verdienen"},
    "lint.effects_on_gone": {
        "en": "choice {choice!r} changes {who}'s mood, but {who} has just left (node {node!r} leaves: [{who}]): "
              "effects on a resident who has left do nothing",
        "nl": "keuze {choice!r} verandert de stemming van {who}, maar {who} is net weggegaan (knoop {node!r} "
              "leaves: [{who}]): effecten op wie weg is doen niets"},
    "lint.effects_on_gone_back": {
        "en": "choice {choice!r} changes {who}'s mood, but {who} has left until line {back!r} rejoins them, so "
              "the change does nothing; to let {who} come back changed, give {back!r} a choice with these effects",
        "nl": "keuze {choice!r} verandert de stemming van {who}, maar {who} is weg tot regel {back!r} hem of haar "
              "terugbrengt, dus de verandering doet niets; wil je {who} veranderd terug laten komen, geef {back!r} "
              "dan een keuze met deze effecten"},
    "lint.unread_mood": {
        "en": "mood {ref} is changed by {choices} but no condition reads it; use it in a when: (e.g. "
              "\"{ref} >= 6\") or leave it out",
        "nl": "stemming {ref} verandert door {choices}, maar geen voorwaarde leest haar; gebruik haar in een "
              "when: (bijv. \"{ref} >= 6\") of laat haar weg"},
    "lint.unread_flag": {"en": "flag {flag!r} is set ({who}) but no condition reads it (flag.{flag})",
                         "nl": "vlag {flag!r} wordt gezet ({who}), maar geen voorwaarde leest haar (flag.{flag})"},
    "lint.clears_unset_flag": {"en": "choice {choice} clears flag {flag!r}, which nothing sets",
                               "nl": "keuze {choice} wist vlag {flag!r}, maar niets zet die vlag"},
    "lint.opportunity_no_choices": {
        "en": "node {node!r} marks an opportunity but offers no choices, so the trainee can't answer it and the "
              "debrief never shows it; put it on the decision node",
        "nl": "knoop {node!r} markeert een kans ('opportunity'), maar biedt geen keuzes: de deelnemer kan er niet "
              "op ingaan en de nabespreking toont haar nooit; zet haar op de beslisknoop"},
    "lint.opportunity_no_empathy": {
        "en": "node {node!r} marks an opportunity, but no choice scores positively on e1-e4; give the trainee a "
              "way to answer the feeling",
        "nl": "knoop {node!r} markeert een kans ('opportunity'), maar geen keuze scoort positief op e1-e4; geef "
              "de deelnemer een manier om op het gevoel in te gaan"},
    "lint.opportunity_free_pass": {
        "en": "node {node!r} marks an opportunity, but passing it over costs nothing: no reply without an e1-e4 "
              "weight ({names}) moves a resident's mood the wrong way; residents whose clues are ignored raise "
              "them again, louder — add e.g. effects: {{{who}: {{anger: 1}}}}",
        "nl": "knoop {node!r} markeert een kans ('opportunity'), maar wie haar laat liggen verliest niets: geen "
              "antwoord zonder e1-e4-gewicht ({names}) verslechtert de stemming van een bewoner; bewoners van wie "
              "de signalen genegeerd worden, komen er luider op terug — voeg bijv. effects: "
              "{{{who}: {{anger: 1}}}} toe"},
    "lint.ending_no_debrief": {
        "en": "ending {ending!r} has no debrief; the trainer's word on it is what the trainee remembers",
        "nl": "einde {ending!r} heeft geen 'debrief'; wat de trainer erover zegt, is wat de deelnemer onthoudt"},
    "lint.version": {"en": " (version {n})", "nl": " (versie {n})"},
    "lint.narrator_emotion": {
        "en": "node {node!r}{which} has emotion {emotion!r}, but the narrator speaks it and has no face to show "
              "it; leave emotion out or give the line to a resident",
        "nl": "knoop {node!r}{which} heeft emotie {emotion!r}, maar de verteller spreekt de regel uit en heeft "
              "geen gezicht om die te tonen; laat 'emotion' weg of geef de regel aan een bewoner"},

    # -- sign-offs (signoff) ------------------------------------------------------------------------
    "signoff.too_large": {"en": "sign-off file is too large to be one",
                          "nl": "het aftekenbestand is te groot om er een te zijn"},
    "signoff.cannot_read": {"en": "cannot read sign-off file: {reason}",
                            "nl": "kan het aftekenbestand niet lezen: {reason}"},
    "signoff.not_utf8": {"en": "sign-off file is not valid UTF-8 text",
                         "nl": "het aftekenbestand is geen geldige UTF-8-tekst"},
    "signoff.not_json": {"en": "sign-off file is not valid JSON: {reason}",
                         "nl": "het aftekenbestand is geen geldige JSON: {reason}"},
    "signoff.not_signoff": {"en": "not a sign-off file (expected \"format\": \"{format}\")",
                            "nl": "geen aftekenbestand (verwacht: \"format\": \"{format}\")"},
    "signoff.no_version": {"en": "sign-off file has no valid version",
                           "nl": "het aftekenbestand heeft geen geldige versie"},
    "signoff.newer": {"en": "sign-off file is version {version}, from a newer Tussenwerker; update to read it",
                      "nl": "het aftekenbestand is versie {version}, van een nieuwere Tussenwerker; werk bij om het "
                            "te lezen"},
    "signoff.no_scenario": {"en": "sign-off file does not name its scenario (\"scenario\": ID)",
                            "nl": "het aftekenbestand noemt zijn scenario niet (\"scenario\": ID)"},
    "signoff.not_list": {"en": "\"signoffs\" should be a list", "nl": "\"signoffs\" moet een lijst zijn"},
    "signoff.entry_not_mapping": {
        "en": "signoffs[{i}] should be a mapping with name, role, date and decisions",
        "nl": "signoffs[{i}] moet een mapping zijn met name, role, date en decisions"},
    "signoff.entry_needs": {"en": "signoffs[{i}] needs a non-empty \"{key}\"",
                            "nl": "signoffs[{i}] moet een niet-lege \"{key}\" hebben"},
    "signoff.bad_decisions": {"en": "signoffs[{i}].decisions should map decision ids to digests",
                              "nl": "signoffs[{i}].decisions moet beslissings-id's op digests afbeelden"},
    "signoff.foreign": {
        "en": "sign-off file is for scenario {foreign!r}, not {scenario!r}; its signatures are ignored",
        "nl": "het aftekenbestand hoort bij scenario {foreign!r}, niet bij {scenario!r}; de handtekeningen "
              "erin tellen niet"},
    "signoff.changed": {
        "en": "decision {decision} changed since {name} ({role}) signed it off on {date}; its scores are no longer "
              "checked (sign off again with 'tussenwerker signoff')",
        "nl": "beslissing {decision} is veranderd sinds {name} ({role}) hem op {date} aftekende; de scores ervan "
              "zijn niet meer gecontroleerd (teken opnieuw af met 'tussenwerker signoff')"},
    "signoff.unsigned": {
        "en": "decision {decision} is not signed off (new since the last sign-off, or left out of it)",
        "nl": "beslissing {decision} is niet afgetekend (nieuw sinds de laatste aftekening, of daarbij "
              "overgeslagen)"},

    # -- what only playing reveals (analysis: playability, loopholes, tells; play.rules) -------------
    "play.at_start": {"en": "right at the start", "nl": "meteen bij het begin"},
    "play.after": {"en": "after {moves}", "nl": "na {moves}"},
    "play.dead_end": {
        "en": "node {node!r}: no choice is available in some playthroughs, e.g. {path} (with {mood}); add a "
              "choice without 'when'",
        "nl": "knoop {node!r}: in sommige doorspelingen is er geen enkele keuze, bijv. {path} (met {mood}); voeg "
              "een keuze zonder 'when' toe"},
    "play.maybe_dead_end": {
        "en": "node {node!r}: possibly no choice is available in some playthrough (every choice has a condition "
              "and the analysis could not settle it); a choice without 'when' makes sure",
        "nl": "knoop {node!r}: misschien is er in een doorspeling geen enkele keuze (elke keuze heeft een "
              "voorwaarde en de analyse kon het niet uitmaken); een keuze zonder 'when' voorkomt het zeker"},
    "play.trapped": {
        "en": "node {node!r}: from here the meeting can never reach an ending ({path}): a loop with no way out",
        "nl": "knoop {node!r}: vanaf hier bereikt de bijeenkomst nooit een einde ({path}): een kringloop zonder "
              "uitweg"},
    "play.maybe_trapped": {
        "en": "node {node!r}: random playthroughs went round here without end ({path}); there were too many "
              "situations to prove there is no way out: check that every loop through it can reach an ending",
        "nl": "knoop {node!r}: willekeurige doorspelingen bleven hier rondgaan zonder einde ({path}); er waren te "
              "veel situaties om te bewijzen dat er geen uitweg is: kijk of elke kringloop erdoor een einde kan "
              "bereiken"},
    "play.trapped_any_mood": {
        "en": "node {node!r}: from here the meeting can never reach an ending ({path}): whatever the mood, every "
              "way leads back round",
        "nl": "knoop {node!r}: vanaf hier bereikt de bijeenkomst nooit een einde ({path}): bij elke stemming "
              "leidt elke weg weer terug"},
    "play.never_reached": {
        "en": "{what} is never reached in any playthrough (conditions or mood always lead elsewhere)",
        "nl": "{what} wordt in geen enkele doorspeling bereikt (voorwaarden of stemming leiden steeds ergens "
              "anders heen)"},
    "play.maybe_never_reached": {
        "en": "{what} is possibly never reached (no playthrough found that reaches it, and the analysis could not "
              "rule it out)",
        "nl": "{what} wordt misschien nooit bereikt (geen doorspeling gevonden die er komt, en de analyse kon "
              "het niet uitsluiten)"},
    "play.never_offered": {
        "en": "choice {choice!r} is never on offer in any playthrough (its condition never holds there)",
        "nl": "keuze {choice!r} wordt in geen enkele doorspeling aangeboden (haar voorwaarde geldt daar nooit)"},
    "play.maybe_never_offered": {
        "en": "choice {choice!r} is possibly never on offer (its condition was never found to hold, and the "
              "analysis could not rule it out)",
        "nl": "keuze {choice!r} wordt misschien nooit aangeboden (haar voorwaarde bleek nergens te gelden, en de "
              "analyse kon het niet uitsluiten)"},
    "play.farming_loop": {
        "en": "node {node!r}: choice {choice!r} scores and a loop leads back to it, so a trainee who goes round "
              "collects its points again (a playthrough did); let it be made once (e.g. when: \"not "
              "chose.{node}.{choice}\") or let the way back score nothing",
        "nl": "knoop {node!r}: keuze {choice!r} levert punten op en een kringloop leidt ernaar terug, dus een "
              "deelnemer die rondgaat haalt die punten opnieuw (een doorspeling deed dat); laat haar maar één keer "
              "kiezen (bijv. when: \"not chose.{node}.{choice}\") of laat de weg terug niets opleveren"},
    "branch.no_decision": {"en": "there is no decision {n}: the session has {total} decisions",
                           "nl": "er is geen beslissing {n}: de sessie heeft {total} beslissingen"},
    "branch.no_decision_one": {"en": "there is no decision {n}: the session has 1 decision",
                               "nl": "er is geen beslissing {n}: de sessie heeft 1 beslissing"},
    "rules.return_outside": {"en": "{node!r} goes to 'return' outside an interruption",
                             "nl": "{node!r} gaat naar 'return' buiten een onderbreking"},
    "rules.auto_loop": {"en": "automatic transitions loop around {node!r}",
                        "nl": "automatische sprongen ('auto') draaien rond in {node!r}"},
    "loophole.prep": {
        "en": "preparation answer {answer} is wrong but leads to a higher best total than the right answer's "
              "{top}: a trainee gains by preparing badly",
        "nl": "voorbereidingsantwoord {answer} is fout, maar leidt tot een hogere beste totaalscore dan de {top} "
              "van het goede antwoord: slecht voorbereiden loont"},
    "loophole.repair": {
        "en": "choice {choice} scores {score} but leads to a higher best total than the best sound choice's "
              "{top}: a mistake that is repaired afterwards pays more than doing it right",
        "nl": "keuze {choice} scoort {score}, maar leidt tot een hogere beste totaalscore dan de {top} van de "
              "beste goede keuze: een fout die daarna hersteld wordt, levert meer op dan het meteen goed doen"},
    "loophole.label_best": {
        "en": "choice {choice} is labelled best, but {better!r} leads to a higher best total here ({top}): the "
              "debrief calls {choice} the best choice while its numbers show {better!r} reaching more; score them so "
              "the best choice is also the best route, or drop the label",
        "nl": "keuze {choice} heeft label best, maar {better!r} leidt hier tot een hogere beste totaalscore ({top}): "
              "de nabespreking noemt {choice} de beste keuze terwijl haar cijfers laten zien dat {better!r} meer "
              "haalt; geef ze scores waarbij de beste keuze ook de beste route is, of laat het label weg"},
    "loophole.repair_tie": {
        "en": "choice {choice} scores {score} but leads to the same best total as the best sound choice, {top}: a "
              "mistake that is repaired afterwards pays as much as doing it right (the debrief calls it a best choice)",
        "nl": "keuze {choice} scoort {score}, maar leidt tot dezelfde beste totaalscore als de beste goede keuze, "
              "{top}: een fout die daarna hersteld wordt, levert evenveel op als het meteen goed doen (de nabespreking "
              "noemt haar een beste keuze)"},
    # The content-blind strategies (``tells``), as the reports name them; a language in brackets follows.
    "strategy.first_shown": {"en": "first shown", "nl": "eerste getoond"},
    "strategy.last_shown": {"en": "last shown", "nl": "laatste getoond"},
    "strategy.timeout_always": {"en": "time-out at every decision", "nl": "time-out bij elke beslissing"},
    "strategy.longest": {"en": "longest", "nl": "langste"},
    "strategy.shortest": {"en": "shortest", "nl": "kortste"},
    "strategy.question_mark": {"en": "ends in ?", "nl": "eindigt op ?"},
    "strategy.names_resident": {"en": "names a resident", "nl": "noemt een bewoner"},
    "strategy.cue_words": {"en": "cue words", "nl": "signaalwoorden"},
    "strategy.house_style": {"en": "house style", "nl": "huisstijl"},
    "strategy.classifier": {"en": "surface classifier", "nl": "oppervlakte-classifier"},
    "strategy.with_language": {"en": "{name} ({language})", "nl": "{name} ({language})"},
    "tells.surface": {
        "en": "a trainee who reads nothing and picks '{name}' reaches {share:.{digits}%} of the range between the "
              "worst and the best total (more than {limit:.0%}): the options give the answer away by their surface",
        "nl": "een deelnemer die niets leest en steeds '{name}' kiest, haalt {share:.{digits}%} van het bereik tussen "
              "de slechtste en de beste totaalscore (meer dan {limit:.0%}): de opties verraden het antwoord al "
              "aan hun vorm"},
    "tells.surface_at_least": {
        "en": "a trainee who reads nothing and picks '{name}' reaches at least {share:.{digits}%} of the range "
              "between the worst and the best total (more than {limit:.0%}; `analyze` gives the exact share): the "
              "options give the answer away by their surface",
        "nl": "een deelnemer die niets leest en steeds '{name}' kiest, haalt minstens {share:.{digits}%} van het "
              "bereik tussen de slechtste en de beste totaalscore (meer dan {limit:.0%}; `analyze` geeft het precieze "
              "deel): de opties verraden het antwoord al aan hun vorm"},
    "tells.the_longest": {"en": "the longest", "nl": "de langste"},
    "tells.the_shortest": {"en": "the shortest", "nl": "de kortste"},
    "tells.advice_longest": {"en": "write long well-argued wrong options and short right ones",
                             "nl": "schrijf lange, goed beargumenteerde foute opties en korte goede"},
    "tells.advice_shortest": {
        "en": "give some right options the longer, fuller wording and some wrong ones a short, blunt one",
        "nl": "geef sommige goede opties de langere, vollere formulering en sommige foute een korte, botte"},
    "tells.extreme": {
        "en": "in {share:.{digits}%} of the decisions the best option is {which} ({lang}), more than {limit:.0%} "
              "(in {named}): {advice}",
        "nl": "in {share:.{digits}%} van de beslissingen is de beste optie {which} ({lang}), meer dan {limit:.0%} "
              "(in {named}): {advice}"},
    "tells.rank": {
        "en": "in {share:.{digits}%} of the decisions the best option is the number {rank} by length ({lang}), more "
              "than {limit:.0%} (in {named}): vary where the right option falls in length",
        "nl": "in {share:.{digits}%} van de beslissingen is de beste optie de {rank}e in lengte ({lang}), meer dan "
              "{limit:.0%} (in {named}): wissel af waar de goede optie qua lengte valt"},
}


class Message(str):
    """A catalogue message: the English text as a ``str``, plus ``key`` and ``params``."""

    key: str
    params: Mapping[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> "Message":
        self = super().__new__(cls, render(key, params, DEFAULT_LANGUAGE))
        self.key = key
        self.params = params
        return self

    def render(self, lang: str) -> str:
        return render(self.key, self.params, lang)

    def __reduce__(self):  # pickle and copy rebuild from key and params, not from the English text
        return (_rebuild, (self.key, dict(self.params)))


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def msg(key: str, /, **params: Any) -> Message:
    """The message ``key`` with ``params`` (fragments may be ``Message`` values themselves)."""
    return Message(key, **params)


def render(key: str, params: Mapping[str, Any], lang: str) -> str:
    """``key``'s template in ``lang`` (English when the catalogue lacks it), filled with ``params``;
    ``Message`` parameters are rendered in ``lang`` too."""
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**{name: _value(value, lang) for name, value in params.items()})


def _value(value: Any, lang: str) -> Any:
    """A parameter in ``lang``: a ``Message`` rendered, a ``{lang: text}`` mapping (a label the
    scenario or the engine has in several languages) looked up, anything else as it is."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Mapping):
        return value.get(lang) or value.get(DEFAULT_LANGUAGE) or next(iter(value.values()), "")
    return value


def where_key(key: str) -> Message:
    """A YAML key (or dotted path) as the place a message is about: ``format``, ``setting.meeting``."""
    return msg("where.key", key=key)


def where_field(owner: Any, key: str) -> Message:
    """A key of something: "question 'q1' prompt" (in Dutch: "'prompt' van voorbereidingsvraag 'q1'")."""
    return msg("where.field", owner=owner, key=key)


def or_list(items: list[str]) -> Any:
    """``a``, ``a or b``, ``a or b or c`` in the language it is rendered in."""
    if len(items) <= 1:
        return items[0] if items else ""
    return msg("list.or", head=or_list(items[:-1]), last=items[-1])


def render_text(text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is a ``Message``; any other string as it is."""
    return text.render(lang) if isinstance(text, Message) else text


def severity_word(severity: str, lang: str) -> str:
    """``warning`` -> ``waarschuwing`` in Dutch; a severity without a catalogue entry as it is."""
    key = f"severity.{severity}"
    return render(key, {}, lang) if key in CATALOGUE else severity
