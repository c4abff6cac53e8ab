"""The blind rating sheet as one self-contained HTML form that saves a JSON file.

A trainer opens it in any browser, fills it in and clicks Save: the page builds the JSON
(``engine.rating.ratings`` reads it) and hands it to the browser as a download. No server,
no network, no library: CSS and a small plain script are inline, and nothing is fetched.
What is typed is also kept in the browser's local storage, so closing the tab loses
nothing; a saved file can be opened again to go on.

The page carries only what the rater may see: the briefing, each decision's lines, the
options shuffled and known by opaque codes. Weights, labels, feedback and option ids stay
out (also out of the page source).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Optional

from engine.rating.items import Item, Line
from engine.rating.ratings import SHEET_FORMAT, SHEET_VERSION, VERDICTS
from engine.scenario.dimensions import DIMENSIONS
from engine.scenario.model import Scenario
from simulator.i18n.rating import WORDS, say

CSS = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933;
       font-size: 15px; line-height: 1.45; margin: 0; background: #f4f6f9; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 20px 120px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.sub { color: #5b6775; margin: 0 0 12px; }
.panel { background: #fff; border: 1px solid #d5dbe3; border-radius: 6px; padding: 14px 18px; margin: 0 0 14px; }
.how p { margin: 0 0 6px; }
.who { display: flex; flex-wrap: wrap; gap: 12px 24px; }
.who label { font-weight: 600; display: flex; flex-direction: column; gap: 4px; }
.who input { font: inherit; padding: 6px 8px; border: 1px solid #aab4bf; border-radius: 4px; min-width: 320px; }
details.briefing summary { cursor: pointer; font-weight: 600; }
dl { margin: 8px 0 0; display: grid; grid-template-columns: 170px 1fr; gap: 6px 14px; }
dt { font-weight: 600; color: #4a5560; } dd { margin: 0; } dd ul { margin: 0; padding-left: 18px; }
.dims { font-size: 13px; color: #4a5560; margin: 6px 0 0; padding-left: 18px; }
.decision { background: #fff; border: 1px solid #d5dbe3; border-radius: 6px; padding: 14px 18px; margin: 0 0 16px; }
.decision.done { border-left: 5px solid #3d8a5f; }
.kind { color: #5b6775; font-weight: 600; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.before { color: #5b6775; font-size: 14px; margin: 4px 0; }
.line { border-left: 3px solid #3d6fa8; background: #f2f6fb; padding: 8px 12px; margin: 8px 0; }
.line .speaker { font-weight: 700; }
.variant { color: #4a5560; font-size: 14px; margin: 2px 0 2px 15px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid #e4e8ee; padding: 6px 6px; vertical-align: top; text-align: left; }
th { font-size: 12px; color: #4a5560; font-weight: 600; }
th.dim { text-align: center; width: 58px; } td.dim { text-align: center; }
td.letter { font-weight: 700; width: 24px; }
td.text { min-width: 300px; }
td.order select { width: 118px; }
.cond { display: block; color: #7a5200; font-size: 12px; font-style: italic; }
select { font: inherit; font-size: 14px; padding: 2px; }
td.dim select { width: 54px; }
textarea { width: 100%; font: inherit; min-height: 48px; border: 1px solid #aab4bf; border-radius: 4px; padding: 6px; }
.warn { color: #8a3415; font-weight: 600; min-height: 1em; }
.scroll { overflow-x: auto; }
.bar { position: fixed; left: 0; right: 0; bottom: 0; background: #1f2933; color: #fff; padding: 10px 20px;
       display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; justify-content: center; }
.bar button, .bar label.file { font: inherit; font-weight: 600; padding: 7px 16px; border-radius: 4px;
       border: 0; cursor: pointer; background: #e4e8ee; color: #1f2933; }
.bar button.primary { background: #3d8a5f; color: #fff; }
.bar input[type=file] { display: none; }
#status { min-width: 220px; }
noscript { display: block; background: #f8ddd3; padding: 10px; }
@media print { .bar { display: none; } body { background: #fff; } .decision, .panel { break-inside: avoid; } }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("sheet-data").textContent);
  var W = S.words;
  var STORE = "tussenwerker-rating:" + S.scenario + ":" + S.sheet;
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  function say(key, fields) {
    var t = W[key] || key;
    Object.keys(fields || {}).forEach(function (k) { t = t.split("{" + k + "}").join(fields[k]); });
    return t;
  }
  function status(text) { $("#status").textContent = text; }

  function collect() {
    var out = { format: S.format, version: S.version, scenario: S.scenario, scenario_digest: S.digest,
                sheet: S.sheet, language: S.lang,
                rater: { name: $("#rater-name").value.trim(), role: $("#rater-role").value.trim() },
                saved_at: new Date().toISOString(), decisions: {} };
    $$(".decision").forEach(function (box) {
      var d = box.getAttribute("data-d"), order = {}, ratings = {}, any = false;
      $$("select[data-k=order]", box).forEach(function (el) {
        if (el.value) { order[el.getAttribute("data-o")] = /^\d+$/.test(el.value) ? +el.value : el.value; any = true; }
      });
      $$("select[data-k=dim]", box).forEach(function (el) {
        if (el.value === "") return;
        var o = el.getAttribute("data-o");
        (ratings[o] = ratings[o] || {})[el.getAttribute("data-dim")] = +el.value;
        any = true;
      });
      var comment = $("textarea", box).value.trim();
      if (comment) any = true;
      if (any) out.decisions[d] = { digest: box.getAttribute("data-digest"), order: order, ratings: ratings,
                                    comment: comment };
    });
    return out;
  }

  function apply(data) {
    if (!data || data.format !== S.format || data.scenario !== S.scenario) return false;
    $("#rater-name").value = (data.rater && data.rater.name) || "";
    $("#rater-role").value = (data.rater && data.rater.role) || "";
    $$(".decision").forEach(function (box) {
      var a = (data.decisions || {})[box.getAttribute("data-d")] || {};
      $$("select[data-k=order]", box).forEach(function (el) {
        var v = (a.order || {})[el.getAttribute("data-o")];
        el.value = v === undefined || v === null ? "" : String(v);
      });
      $$("select[data-k=dim]", box).forEach(function (el) {
        var r = (a.ratings || {})[el.getAttribute("data-o")] || {};
        var v = r[el.getAttribute("data-dim")];
        el.value = v === undefined || v === null ? "" : String(v);
      });
      $("textarea", box).value = a.comment || "";
    });
    refresh();
    return true;
  }

  function refresh() {
    var filled = 0;
    $$(".decision").forEach(function (box) {
      var kinds = {}, any = false;
      $$("select", box).forEach(function (el) {
        if (!el.value) return;
        any = true;
        if (el.getAttribute("data-k") === "order") kinds[/^\d+$/.test(el.value) ? "rank" : "verdict"] = 1;
      });
      if ($("textarea", box).value.trim()) any = true;
      $(".warn", box).textContent = Object.keys(kinds).length > 1 ? W.mixed : "";
      box.classList.toggle("done", any);
      if (any) filled += 1;
    });
    $("#progress").textContent = say("progress", { n: filled, total: S.total });
  }

  function remember() {
    try { localStorage.setItem(STORE, JSON.stringify(collect())); } catch (e) { /* private mode: no autosave */ }
  }

  function fileName(name) {
    var who = name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "beoordelaar";
    return "beoordeling-" + S.scenario + "-" + who + ".json";
  }

  function save() {
    var data = collect();
    if (!data.rater.name) { status(W.need_name); $("#rater-name").focus(); return; }
    if ($$(".warn").some(function (w) { return w.textContent; })) { status(W.mixed); return; }
    var name = fileName(data.rater.name);
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    status(say("saved_as", { file: name }));
  }

  function open(ev) {
    var file = ev.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var ok = false;
      try { ok = apply(JSON.parse(reader.result)); } catch (e) { ok = false; }
      status(ok ? say("loaded", { file: file.name }) : W.load_failed);
      if (ok) remember();
    };
    reader.readAsText(file);
    ev.target.value = "";
  }

  document.addEventListener("change", function () { refresh(); remember(); });
  document.addEventListener("input", function () { refresh(); remember(); });
  $("#save").addEventListener("click", save);
  $("#open").addEventListener("change", open);
  $("#clear").addEventListener("click", function () {
    if (!window.confirm(W.clear_confirm)) return;
    $$("select").forEach(function (el) { el.value = ""; });
    $$("textarea").forEach(function (el) { el.value = ""; });
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
    refresh();
  });
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(STORE) || "null"); } catch (e) { kept = null; }
  if (kept && apply(kept)) status(W.restored); else refresh();
})();
"""

SCRIPT_WORDS = ("progress", "saved_as", "restored", "loaded", "load_failed", "mixed", "need_name", "clear_confirm")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def speaker_name(scenario: Scenario, line: Line) -> str:
    if line.speaker is None:
        return ""
    try:
        return scenario.resident(line.speaker).name
    except KeyError:
        return line.speaker


def _quote(scenario: Scenario, line: Line, lang: str) -> str:
    who = speaker_name(scenario, line)
    text = escape(line.text.get(lang))
    return f"<span class='speaker'>{escape(who)}:</span> “{text}”" if who else f"<em>{text}</em>"


def _briefing(scenario: Scenario, lang: str) -> str:
    st = scenario.setting
    rows = []

    def row(title: str, body: str) -> None:
        rows.append(f"<dt>{escape(title)}</dt><dd>{body}</dd>")

    def bullets(texts) -> str:
        return "<ul>" + "".join(f"<li>{escape(t.get(lang))}</li>" for t in texts) + "</ul>"

    if st.situation.variants:
        row(say("situation", lang), escape(st.situation.get(lang)))
    if st.your_role.variants:
        row(say("your_role", lang), escape(st.your_role.get(lang)))
    if st.goals:
        row(say("goals", lang), bullets(st.goals))
    if st.room_to_move:
        row(say("mandate", lang), bullets(st.room_to_move))
    people = []
    for r in scenario.residents:
        extra = ", ".join(x.get(lang) for x in (r.role, r.group) if x.variants)
        text = f"<b>{escape(r.name)}</b>" + (f" — {escape(extra)}" if extra else "")
        if r.position.variants:
            text += f"<br>{escape(say('position', lang))}: {escape(r.position.get(lang))}"
        people.append(f"<li>{text}</li>")
    if people:
        row(say("residents", lang), "<ul>" + "".join(people) + "</ul>")
    if scenario.preparation is not None and scenario.preparation.intro.variants:
        row(say("preparation", lang), escape(scenario.preparation.intro.get(lang)))
    dims = "".join(f"<li><b>{escape(d.short.get(lang))}</b> — {escape(d.label.get(lang))}: "
                   f"{escape(d.explanation.get(lang))}</li>" for d in DIMENSIONS)
    return (f"<details class='briefing panel' open><summary>{escape(say('briefing', lang))}</summary>"
            f"<dl>{''.join(rows)}</dl></details>"
            f"<details class='panel'><summary><b>{escape(say('dimensions', lang))}</b></summary>"
            f"<ul class='dims'>{dims}</ul></details>")


def _order_select(item: Item, code: str, lang: str) -> str:
    n = len(item.options)
    ranks = "".join(f"<option value='{i}'>{i}</option>" for i in range(1, n + 1))
    verdicts = "".join(f"<option value='{v}'>{escape(say('verdict_' + v, lang))}</option>" for v in VERDICTS)
    return (f"<select data-k='order' data-o='{code}' aria-label='{escape(say('order', lang))}'>"
            f"<option value=''>–</option>{ranks}"
            f"<optgroup label='{escape(say('or_verdict', lang))}'>{verdicts}</optgroup></select>")


def _dim_select(code: str, dim: str, label: str) -> str:
    values = "".join(f"<option value='{v}'>{'+' if v > 0 else ''}{v if v >= 0 else '−' + str(-v)}</option>"
                     for v in (2, 1, 0, -1, -2))
    return (f"<select data-k='dim' data-o='{code}' data-dim='{dim}' aria-label='{escape(label)}'>"
            f"<option value=''></option>{values}</select>")


def _decision(scenario: Scenario, item: Item, n: int, total: int, lang: str) -> str:
    parts = [f"<section class='decision' data-d='{escape(item.id)}' data-digest='{item.digest}'>",
             f"<div class='kind'>{escape(say('decision_n', lang, n=n, total=total))} · "
             f"{escape(say('preparation' if item.kind == 'prep' else 'meeting', lang))}</div>"]
    if item.before:
        title = say("before" if len(item.before) == 1 else "before_paths", lang)
        parts.append(f"<div class='before'><b>{escape(title)}:</b> "
                     + " <br>".join(_quote(scenario, line, lang) for line in item.before) + "</div>")
    if item.kind == "prep":
        parts.append(f"<div class='line'><span class='speaker'>{escape(say('prep_question', lang))}:</span> "
                     f"{escape(item.line.text.get(lang))}</div>")
    else:
        parts.append(f"<div class='line'>{_quote(scenario, item.line, lang)}</div>")
    for v in item.variants:
        who = speaker_name(scenario, v)
        intro = say("variant", lang, who=who) if who else say("variant_narrator", lang)
        parts.append(f"<div class='variant'>{escape(intro)}: “{escape(v.text.get(lang))}”</div>")
    heads = "".join(f"<th class='dim' title='{escape(d.label.get(lang))}'>{escape(d.short.get(lang))}</th>"
                    for d in DIMENSIONS)
    parts.append("<div class='scroll'><table><thead><tr>"
                 f"<th></th><th>{escape(say('option', lang))}</th>"
                 f"<th>{escape(say('order', lang))}<br>({escape(say('order_hint', lang))})</th>{heads}"
                 "</tr></thead><tbody>")
    for letter, o in zip(LETTERS, item.options):
        cond = f"<span class='cond'>{escape(say('conditional', lang))}</span>" if o.conditional else ""
        dims = "".join(f"<td class='dim'>{_dim_select(o.code, d.key, letter + ' ' + d.short.get(lang))}</td>"
                       for d in DIMENSIONS)
        parts.append(f"<tr><td class='letter'>{letter}</td><td class='text'>{escape(o.text.get(lang))}{cond}</td>"
                     f"<td class='order'>{_order_select(item, o.code, lang)}</td>{dims}</tr>")
    parts.append("</tbody></table></div><div class='warn' aria-live='polite'></div>"
                 f"<label>{escape(say('comment', lang))}<textarea placeholder='{escape(say('comment_hint', lang))}'>"
                 "</textarea></label></section>")
    return "".join(parts)


def sheet_id(scenario: Scenario, seed: str) -> str:
    return f"{scenario.digest}-{seed}" if seed else scenario.digest


def render_sheet(scenario: Scenario, items: tuple[Item, ...], lang: str, seed: str = "",
                 generated_at: Optional[str] = None) -> str:
    """The whole form as one HTML document."""
    title = f"{say('sheet_title', lang)}: {scenario.title.get(lang)}"
    data: dict[str, Any] = {
        "format": SHEET_FORMAT, "version": SHEET_VERSION, "scenario": scenario.id, "digest": scenario.digest,
        "sheet": sheet_id(scenario, seed), "lang": lang, "total": len(items),
        "words": {k: WORDS[k].get(lang) or WORDS[k]["nl"] for k in SCRIPT_WORDS},
    }
    blob = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    how = "".join(f"<p>{escape(say(k, lang))}</p>"
                  for k in ("sheet_intro", "sheet_how_order", "sheet_how_rate", "sheet_how_skip", "sheet_save_how"))
    decisions = "".join(_decision(scenario, item, i, len(items), lang) for i, item in enumerate(items, 1))
    stamp = f" · {escape(generated_at)}" if generated_at else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
script-src 'unsafe-inline'; img-src data:">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{escape(title)}</h1>
<p class="sub">{escape(scenario.id)} · {escape(scenario.digest)}{stamp}</p>
<noscript>{escape(say('no_script', lang))}</noscript>
<section class="panel how">{how}</section>
<section class="panel who">
<label>{escape(say('rater_name', lang))}<input id="rater-name" autocomplete="name"></label>
<label>{escape(say('rater_role', lang))}<input id="rater-role" placeholder="{escape(say('rater_role_hint', lang))}">\
</label>
</section>
{_briefing(scenario, lang)}
{decisions}
</main>
<div class="bar">
<span id="progress"></span>
<button type="button" id="save" class="primary">{escape(say('save', lang))}</button>
<label class="file">{escape(say('open', lang))}<input type="file" id="open" accept=".json,application/json"></label>
<button type="button" id="clear">{escape(say('clear', lang))}</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
<script type="application/json" id="sheet-data">{blob}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
