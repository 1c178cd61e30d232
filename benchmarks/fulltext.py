"""Full-text ingest against the do-it-yourself peer: `volg poll` and reader + httpx + trafilatura on the same site.

    python -m benchmarks.ingest --fulltext [--data ../shared/data] [--limit N] [--runs 3]

Serves the Dutch DpgMedia2019 articles on 127.0.0.1 as one RSS feed per publisher (the articles without one in a
feed of their own), each item with a one-sentence teaser as most news feeds have, and one HTML page per article
wrapped in a news site's furniture: navigation, a cookie banner, a follow widget and a footer. Then, alternating,
`--runs` times each:

- volg: a fresh database with the feeds added (`volg sources import`, not timed), then `volg poll` as a child
  process, with the per-host politeness interval set to 0 (`VOLG_HOST_INTERVAL_S`: the whole site is one host);
- the peer, `python -m benchmarks.fulltext_peer`, as a child process.

CPU seconds (user + system) and peak RSS of each child come from wait4; the site is served by this process and
counts for neither. `leaked`: the share of stored articles whose text holds a phrase of the furniture; `f1`: the
mean token F1 of the stored texts against the dataset's (benchmarks.extraction.scores). Last line: one JSON object
with each side's median CPU, their ratio, each side's highest peak RSS, and the leaked shares of the last run.
"""

from __future__ import annotations

import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from benchmarks.extraction import scores
from benchmarks.receivers import StaticSite
from volg.models import Source
from volg.pipeline.ingest.opml import write_opml
from volg.storage import open_storage

FURNITURE = {
    "navigation": ("Cultuur & Media", "Puzzels & Spellen"),
    "cookie banner": ("vergelijkbare technieken", "welke cookies je toestaat"),
    "follow widget": ("Volg dit onderwerp", "zodra er een nieuw artikel"),
    "footer": ("Alle rechten voorbehouden", "Gebruiksvoorwaarden"),
}
"""Phrases of each piece of the page template below: a stored text holding one has leaked that piece."""

PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta name="description" content="{teaser}"><link rel="stylesheet" href="/static/site.css"></head>
<body>
<div id="consent" class="cookie-banner" role="dialog" aria-label="Cookies">
<h2>Wij vragen je toestemming</h2>
<p>Wij en onze partners gebruiken cookies en vergelijkbare technieken om je een betere ervaring te bieden,
advertenties op je interesses af te stemmen en te meten hoe onze site wordt gebruikt.</p>
<p>Met Akkoord geef je toestemming voor al deze doeleinden. Via Instellingen kies je zelf welke cookies je toestaat;
je kunt je keuze altijd wijzigen onderaan elke pagina.</p>
<button>Akkoord</button> <button>Instellingen</button>
</div>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul><li><a href="/">Voorpagina</a></li><li><a href="/binnenland">Binnenland</a></li>
<li><a href="/buitenland">Buitenland</a></li><li><a href="/economie">Economie</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/cultuur">Cultuur &amp; Media</a></li>
<li><a href="/opinie">Opinie</a></li><li><a href="/puzzels">Puzzels &amp; Spellen</a></li></ul></nav>
</header>
<main>
<article>
<h1>{title}</h1>
<p class="meta"><time datetime="{date}">{date}</time></p>
{paragraphs}
<aside class="follow-widget">
<h3>Volg dit onderwerp</h3>
<p>Ontvang een melding zodra er een nieuw artikel over dit onderwerp verschijnt. Je kunt je op elk moment weer
afmelden via je profiel.</p>
<button>Volgen</button>
</aside>
</article>
</main>
<footer class="site-footer">
<ul><li><a href="/over">Over ons</a></li><li><a href="/privacy">Privacyverklaring</a></li>
<li><a href="/cookies">Cookieverklaring</a></li><li><a href="/voorwaarden">Gebruiksvoorwaarden</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/adverteren">Adverteren</a></li></ul>
<p>&copy; 2019 {site}. Alle rechten voorbehouden. Niets uit deze uitgave mag worden overgenomen zonder
toestemming van de uitgever.</p>
</footer>
</body>
</html>
"""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'\"‘“])")
SENTENCES_PER_PARAGRAPH = 3
OTHERS = "overig"
"""The feed of the articles with no publisher."""


@dataclass(frozen=True)
class Run:
    """One child process's cost and the texts it stored, by URL."""

    cpu_s: float
    peak_mb: float
    texts: dict[str, str]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def site(records: list[dict[str, Any]], base: str) -> tuple[dict[str, tuple[str, bytes]], dict[str, str]]:
    """The served documents by path, and the gold text of each article page by URL."""
    documents: dict[str, tuple[str, bytes]] = {}
    gold: dict[str, str] = {}
    feeds: dict[str, list[str]] = {}
    for record in sorted(records, key=lambda r: r["published_at"], reverse=True):  # feeds list the newest first
        name = record.get("publisher") or OTHERS
        url = f"{base}/{name}/{record['id']}.html"
        documents[url.removeprefix(base)] = ("text/html; charset=utf-8", _page(record, name).encode())
        gold[url] = record["text"]
        feeds.setdefault(name, []).append(_item(record, url))
    for name, items in feeds.items():
        documents[f"/{name}/rss.xml"] = ("application/rss+xml; charset=utf-8", _feed(name, base, items).encode())
    return documents, gold


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text.strip())


def _page(record: dict[str, Any], name: str) -> str:
    sentences = _sentences(record["text"])
    paragraphs = (" ".join(sentences[n:n + SENTENCES_PER_PARAGRAPH])
                  for n in range(0, len(sentences), SENTENCES_PER_PARAGRAPH))
    return PAGE.format(title=html.escape(record["title"]), site=html.escape(name), teaser=html.escape(sentences[0]),
                       date=record["published_at"],
                       paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs))


def _item(record: dict[str, Any], url: str) -> str:
    published = datetime.fromisoformat(record["published_at"]).replace(hour=8, tzinfo=UTC)
    return (f"<item><title>{html.escape(record['title'])}</title><link>{url}</link><guid>{url}</guid>"
            f"<pubDate>{format_datetime(published)}</pubDate>"
            f"<description>{html.escape(_sentences(record['text'])[0])}</description></item>")


def _feed(name: str, base: str, items: list[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{html.escape(name)}</title><link>{base}/{name}/</link><language>nl</language>"
            f"<description>{html.escape(name)}</description>{''.join(items)}</channel></rss>\n")


def measured(command: list[str], env: dict[str, str], logfile: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Run `command` to its end: its CPU seconds (user + system) and peak RSS in MB, from wait4. An exit code
    not in `ok` stops the benchmark."""
    with logfile.open("ab") as stderr:  # a file, not a pipe: a full pipe would block the child
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(command[2:4])} failed ({process.returncode}): {logfile.read_text()[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run_volg(feeds: dict[str, str], folder: Path) -> Run:
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {
        "VOLG_HOME": str(folder), "VOLG_DATABASE": str(folder / "volg.db"), "VOLG_ALLOW_PRIVATE_URLS": "true",
        "VOLG_HOST_INTERVAL_S": "0"}
    opml = folder / "feeds.opml"
    opml.write_text(write_opml([Source(url=url, name=name) for name, url in feeds.items()]), encoding="utf-8")
    volg = [sys.executable, "-m", "volg"]
    measured([*volg, "sources", "import", str(opml)], env, folder / "volg.log")
    cpu_s, peak_mb = measured([*volg, "poll"], env, folder / "volg.log", ok=(0, 1))  # 1: an item was rejected
    storage = open_storage(str(folder / "volg.db"))
    try:
        texts = {a.clean.url: "\n".join(_lines(a.clean.sections)) for a in storage.iter_articles()}
    finally:
        storage.close()
    return Run(cpu_s, peak_mb, texts)


def _lines(sections: Any) -> list[str]:
    return [line for section in sections for line in (section.heading, *section.paragraphs) if line]


def run_peer(feeds: dict[str, str], folder: Path) -> Run:
    folder.mkdir()
    cpu_s, peak_mb = measured([sys.executable, "-m", "benchmarks.fulltext_peer", str(folder), *feeds.values()],
                              dict(os.environ), folder / "peer.log")
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        texts = {row["url"]: row["text"] for row in map(json.loads, handle)}
    return Run(cpu_s, peak_mb, texts)


def leaked(texts: dict[str, str]) -> dict[str, int]:
    """How many texts leak each piece of furniture, and (under "any") any of them."""
    counts = {kind: sum(any(p in text for p in phrases) for text in texts.values())
              for kind, phrases in FURNITURE.items()}
    counts["any"] = sum(any(p in text for phrases in FURNITURE.values() for p in phrases) for text in texts.values())
    return counts


def mean_f1(texts: dict[str, str], gold: dict[str, str]) -> float:
    return statistics.fmean(scores(gold[url], text)[2] for url, text in texts.items()) if texts else 0.0


def report(name: str, run: Run, gold: dict[str, str]) -> None:
    log(f"{name}: {run.cpu_s:.2f} s CPU, peak {run.peak_mb:.0f} MB, {len(run.texts)} stored, "
        f"F1 {mean_f1(run.texts, gold):.3f}, leaked {leaked(run.texts)}")


def benchmark(records: list[dict[str, Any]], runs: int) -> dict[str, Any]:
    documents: dict[str, tuple[str, bytes]] = {}
    server = StaticSite(documents)
    served, gold = site(records, server.base)
    documents.update(served)
    feeds = {path.split("/")[1]: server.base + path for path in documents if path.endswith("/rss.xml")}
    log(f"{len(gold)} article pages in {len(feeds)} feeds at {server.base}")
    results: dict[str, list[Run]] = {"volg": [], "peer": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in range(runs):
                for name, run in (("volg", run_volg), ("peer", run_peer)):
                    results[name].append(run(feeds, Path(tmp) / f"{name}{n}"))
                    report(f"{name} run {n + 1}", results[name][-1], gold)
    finally:
        server.close()
    volg_cpu = statistics.median(r.cpu_s for r in results["volg"])
    peer_cpu = statistics.median(r.cpu_s for r in results["peer"])
    last_volg, last_peer = results["volg"][-1], results["peer"][-1]
    return {
        "volg_cpu_s": round(volg_cpu, 2), "peer_cpu_s": round(peer_cpu, 2), "cpu_ratio": round(volg_cpu / peer_cpu, 2),
        "volg_peak_rss_mb": round(max(r.peak_mb for r in results["volg"]), 1),
        "peer_peak_rss_mb": round(max(r.peak_mb for r in results["peer"]), 1),
        "volg_leaked": round(leaked(last_volg.texts)["any"] / max(len(last_volg.texts), 1), 3),
        "peer_leaked": round(leaked(last_peer.texts)["any"] / max(len(last_peer.texts), 1), 3),
        "volg_f1": round(mean_f1(last_volg.texts, gold), 3), "peer_f1": round(mean_f1(last_peer.texts, gold), 3),
        "articles": len(gold), "volg_stored": len(last_volg.texts), "peer_stored": len(last_peer.texts),
        "runs": runs,
    }
