"""The SVG chart module: well-formed, accessible, proportional, escaped."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from workspace.monitoring.charts import bar_chart, line_chart, stacked_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_bar_chart_is_accessible_well_formed_and_proportional():
    svg = _parse(bar_chart("c1", "Мероприятия", "Число мероприятий по партнёрам", ["МИБС", "Драмтеатр"],
                           [("2026/2027", [5, 3]), ("2025/2026", [2, 0])]))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Мероприятия"
    assert svg.find(f"{SVG}title").get("id") == "c1-title"
    assert svg.find(f"{SVG}desc").text == "Число мероприятий по партнёрам"
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == 4
    widths = {rect.find(f"{SVG}title").text: float(rect.get("width")) for rect in bars}
    # the axis ends at the «nice» maximum 5: a bar of 5 is the whole plot, 3 is three fifths of it, 0 is empty
    assert widths["МИБС, 2026/2027: 5"] > 0
    assert abs(widths["Драмтеатр, 2026/2027: 3"] / widths["МИБС, 2026/2027: 5"] - 0.6) < 0.01
    assert widths["Драмтеатр, 2025/2026: 0"] == 0


def test_text_is_escaped_and_long_labels_shortened():
    markup = str(bar_chart("c2", "<script>alert(1)</script>", "a & b", ["Очень длинное название учреждения культуры"],
                           [("Ряд", [1])]))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup and "a &amp; b" in markup
    svg = _parse(markup)
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert any(label and label.endswith("…") for label in labels)
    # the full name stays in the bar's tooltip title
    assert any("Очень длинное название учреждения культуры" in (t.text or "") for t in svg.iter(f"{SVG}title"))


def test_line_chart_places_points_by_value():
    svg = _parse(line_chart("c3", "По месяцам", "Проведено по месяцам", ["сент.", "окт.", "нояб."],
                            [("Проведено", [0, 2, 4])]))
    points = svg.find(f"{SVG}polyline").get("points").split()
    ys = [float(point.split(",")[1]) for point in points]
    assert ys[0] > ys[1] > ys[2]  # higher values are higher on the chart (smaller y)
    assert abs((ys[0] - ys[1]) - (ys[1] - ys[2])) < 0.2  # linear
    assert len(list(svg.iter(f"{SVG}circle"))) == 3


def test_stacked_chart_shows_shares_of_each_total():
    svg = _parse(stacked_chart("c4", "Доли", "Доли по состоянию", ["МИБС", "Пусто"],
                               [("Проведено", [1, 0]), ("Запланировано", [3, 0])]))
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert "МИБС, Проведено: 1 (25 %)" in titles
    assert "МИБС, Запланировано: 3 (75 %)" in titles
    rects = {r.find(f"{SVG}title").text: float(r.get("width")) for r in svg.iter(f"{SVG}rect")
             if r.find(f"{SVG}title") is not None}
    assert abs(rects["МИБС, Запланировано: 3 (75 %)"] / rects["МИБС, Проведено: 1 (25 %)"] - 3) < 0.01
    # a category with nothing is an empty outline, not a division by zero
    assert any(r.get("fill") == "none" for r in svg.iter(f"{SVG}rect"))


def test_figures_are_russian_numbers_and_no_inline_styles():
    markup = str(bar_chart("c5", "Т", "Д", ["А"], [("Ряд", [1234.5])]))
    assert "1\u00a0234,5" in markup
    assert "style=" not in markup and "<script" not in markup
    assert not re.search(r"\son\w+=", markup)


def test_empty_series_draw_without_error():
    assert _parse(bar_chart("c6", "Т", "Д", [], [])).get("role") == "img"
    assert _parse(line_chart("c7", "Т", "Д", ["сент."], [("Ряд", [0])])) is not None
