"""The reader's pages on a real server: home, topic (timeline and map data), story, search, and following a topic
through the form (CSRF, bad input kept in the form, the subscription made)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import httpx
import pytest
from markupsafe import escape
from tests.mailsink import free_port
from tests.web.server import serving

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app
from volg.web.labels import LABELS
from volg.web.pages import TEMPLATES

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    path: Path = tmp_path_factory.mktemp("site") / "volg.db"
    svc = Service(Settings(base_url="http://volg.test"), open_storage(str(path)), clock=lambda: NOW)
    for name, query in demo.TOPICS:
        svc.add_topic(name, query)
    list(svc.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    list(svc.ingest_bytes(json.dumps({
        "url": "https://evil.example/x", "source": "Evil", "published_at": "2026-11-19T12:00:00Z",
        "title": "Hoogwater <script>window.__volg_pwned=1</script><img src=x onerror=alert(1)>",
        "text": "De Maas bij Venlo <script>alert(2)</script> staat hoog, meldt het waterschap vandaag opnieuw "
                "<a href=\"javascript:alert(3)\">hier</a> in een korte update over het hoogwater."}).encode(),
        "evil.jsonl"))
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[httpx.Client]:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as http:
        yield http


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_home_lists_topics_with_activity_and_important_developments(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert 'href="/topics/hoogwater"' in home.text and 'href="/topics/oorlog-in-oekraine"' in home.text
    assert home.text.count("<rect ") >= 14, "a bar per day per topic"
    assert "Belangrijkste ontwikkelingen" in home.text and home.text.count('class="dev"') >= 3


def test_topic_page_has_a_timeline_and_the_places_for_the_map(client: httpx.Client) -> None:
    page = client.get("/topics/hoogwater")
    assert page.status_code == 200 and 'href="/follow/hoogwater"' in page.text
    places = json.loads(unescape(re.search(r'data-places="([^"]*)"', page.text)[1]))  # type: ignore[index]
    names = {p["name"] for p in places}
    assert {"Venlo", "Maastricht"} <= names and all(-90 <= p["lat"] <= 90 and p["count"] >= 1 for p in places)
    assert {"Duitsland", "Oostenrijk"} <= names and not names & {"Germany", "Austria"}, "countries named in Dutch"
    # places the developments spell only in English (from an English source): named in Dutch on a Dutch page
    assert {"Rijn", "Donau", "Wallonië"} <= names and not names & {"Rhine", "Danube", "Wallonia"}
    english = client.get("/topics/hoogwater", headers={"Accept-Language": "en"}).text
    english_names = {p["name"] for p in json.loads(unescape(re.search(r'data-places="([^"]*)"', english)[1]))}  # type: ignore[index]
    assert {"Germany", "Austria", "Venlo", "Rhine", "Danube", "Wallonia"} <= english_names
    ukraine = client.get("/topics/oorlog-in-oekraine").text
    ukraine_names = {p["name"] for p in json.loads(unescape(re.search(r'data-places="([^"]*)"', ukraine)[1]))}  # type: ignore[index]
    assert {"Brussel", "Wenen"} <= ukraine_names and not ukraine_names & {"Brussels", "Vienna"}
    assert page.text.count('class="dev"') >= 5
    assert "<summary>Waarom?</summary>" in page.text, "reasons behind a toggle, not a technical line for readers"
    assert "belang" in page.text and "media in" in page.text, "reasons in Dutch on a Dutch page"
    assert client.get("/topics/no-such-topic").status_code == 404


def test_story_page_lists_its_articles_in_order(client: httpx.Client, service: Service) -> None:
    story = max(service.stories(), key=lambda s: len(s.articles))
    page = client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    shown = [a.title for a in sorted(story.articles, key=lambda a: (a.published_at, a.id))]
    listed = page.text.split("<h2>Artikelen</h2>", 1)[1]
    positions = [listed.find(str(escape(title))) for title in shown]
    assert -1 not in positions and positions == sorted(positions)


def test_story_page_tells_the_story_as_a_timeline_of_its_developments(client: httpx.Client, service: Service) -> None:
    story = max(service.stories(), key=lambda s: len(s.articles))
    developments = service.story_developments(story)
    assert len(developments) >= 2
    page = client.get(f"/stories/{story.id}").text
    timeline = page.split("<h2>Tijdlijn</h2>", 1)[1].split("<h2>Artikelen</h2>", 1)[0]
    positions = [timeline.find(str(escape(d.told_in("nl").headline))) for d in reversed(developments)]  # newest first
    assert -1 not in positions and positions == sorted(positions)
    assert 'class="volg-map"' in page


def test_story_page_links_its_topic_and_names_places_as_the_topic_does(client: httpx.Client, service: Service) -> None:
    held = set(service.memberships(service.storage.get_topic("hoogwater")))
    story = max((s for s in service.stories() if s.id in held), key=lambda s: len(s.articles))
    page = client.get(f"/stories/{story.id}").text
    head = page.split("<h2>", 1)[0]
    assert '<a href="/topics/hoogwater">Hoogwater</a>' in head
    assert '<a class="follow-button" href="/follow/hoogwater">Volg dit onderwerp</a>' in head
    places = page.split('class="volg-map"', 1)[1].split("<h2>", 1)[0]
    assert "Lissabon" in places and "Lisbon" not in places, "named as the topic's Dutch developments write it"
    outside = next(s for s in service.stories() if not any(
        s.id in service.memberships(topic) for topic in service.topics() if topic.query))
    assert "/follow/" not in client.get(f"/stories/{outside.id}").text


def test_search_is_accent_insensitive(client: httpx.Client) -> None:
    found = client.get("/search", params={"q": "oekraine"})
    assert found.status_code == 200 and "Oekraïne" in text_of(found.text)
    assert 'href="/stories/' in found.text
    assert "Niets gevonden" in client.get("/search", params={"q": "zzzqqq"}).text


def test_article_text_is_shown_as_text(client: httpx.Client) -> None:
    for path in ("/topics/hoogwater", "/search?q=waterschap"):
        page = client.get(path).text
        assert "<script>window.__volg_pwned" not in page and "<img src=x" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;" in client.get("/search?q=waterschap").text


def test_follow_form_previews_refuses_forgeries_and_subscribes(client: httpx.Client, service: Service) -> None:
    form = client.get("/follow/hoogwater")
    assert form.status_code == 200 and "Zo ziet je update er nu uit" in form.text
    assert form.text.count('class="dev"') >= 1, "a preview of what the reader would get now"
    assert 'class="badge"' not in form.text, "nothing is an update to a reader who has had nothing"
    assert 'class="badge' not in httpx.get(client.base_url.join("/topics/hoogwater")).text, \
        "nor is anything new or an update to a visitor who has not been here before"
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)[1]  # type: ignore[index]
    assert client.cookies.get("volg_csrf") == csrf
    fields = {"times": "07:30,18:00", "tz": "Europe/Brussels", "max_items": "3", "email": "lezer@example.nl"}
    with httpx.Client(base_url=str(client.base_url)) as stranger:  # another site's form post: no cookie
        assert stranger.post("/follow/hoogwater", data=fields | {"csrf": csrf}).status_code == 403
    bad = client.post("/follow/hoogwater", data=fields | {"csrf": csrf, "tz": "Europe/Atlantis"})
    assert bad.status_code == 400 and "Europe/Atlantis" in bad.text and 'value="07:30,18:00"' in bad.text
    before = len(service.subscriptions())
    # this volg has no SMTP server: an address is refused (it could never be confirmed), the rest of the form kept
    mailless = client.post("/follow/hoogwater", data=fields | {"csrf": csrf})
    assert mailless.status_code == 400 and "sends no email" in mailless.text and 'value="07:30,18:00"' in mailless.text
    fields["email"] = ""  # the Atom feed (and push, webhooks) need no confirmation
    made = client.post("/follow/hoogwater", data=fields | {"csrf": csrf})
    assert made.status_code == 200 and "Je volgt dit onderwerp" in made.text
    [sub] = service.subscriptions()[before:]
    assert (sub.topic, sub.times, sub.tz, sub.max_items, sub.email, sub.language, sub.genres, sub.confirmed) == (
        "hoogwater", ("07:30", "18:00"), "Europe/Brussels", 3, None, "nl", (), True)
    assert service.links(sub).manage in made.text and service.links(sub).feed in made.text
    # news only unless the reader ticks the box for opinion and background
    client.post("/follow/hoogwater", data=fields | {"csrf": csrf, "background": "1"})
    assert service.subscriptions()[-1].genres == ("analysis", "interview", "opinion")
    # the follow form takes the page's language
    english = client.post("/follow/hoogwater", data=fields | {"csrf": csrf}, headers={"Accept-Language": "en-GB"})
    assert english.status_code == 200
    assert service.subscriptions()[-1].language == "en"


def test_demo_ends_by_serving_the_ui(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {"VOLG_HOME": str(tmp_path)}
    demo_process = subprocess.Popen([sys.executable, "-m", "volg", "demo", "--port", str(port)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, home = time.monotonic() + 300, None
        while home is None and time.monotonic() < deadline and demo_process.poll() is None:
            try:
                home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            except httpx.TransportError:
                time.sleep(0.3)
        assert home is not None and home.status_code == 200 and 'href="/topics/hoogwater"' in home.text
        manage = re.search(r"http://127\.0\.0\.1:\d+/manage/\S+", (tmp_path / "demo-feed.atom").read_text())
        assert manage is not None and manage[0].startswith(f"http://127.0.0.1:{port}/manage/")
    finally:
        demo_process.send_signal(signal.SIGTERM)
        stdout, stderr = demo_process.communicate(timeout=60)
    assert demo_process.returncode == 0, stderr
    assert f"http://127.0.0.1:{port}/" in stdout


def test_pages_show_times_in_the_time_zone_setting(tmp_path: Path) -> None:
    line = json.dumps({"url": "https://nieuws.example/maas", "source": "Nieuws", "published_at": "2026-11-19T12:00:00Z",
                       "title": "Maas bij Venlo stijgt verder", "text": "De Maas bij Venlo stijgt verder, meldt het "
                       "waterschap. Bewoners van de kades worden gevraagd zandzakken klaar te zetten voor de nacht."})
    for zone, shown in (("Europe/Amsterdam", "19-11-2026, 13:00"), ("America/New_York", "19-11-2026, 07:00")):
        with Service(Settings(time_zone=zone), open_storage(str(tmp_path / f"{zone[:6]}.db")), clock=lambda: NOW) \
                as svc, serving(create_app(svc)) as base:
            list(svc.ingest_bytes(line.encode(), "maas.jsonl"))
            svc.add_topic("Hoogwater", "Maas")
            (story,) = svc.stories()
            assert shown in httpx.get(f"{base}/stories/{story.id}").text
            assert f'value="{zone}"' in httpx.get(f"{base}/follow/hoogwater").text  # the form's default zone


def test_story_page_keeps_opinion_apart_from_the_news(client: httpx.Client, service: Service) -> None:
    column = {"id": "col-1", "source": "De Havenbode", "language": "nl", "published_at": "2026-11-19T20:00:00Z",
              "url": "https://www.havenbode.example/opinie/column/2026/11/19/de-maas-en-wij",
              "title": "Column: De Maas en wij",
              "text": "Ik sta al dertig jaar op de dijk bij Venlo als de Maas stijgt, en ik weet inmiddels wel beter "
                      "dan te denken dat wij de rivier in de hand hebben.\nMijn buren denken er net zo over: we "
                      "moeten bescheidener zijn over wat wij als mensen kunnen."}
    (result,) = list(service.ingest_bytes(json.dumps(column).encode(), "column.jsonl"))
    assert result.article is not None and result.article.clean.genre == "opinion"
    (story_id,) = service.storage.stories_of_article(result.article.id)
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    views = page.text.split("<h2>Opinie en achtergrond</h2>", 1)[1]
    assert "Column: De Maas en wij" in views and "nl · Opinie</span>" in views  # its genre in the page's language


@pytest.mark.parametrize("path", ["/", "/topics/hoogwater", "/follow/hoogwater", "/search?q=maas", "/api/topics",
                                  "/static/volg.css", "/topics/no-such-topic", "/api/topics/no-such-topic"])
def test_every_response_says_what_a_browser_may_load_and_tell(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"  # reader links carry their token


def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(client: httpx.Client) -> None:
    for path in ("/", "/topics/hoogwater", "/follow/hoogwater", "/search?q=maas"):
        html = client.get(path).text
        assert "<style" not in html and " style=" not in html, path
        assert all('src="/static/' in tag for tag in re.findall(r"<script\b[^>]*>", html)), path


def test_a_stranger_cannot_turn_a_discovered_topic_into_a_defined_one(client: httpx.Client, service: Service) -> None:
    discovered = service.discovered_topics()
    assert discovered, "the demo has discovered topics"
    slug = discovered[0].slug
    page = client.get(f"/topics/{slug}")
    assert page.status_code == 200 and f'href="/follow/{slug}"' not in page.text
    assert f'href="/follow/{slug}"' not in client.get("/").text
    form = client.get(f"/follow/{slug}")
    assert form.status_code == 404 and "zodra de beheerder het heeft overgenomen" in form.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/follow/hoogwater").text)
    assert csrf is not None
    before = [t.slug for t in service.topics()]
    posted = client.post(f"/follow/{slug}", data={"csrf": csrf[1], "times": "08:00", "tz": "Europe/Amsterdam",
                                                   "max_items": "3", "email": "lezer@example.nl"})
    assert posted.status_code == 404
    assert [t.slug for t in service.topics()] == before and slug in {d.slug for d in service.discovered_topics()}


def test_a_refused_webhook_tells_the_visitor_why_but_not_how_the_operator_would_allow_it(
        client: httpx.Client) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/follow/hoogwater").text)
    assert csrf is not None
    refused = client.post("/follow/hoogwater", data={"csrf": csrf[1], "times": "08:00", "tz": "Europe/Amsterdam",
                                                     "max_items": "3", "webhook": "http://[fec0::1]/hook"})
    assert refused.status_code == 400 and "site-local" in refused.text
    assert "VOLG_ALLOW_PRIVATE_URLS" not in refused.text


def test_counts_are_labelled_with_their_noun_in_the_pages_language(client: httpx.Client, service: Service) -> None:
    story = max(service.stories(), key=lambda s: len(s.articles))
    page = text_of(client.get(f"/stories/{story.id}").text)
    assert f"{len(story.articles)} artikelen · {len(story.outlets)} media" in " ".join(page.split())
    english = text_of(client.get(f"/stories/{story.id}", headers={"Accept-Language": "en"}).text)
    assert f"{len(story.articles)} articles · {len(story.outlets)} outlets" in " ".join(english.split())
    counted = TEMPLATES.env.from_string("{{ counted(1, 'article') }} · {{ counted(1, 'outlet') }} · "
                                        "{{ counted(2, 'story') }}")
    assert counted.render(t=LABELS["nl"]) == "1 artikel · 1 medium · 2 verhalen"
    assert counted.render(t=LABELS["en"]) == "1 article · 1 outlet · 2 stories"


def test_a_readers_error_is_a_page_in_their_language_and_the_apis_stays_json(client: httpx.Client) -> None:
    missing = client.get("/nope", headers={"Accept-Language": "en"})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Not found" in missing.text and "<html" in missing.text
    assert "Niet gevonden" in client.get("/nope", headers={"Accept-Language": "nl"}).text
    bad = client.get("/stories/not-a-number", headers={"Accept-Language": "nl"})
    assert bad.status_code == 422 and "Dit verzoek klopt niet" in bad.text and "detail" not in text_of(bad.text)
    wrong_method = client.delete("/stories/1")
    assert wrong_method.status_code == 405 and "GET" in wrong_method.headers["allow"]
    assert wrong_method.headers["content-type"].startswith("text/html")
    api = client.get("/api/nope")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_a_page_that_fails_says_so_in_a_page_without_a_traceback(service: Service) -> None:
    app = create_app(service)

    def boom() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/boom", boom)
    with serving(app) as base, httpx.Client(base_url=base) as http:
        failed = http.get("/boom", headers={"Accept-Language": "en"})
    assert failed.status_code == 500 and failed.headers["content-type"].startswith("text/html")
    assert "Something went wrong" in failed.text and "secret internals" not in failed.text


def test_the_language_switch_keeps_the_readers_choice_in_a_cookie(client: httpx.Client) -> None:
    with httpx.Client(base_url=client.base_url, headers={"Accept-Language": "nl"}) as reader:  # its own cookies
        dutch = reader.get("/")
        assert dutch.headers["content-language"] == "nl" and "Accept-Language" in dutch.headers["vary"]
        assert 'hreflang="en"' in dutch.text and "English" in dutch.text
        switched = reader.get("/?lang=en")
        assert switched.headers["content-language"] == "en" and '<html lang="en">' in switched.text
        assert "volg_lang=en" in switched.headers["set-cookie"] and "httponly" in switched.headers["set-cookie"].lower()
        later = reader.get("/search?q=Maas")  # the cookie keeps English whatever the browser asks
        assert later.headers["content-language"] == "en" and "Nederlands" in later.text
        assert "q=Maas&amp;lang=nl" in later.text  # the switch keeps the page's own query
        assert reader.get("/?lang=xx").headers["content-language"] == "en"  # no such language: the choice stands
    assert client.get("/", headers={"Accept-Language": "nl"}).headers["content-language"] == "nl"


def menu_of(html: str) -> list[tuple[str, str, bool]]:
    """The language menu's entries: (hreflang, name, whether it is marked as the current language)."""
    menu = html.split('<nav class="lang"', 1)[1].split("</nav>", 1)[0]
    return [(code, name, current == ' aria-current="true"') for code, current, name in re.findall(
        r'<a href="[^"]*" hreflang="(\w+)" lang="\1"( aria-current="true")?>([^<]+)</a>', menu)]


def test_the_pages_speak_six_languages_chosen_by_link_cookie_or_browser(client: httpx.Client,
                                                                        service: Service) -> None:
    names = [("nl", "Nederlands"), ("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"),
             ("it", "Italiano")]
    with httpx.Client(base_url=client.base_url, headers={"Accept-Language": "nl"}) as reader:
        german = reader.get("/", params={"lang": "de"})
        assert german.headers["content-language"] == "de" and german.headers["vary"] == "Accept-Language, Cookie"
        assert '<html lang="de">' in german.text and "<h1>Themen</h1>" in german.text
        assert "<h2>Wichtigste Entwicklungen</h2>" in german.text and 'placeholder="Suchen"' in german.text
        assert menu_of(german.text) == [(code, name, code == "de") for code, name in names]
        assert "volg_lang=de" in german.headers["set-cookie"]
        later = reader.get("/topics/hoogwater")  # the cookie keeps German though the browser asks for Dutch
        assert later.headers["content-language"] == "de" and "<h2>Zeitleiste</h2>" in later.text
        assert re.search(r"\(\d\d\.\d\d\.2026, \d\d:\d\d\)", later.text), "dates as Germans write them"
        story = max(service.stories(), key=lambda s: len(s.articles))
        counts = " ".join(text_of(reader.get(f"/stories/{story.id}").text).split())
        assert f"{len(story.articles)} Artikel · {len(story.outlets)} Medien" in counts
        assert reader.get("/", params={"lang": "it"}).headers["content-language"] == "it"
        assert reader.get("/search").headers["content-language"] == "it", "a new choice replaces the cookie's"
    for asked, language, heading in (("fr-FR,fr;q=0.9,en;q=0.8", "fr", "Thèmes"), ("es-ES", "es", "Temas"),
                                     ("it-CH, en;q=0.7", "it", "Temi"), ("pt-BR, en;q=0.5, de;q=0.6", "de", "Themen"),
                                     ("ja, zh", "nl", "Onderwerpen"), ("", "nl", "Onderwerpen")):
        page = client.get("/", headers={"Accept-Language": asked})
        assert page.headers["content-language"] == language and f"<h1>{heading}</h1>" in page.text, asked
        assert [code for code, _, current in menu_of(page.text) if current] == [language]
    french = client.get("/nope", headers={"Accept-Language": "fr-FR"})
    assert french.status_code == 404 and "Introuvable" in french.text and french.headers["content-language"] == "fr"


def test_a_page_in_spanish_follows_in_spanish_and_previews_the_spanish_digest(client: httpx.Client,
                                                                              service: Service) -> None:
    with httpx.Client(base_url=client.base_url) as reader:  # its own cookies: the language and the form's
        form = reader.get("/follow/hoogwater", params={"lang": "es"})
        assert form.status_code == 200 and "<h1>Seguir este tema: Hoogwater</h1>" in form.text
        assert "inglés" not in form.text.split("<h2>")[0] and '<p class="error">' not in form.text
        assert form.text.count('class="dev"') >= 1, "the preview shows the digest the reader would get"
        assert "importancia" in form.text and "titulares" in form.text, "its reasons are in Spanish"
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)[1]  # type: ignore[index]
        made = reader.post("/follow/hoogwater", data={"csrf": csrf, "times": "08:00", "tz": "Europe/Madrid",
                                                       "max_items": "3"})
        assert made.status_code == 200 and "Sigues este tema" in made.text
    assert service.subscriptions()[-1].language == "es"
