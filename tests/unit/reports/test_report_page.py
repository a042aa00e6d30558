"""The subject's 360 report page: what the person reviewed, their manager and HR see, in English and Danish."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from janus.library import library
from janus.reports.page import render_report
from janus.reports.view import format_number

NONCE = "bm9uY2UtZm9yLXRlc3Rz"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_VOID = {"circle", "rect", "path", "line", "use", "stop"}
SHOWN = ("self", "manager", "direct_report", "others")
# competency: (self, manager, direct reports, all others, rwg); None = nobody rated it.
PLAN: dict[str, tuple[float, float, float, float, float] | None] = {
    "listening": (4.6, 3.5, 3.4, 3.42, 0.72),  # blind spot
    "teamwork": (3.0, 4.5, 4.2, 4.28, 0.81),  # hidden strength
    "communication": (3.8, 4.0, 3.2, 3.38, 0.31),  # raters disagree widely
    "planning_organising": (3.5, 3.0, 3.1, 3.05, 0.66),
    "delegating": None,
}
SELF_OFFSETS = (0.4, 0.0, -0.6, 0.2, -0.4, 0.4)
OTHER_OFFSETS = (0.3, -0.2, 0.1, -0.5, 0.3, -0.1)
COMMENTS = {
    "en": {
        "listening": [
            "Always makes time when I bring a problem.",
            'Cuts in during stand-ups <script>alert("x")</script>',
        ],
        "teamwork": ["Shares credit generously.", "Helped our team through the release weekend."],
        "communication": ["Very clear in one-to-ones.\nLess so in big meetings."],
        "planning_organising": [],
    },
    "da": {
        "listening": ["Tager sig altid tid, når jeg kommer med et problem.", "Afbryder ofte på morgenmøderne."],
        "teamwork": ["Deler gerne æren med andre."],
        "communication": ["Meget klar i samtaler på tomandshånd."],
        "planning_organising": [],
    },
}
OVERALL = {
    "en": [
        "A steady colleague who people trust.",
        "I would like to see more planning ahead & fewer last-minute changes.",
    ],
    "da": ["En stabil kollega, som folk har tillid til."],
}


def _round(value: float) -> float:
    return round(min(5.0, max(1.0, value)), 2)


def _flag(gap: float | None, threshold: float) -> str | None:
    if gap is None:
        return None
    return "blind_spot" if gap >= threshold else "hidden_strength" if gap <= -threshold else None


def _competency(entry: dict[str, Any], locale: str) -> dict[str, Any]:
    plan = PLAN[entry["id"]]
    if plan is None:
        scores: dict[str, float] = {}
        behaviours = [
            {"id": q["id"], "text": q["text"], "scores": {}, "counts": {}, "gap": None, "flag": None}
            for q in entry["questions"]
        ]
        return {
            "id": entry["id"],
            "name": entry["name"],
            "definition": entry["definition"],
            "scores": scores,
            "counts": {"self": 0, "manager": 0, "direct_report": 0, "others": 0},
            "gap": None,
            "flag": None,
            "agreement": None,
            "behaviours": behaviours,
            "comments": [],
        }
    self_score, manager, reports, others, rwg = plan
    behaviours = []
    for q, s_off, o_off in zip(entry["questions"], SELF_OFFSETS, OTHER_OFFSETS, strict=True):
        b_self, b_others = _round(self_score + s_off), _round(others + o_off)
        gap = round(b_self - b_others, 2)
        behaviours.append(
            {
                "id": q["id"],
                "text": q["text"],
                "scores": {
                    "self": b_self,
                    "manager": _round(manager + o_off),
                    "direct_report": _round(reports + o_off),
                    "others": b_others,
                },
                "counts": {"self": 1, "manager": 1, "direct_report": 5, "others": 8},
                "gap": gap,
                "flag": _flag(gap, 1.0),
            }
        )
    gap = round(self_score - others, 2)
    return {
        "id": entry["id"],
        "name": entry["name"],
        "definition": entry["definition"],
        "scores": {"self": self_score, "manager": manager, "direct_report": reports, "others": others},
        "counts": {"self": 1, "manager": 1, "direct_report": 5, "others": 8},
        "gap": gap,
        "flag": _flag(gap, 1.0),
        "agreement": {"rwg": rwg, "low": rwg < 0.5},
        "behaviours": behaviours,
        "comments": COMMENTS[locale].get(entry["id"], []),
    }


def _flagged(competencies: list[dict[str, Any]], flag: str) -> list[dict[str, Any]]:
    out = []
    for c in competencies:
        if c["flag"] == flag:
            out.append({"competency": c["id"], "behaviour": None, "text": c["name"], "gap": c["gap"]})
        for b in c["behaviours"]:
            if b["flag"] == flag:
                out.append({"competency": c["id"], "behaviour": b["id"], "text": b["text"], "gap": b["gap"]})
    return out


def sample(locale: str = "en") -> dict[str, Any]:
    """A report as janus.reports.build produces it: Mette's Autumn 360, from the real library's texts."""
    entries = {c["id"]: c for c in library().competency_list(locale)}
    competencies = [_competency(entries[cid], locale) for cid in PLAN]
    behaviours = [
        {"id": b["id"], "text": b["text"], "competency": c["name"], "score": b["scores"]["others"]}
        for c in competencies
        for b in c["behaviours"]
        if "others" in b["scores"]
    ]
    ranked = sorted(behaviours, key=lambda b: b["score"])
    rated = sorted((c for c in competencies if "others" in c["scores"]), key=lambda c: c["scores"]["others"])
    groups = [
        {"id": "self", "responses": 1, "shown": True},
        {"id": "manager", "responses": 1, "shown": True},
        {"id": "peer", "responses": 2, "shown": False, "reason": "below_threshold"},
        {"id": "direct_report", "responses": 5, "shown": True},
        {"id": "other", "responses": 0, "shown": False, "reason": "none"},
        {"id": "others", "responses": 8, "shown": True},
    ]

    def brief(c: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
        return {"competency": c["id"], "name": c["name"], key: value}

    low = sorted(
        (c for c in competencies if c["agreement"] and c["agreement"]["low"]), key=lambda c: c["agreement"]["rwg"]
    )
    return {
        "cycle": {"id": "c-1", "name": "Autumn 360", "kind": "360", "closed_at": "2026-12-15T16:00:00+00:00"},
        "subject": {"id": "e002", "name": "Mette Kjær"},
        "locale": locale,
        "threshold": 3,
        "gap_threshold": 1.0,
        "groups": groups,
        "summary": {
            "respondents": [{"group": g["id"], "responses": g["responses"]} for g in groups],
            "strongest": [brief(c, "score", c["scores"]["others"]) for c in rated[::-1][:2]],
            "weakest": [brief(c, "score", c["scores"]["others"]) for c in rated[:2]],
            "blind_spot": brief(competencies[0], "gap", competencies[0]["gap"]),
            "hidden_strength": brief(competencies[1], "gap", competencies[1]["gap"]),
            "disagreement": [brief(c, "rwg", c["agreement"]["rwg"]) for c in low],
            "focus": [brief(c, "score", c["scores"]["others"]) for c in rated[:3]],
        },
        "competencies": competencies,
        "blind_spots": _flagged(competencies, "blind_spot"),
        "hidden_strengths": _flagged(competencies, "hidden_strength"),
        "highest": ranked[::-1][:3],
        "lowest": ranked[:3],
        "overall_comments": OVERALL[locale],
        "recommendations": [
            {
                "competency": c["id"],
                "name": c["name"],
                "items": [r["text"] for r in entries[c["id"]]["recommendations"][:2]],
            }
            for c in rated[:3]
        ],
    }


def without_self(report: dict[str, Any]) -> dict[str, Any]:
    """The same report when the person reviewed did not assess themselves."""
    r = copy.deepcopy(report)
    r["groups"] = [g for g in r["groups"] if g["id"] != "self"]
    for c in r["competencies"]:
        for item in (c, *c["behaviours"]):
            item["scores"].pop("self", None)
            item["counts"].pop("self", None)
            item["gap"], item["flag"] = None, None
    r["blind_spots"], r["hidden_strengths"] = [], []
    return r


class Page(HTMLParser):
    """The parsed page: elements with their attributes, their text and their ancestors."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.elements: list[dict[str, Any]] = []
        self.stack: list[dict[str, Any]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "ancestors": list(self.stack)}
        self.elements.append(element)
        if tag not in VOID and tag not in SVG_VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": "", "ancestors": list(self.stack)})

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element["text"] += data

    def all(self, tag: str, within: dict[str, Any] | None = None, **attrs: str) -> list[dict[str, Any]]:
        return [
            e
            for e in self.elements
            if e["tag"] == tag
            and all(e["attrs"].get(k.rstrip("_")) == v for k, v in attrs.items())
            and (within is None or any(a is within for a in e["ancestors"]))
        ]

    def one(self, tag: str, within: dict[str, Any] | None = None, **attrs: str) -> dict[str, Any]:
        found = self.all(tag, within, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, element_id: str) -> dict[str, Any]:
        found = [e for e in self.elements if e["attrs"].get("id") == element_id]
        assert len(found) == 1, f"expected one element with id {element_id!r}, found {len(found)}"
        return found[0]

    def classed(self, tag: str, name: str, within: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return [e for e in self.all(tag, within) if name in (e["attrs"].get("class") or "").split()]


def text(element: dict[str, Any]) -> str:
    return " ".join(element["text"].split())


def visible_text(page: Page) -> str:
    """All the page's text, the style sheet left out."""
    style = page.one("style")
    return " ".join(text(page.one("body")).replace(style["text"], " ").split())


@pytest.fixture(scope="module")
def page() -> Page:
    return Page(render_report(sample("en"), nonce=NONCE))


@pytest.fixture(scope="module")
def danish() -> Page:
    return Page(render_report(sample("da")))


def respondent_rows(page: Page) -> dict[str, list[str]]:
    table = page.classed("table", "respondents")[0]
    return {
        text(page.one("th", row)): [text(td) for td in page.all("td", row)]
        for row in page.all("tr", page.one("tbody", table))
    }


def test_header_names_the_person_the_round_and_the_date(page: Page) -> None:
    assert text(page.one("h1")) == "Mette Kjær"
    assert "Mette Kjær" in text(page.one("title", page.one("head")))
    facts = text(page.classed("dl", "facts")[0])
    assert "Autumn 360" in facts
    assert "15 December 2026" in facts
    assert page.one("time")["attrs"]["datetime"] == "2026-12-15T16:00:00+00:00"


def test_who_answered_lists_each_group_with_its_count(page: Page) -> None:
    assert respondent_rows(page) == {
        "Self": ["1", "Shown"],
        "Manager": ["1", "Shown"],
        "Peers": ["2", "Not shown: fewer than 3 answers"],
        "Direct reports": ["5", "Shown"],
        "Others": ["0", "Not shown: no answers"],
        "All others": ["8", "Shown"],
    }


def test_a_hidden_group_has_no_score_column_and_no_marker_anywhere() -> None:
    report = sample("en")
    # Even a score that should never have reached the page stays off it.
    report["competencies"][0]["scores"]["peer"] = 1.11
    report["competencies"][0]["behaviours"][0]["scores"]["peer"] = 1.17
    page = Page(render_report(report))
    # Every element that carries a group's score says which group: only the shown ones.
    groups = {e["attrs"]["data-group"] for e in page.elements if "data-group" in e["attrs"]}
    assert groups == set(SHOWN)
    listening = page.by_id("competency-listening")
    headers = [text(th) for th in page.all("th", page.classed("table", "scores", listening)[0]) if text(th)]
    assert headers == ["Self", "Manager", "Direct reports", "All others", "Average score", "Answers"]
    assert "Peers" not in [text(th) for th in page.all("th", listening)]
    assert "1.11" not in page.html and "1.17" not in page.html
    assert "Peers" not in text(page.by_id("chart-profile"))


def test_the_profile_chart_has_one_marker_per_shown_group_per_competency(page: Page) -> None:
    figure = page.by_id("chart-profile")
    svg = page.one("svg", figure, role="img")
    title = page.all("title", svg)[0]
    assert text(title) == "Scores by competency and group"
    assert svg["attrs"]["aria-labelledby"] == title["attrs"]["id"]
    desc = page.by_id(svg["attrs"]["aria-describedby"])
    assert desc["tag"] == "desc" and "Listening: Self 4.60, Manager 3.50, Direct reports 3.40, All others 3.42" in text(
        desc
    )
    markers = page.classed("use", "mk", svg)
    for cid, plan in PLAN.items():
        mine = [m["attrs"]["data-group"] for m in markers if m["attrs"]["data-competency"] == cid]
        assert mine == ([] if plan is None else list(SHOWN)), cid
    # Each group has its own shape, named in the legend (so colour is not the only cue).
    shapes = {m["attrs"]["data-group"]: m["attrs"]["href"] for m in markers}
    assert len(set(shapes.values())) == len(SHOWN)
    legend = page.classed("g", "legend", svg)[0]
    assert [text(t) for t in page.all("text", legend)] == ["Self", "Manager", "Direct reports", "All others"]
    assert {u["attrs"]["href"] for u in page.all("use", legend)} == set(shapes.values())
    delegating = page.one("g", svg, **{"data-competency": "delegating"})
    assert "Not rated" in text(delegating)
    # The same values as a table next to the chart.
    table = page.classed("table", "profile-table", figure)[0]
    row = page.one("tr", table, **{"data-competency": "teamwork"})
    assert [text(td) for td in page.all("td", row)] == ["3.00", "4.50", "4.20", "4.28", "−1.28 Hidden strength"]


def test_the_self_versus_others_chart_has_two_bars_with_values(page: Page) -> None:
    svg = page.one("svg", page.by_id("chart-gap"), role="img")
    assert text(page.all("title", svg)[0]) == "Self-assessment compared with all others"
    assert page.by_id(svg["attrs"]["aria-describedby"])["tag"] == "desc"
    bars = page.all("rect", svg)
    rated = [cid for cid, plan in PLAN.items() if plan]
    for cid in rated:
        assert [b["attrs"]["data-group"] for b in bars if b["attrs"].get("data-competency") == cid] == [
            "self",
            "others",
        ]
    row = page.one("g", svg, **{"data-competency": "listening"})
    labels = [text(t) for t in page.all("text", row)]
    assert labels == ["Listening · gap +1.18 · Blind spot", "Self 4.60", "All others 3.42"]
    assert "Self: not rated" in text(page.one("g", svg, **{"data-competency": "delegating"}))


def test_blind_spots_and_hidden_strengths_are_listed_before_the_details(page: Page) -> None:
    report = sample("en")
    blind = [text(li) for li in page.all("li", page.by_id("blind-spots"))]
    hidden = [text(li) for li in page.all("li", page.by_id("hidden-strengths"))]
    assert len(blind) == 5 < len(report["blind_spots"]) and len(hidden) == len(report["hidden_strengths"]) == 5
    assert blind[0] == "+1.88 Puts the phone away during conversations. Listening"
    assert "+1.28 Lets others finish speaking before giving a reply. Listening" in blind
    assert "+1.18 Listening" in blind
    assert "−1.28 Teamwork" in hidden
    assert not any("Listening" in item for item in hidden)
    link = page.one("a", page.by_id("hidden-strengths"), href="#competency-teamwork", class_="whole")
    assert text(link) == "Teamwork"
    listening = page.by_id("competency-listening")
    assert [text(f) for f in page.classed("span", "flag", page.classed("dl", "measures", listening)[0])] == [
        "Blind spot"
    ]


def summary_lines(page: Page, block: str) -> list[str]:
    return [text(li) for li in page.all("li", page.by_id(block))]


def test_the_report_opens_with_a_one_page_summary(page: Page) -> None:
    assert text(page.all("h2")[0]) == "Summary"
    summary = page.by_id("summary")
    assert page.classed("table", "respondents", summary), "who answered is on the summary page"
    assert summary_lines(page, "strongest") == ["4.28 Teamwork", "3.42 Listening"]
    assert summary_lines(page, "weakest") == ["3.05 Planning and organising", "3.38 Speaking clearly"]
    assert text(page.by_id("blind-spot")).endswith("+1.18 Listening")
    assert text(page.by_id("hidden-strength")).endswith("−1.28 Teamwork")
    assert summary_lines(page, "disagreement") == ["0.31 Speaking clearly"]
    assert summary_lines(page, "focus") == ["3.05 Planning and organising", "3.38 Speaking clearly", "3.42 Listening"]
    link = page.one("a", page.by_id("strongest"), href="#competency-teamwork")
    assert text(link) == "Teamwork"
    # The details follow the summary.
    ids = [e["attrs"].get("id") for e in page.elements if e["tag"] == "section"]
    assert ids.index("summary") == 0 and ids.index("competencies") > ids.index("charts")


def test_an_older_report_without_a_summary_still_renders() -> None:
    report = sample("en")
    del report["summary"]
    page = Page(render_report(report))
    assert_clean(page)
    assert summary_lines(page, "strongest") == []
    assert respondent_rows(page)["Peers"] == ["2", "Not shown: fewer than 3 answers"]


def test_flagged_behaviours_are_listed_largest_gap_first_and_capped() -> None:
    report = sample("en")
    behaviours = [b for c in report["competencies"] for b in c["behaviours"]][:8]
    report["blind_spots"] = [
        {"competency": "listening", "behaviour": b["id"], "text": b["text"], "gap": gap}
        for b, gap in zip(behaviours, (1.1, 2.4, 1.3, 1.9, 1.0, 2.0, 1.5, 1.2), strict=True)
    ]
    page = Page(render_report(report))
    lines = [text(li) for li in page.all("li", page.by_id("blind-spots"))]
    assert [line.split()[0] for line in lines] == ["+2.40", "+2.00", "+1.90", "+1.50", "+1.30"]
    assert "3 more are flagged in the tables of the competencies." in text(page.by_id("blind-spots"))


def test_the_summary_ranks_three_highest_and_three_lowest_behaviours(page: Page) -> None:
    report = sample("en")
    for kind in ("highest", "lowest"):
        items = page.all("li", page.by_id(kind))
        assert len(items) == 3
        for li, item in zip(items, report[kind], strict=True):
            assert item["text"] in text(li)
            assert format_number(item["score"], "en") in text(li)


def test_the_low_agreement_note_is_shown_only_where_agreement_is_low(page: Page) -> None:
    notes = page.classed("p", "low-agreement")
    assert len(notes) == 1
    assert any(a["attrs"].get("id") == "competency-communication" for a in notes[0]["ancestors"])
    assert "raters disagree widely" in text(notes[0])
    assert "0.31" in text(page.by_id("competency-communication"))
    assert "The raters broadly agree." in text(page.by_id("competency-listening"))


def test_comments_are_listed_unattributed_and_escaped(page: Page) -> None:
    listening = page.by_id("competency-listening")
    comments = [text(li) for li in page.all("li", page.classed("ul", "comments", listening)[0])]
    assert comments == COMMENTS["en"]["listening"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.html
    assert page.all("script") == []
    overall = [text(li) for li in page.all("li", page.by_id("overall"))]
    assert overall == OVERALL["en"]
    assert "No comments on this competency." in text(page.by_id("competency-planning_organising"))


def test_development_suggestions_cover_the_three_lowest_rated_competencies(page: Page) -> None:
    section = page.by_id("recommendations")
    assert [text(h) for h in page.all("h3", section)] == ["Planning and organising", "Speaking clearly", "Listening"]
    assert len(page.all("li", section)) == 6
    entry = library().competency("planning_organising").recommendations[0].get("en")
    assert " ".join(entry.split()) in text(section)
    assert "All others: 3.05" in text(section)


def test_the_how_to_read_section_explains_the_numbers(page: Page) -> None:
    howto = text(page.by_id("howto"))
    for words in (
        "1 Almost never",
        "5 Almost always",
        "at least 3 people",
        "at least 1.0 higher",
        "at least 1.0 lower",
    ):
        assert words in howto
    assert "“All others” combines everyone who answered except Mette Kjær" in howto
    assert "Below 0.5, agreement is low" in howto


def test_a_danish_report_is_in_danish(danish: Page) -> None:
    assert danish.one("html")["attrs"]["lang"] == "da"
    assert list(respondent_rows(danish)) == ["Dig selv", "Leder", "Kolleger", "Medarbejdere", "Andre", "Alle andre"]
    assert respondent_rows(danish)["Kolleger"] == ["2", "Vises ikke: færre end 3 besvarelser"]
    titles = [text(h) for h in danish.all("h2")]
    assert titles[:2] == ["Sammenfatning", "Sådan læser du rapporten"]
    assert "Udviklingsforslag" in titles
    body = visible_text(danish)
    assert "15. december 2026" in body
    assert "Dig selv 4,60" in body and "forskel +1,18" in body
    assert "Blind plet" in body and "Skjult styrke" in body
    for english in ("How to read", "Who answered", "Blind spot", "All others", "Not shown"):
        assert english not in body


def test_the_page_prints_on_a4_and_works_on_a_phone(page: Page) -> None:
    css = page.one("style")["text"]
    assert "@page { size: A4;" in css
    print_css = css[css.index("@media print") :]
    assert ".competency table, .competency .comments li { break-inside: avoid;" in print_css
    assert "#summary { break-after: page;" in print_css
    assert "@media (max-width: 30em)" in css
    assert page.one("meta", name="viewport")["attrs"]["content"] == "width=device-width, initial-scale=1"


def test_the_page_has_no_script_and_loads_nothing(page: Page) -> None:
    assert page.all("script") == []
    assert not re.search(r"<script|javascript:|\son[a-z]+=", page.html, re.IGNORECASE)
    assert not any(e["attrs"].get("src") for e in page.elements)
    assert page.all("link") == []
    assert not re.search(r"url\((?!#)", page.one("style")["text"])
    styles = page.all("style")
    assert len(styles) == 1 and styles[0]["attrs"]["nonce"] == NONCE
    assert not any("style" in e["attrs"] for e in page.elements)


def test_the_nonce_is_optional_and_checked() -> None:
    assert "nonce" not in Page(render_report(sample("en"))).one("style")["attrs"]
    with pytest.raises(ValueError):
        render_report(sample("en"), nonce='x" onload="alert(1)')


def assert_clean(page: Page) -> None:
    body = visible_text(page)
    assert not re.search(r"\b(None|nan|NaN|null|undefined)\b", body), body
    assert not re.search(r"\b(None|nan|NaN)\b", " ".join(str(v) for e in page.elements for v in e["attrs"].values()))


def test_without_a_self_assessment_the_page_says_so() -> None:
    page = Page(render_report(without_self(sample("en"))))
    assert_clean(page)
    assert respondent_rows(page)["Self"] == ["0", "Not shown: no self-assessment"]
    assert "There is no self-assessment, so blind spots and hidden strengths cannot be found." in text(
        page.by_id("blind-spots")
    )
    gap = page.by_id("chart-gap")
    assert page.all("svg", gap) == []
    assert "There is no self-assessment, so this comparison cannot be shown." in text(gap)
    markers = page.classed("use", "mk", page.by_id("chart-profile"))
    assert len(markers) == 4 * 3
    assert "No gap: it needs both a self-assessment and a score from all others." in text(
        page.by_id("competency-listening")
    )


def test_missing_data_is_explained_not_printed_as_none() -> None:
    report = sample("en")
    report["overall_comments"] = []
    report["recommendations"] = []
    report["highest"], report["lowest"] = [], []
    report["competencies"][1]["agreement"] = None
    report["competencies"][2]["comments"] = None
    report["competencies"][0]["scores"]["manager"] = None  # the manager chose "not able to rate"
    report["competencies"][0]["counts"]["manager"] = 0
    report["competencies"][3]["scores"]["direct_report"] = float("nan")
    page = Page(render_report(report))
    assert_clean(page)
    assert "Nobody rated this competency." in text(page.by_id("competency-delegating"))
    assert "No overall comments." in text(page.by_id("overall"))
    assert "There are no development suggestions in this report." in text(page.by_id("recommendations"))
    assert "There are not enough ratings from others to rank the behaviours." in text(page.by_id("highest"))
    assert "Not available." in text(page.by_id("competency-teamwork"))
    assert "No comments on this competency." in text(page.by_id("competency-communication"))
    listening = page.by_id("competency-listening")
    manager = page.one("td", page.classed("table", "scores", listening)[0], **{"data-group": "manager"})
    assert text(manager) == "not rated"
    markers = page.classed("use", "mk", page.by_id("chart-profile"))
    assert [m["attrs"]["data-group"] for m in markers if m["attrs"]["data-competency"] == "listening"] == [
        "self",
        "direct_report",
        "others",
    ]


@pytest.mark.parametrize("report", [{}, {"locale": "da", "groups": None, "competencies": None, "subject": None}])
def test_an_empty_report_still_renders(report: dict[str, Any]) -> None:
    page = Page(render_report(report))
    assert_clean(page)
    assert page.all("script") == []
    assert page.all("svg") == []


def test_numbers_are_written_the_local_way() -> None:
    assert format_number(3.5, "en") == "3.50"
    assert format_number(3.5, "da") == "3,50"
    assert format_number(1.5, "en", signed=True) == "+1.50"
    assert format_number(-1.2, "da", signed=True) == "−1,20"
    assert format_number(-0.001, "en", signed=True) == "0.00"


def built(locale: str, answers: list[Any], manager_identified: bool) -> Page:
    from janus.reports.build import Answer, Policy, build_report

    questions = [q.id for q in library().competency("listening").questions]
    report = build_report(
        cycle={"id": "c", "name": "Autumn 360", "kind": "360", "closed_at": None},
        subject={"id": "s", "name": "Mette Kjær"},
        competencies=["listening"],
        answers=[Answer(group, dict.fromkeys(questions, rating)) for group, rating in answers],
        policy=Policy(threshold=3, manager_identified=manager_identified),
        locale=locale,
    )
    return Page(render_report(report))


def left_out_lines(page: Page) -> list[str]:
    return [text(li) for li in page.all("li", page.classed("ul", "left-out")[0])]


def test_the_page_says_which_small_group_was_left_out_of_all_others_and_why() -> None:
    answers = [("self", 3), ("manager", 5), *[("peer", 4)] * 3, *[("direct_report", 1)] * 2]
    page = built("en", answers, manager_identified=True)
    assert left_out_lines(page) == [
        "Direct reports (2 answered): fewer than 3, so not shown on their own; their answers are left out of "
        "“All others” too, because with the manager's own scores shown they could be worked out."
    ]
    danish = built("da", answers, manager_identified=True)
    assert left_out_lines(danish) == [
        "Medarbejdere (2 har svaret): færre end 3, så de vises ikke for sig; deres svar er også holdt uden for "
        "»Alle andre«, fordi de ellers kunne regnes ud, når lederens egne scorer vises."
    ]


def test_the_page_says_when_small_groups_are_counted_in_all_others() -> None:
    page = built("en", [("self", 3), ("manager", 5), *[("direct_report", 1)] * 2], manager_identified=False)
    assert left_out_lines(page) == [
        "Manager (1 answered): not named in this round, so not shown on their own; "
        "their answers are counted in “All others”.",
        "Direct reports (2 answered): fewer than 3, so not shown on their own; "
        "their answers are counted in “All others”.",
    ]
    assert respondent_rows(page)["All others"][0] == "3"


def test_a_behaviour_hidden_for_a_shown_group_says_why() -> None:
    report = sample("en")
    behaviour = report["competencies"][0]["behaviours"][0]
    del behaviour["scores"]["direct_report"]
    behaviour["hidden"] = ["direct_report"]
    page = Page(render_report(report))
    assert "fewer than 3 answers" in text(page.by_id("competency-listening"))


def test_a_table_that_scrolls_sideways_can_be_scrolled_from_the_keyboard(danish: Page) -> None:
    wrappers = danish.classed("div", "table-scroll")
    assert wrappers and all(w["attrs"].get("tabindex") == "0" for w in wrappers)


def test_the_report_says_until_when_its_answers_are_kept_in_the_readers_language() -> None:
    kept = {"answers_kept_until": "2029-12-15T16:00:00+00:00", "retention_months": 36}
    for locale, sentence in (
        ("en", "The answers behind this report are kept until 15 December 2029 (the organisation keeps them 36 "
               "months after the round closes)."),
        ("da", "Svarene bag denne rapport gemmes indtil 15. december 2029 (organisationen gemmer dem 36 måneder "
               "efter, at runden er afsluttet)."),
    ):  # fmt: skip
        report = sample(locale)
        report["cycle"] = {**report["cycle"], **kept}
        assert sentence in visible_text(Page(render_report(report)))
    assert "kept until" not in visible_text(Page(render_report(sample("en"))))  # a report built before it said so
