"""The digest audit's repeat count and its listing, on invented digests (no shared data needed)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from benchmarks.digest_audit import Cited, Follow, Replayed, Stream, audit, repeat_pair, show


def _item(headline: str, article_id: int, story_id: int, *, update: bool = False) -> dict[str, Any]:
    return {"headline": headline, "summary": [], "language": "nl", "is_update": update, "story_id": story_id,
            "importance": 1.0, "sources": [{"article_id": article_id, "external_id": str(article_id), "outlet": "x"}]}


def _digest(at: str, *items: dict[str, Any]) -> dict[str, Any]:
    return {"topic": "demo", "language": "nl", "scheduled_at": at, "items": list(items)}


def test_a_repeat_names_the_readers_first_item_of_its_labelled_story() -> None:
    headlines = {1: "Dijk bij Venlo breekt", 2: "Dijk bij Venlo doorgebroken", 3: "Venlo: 40 huizen onder water",
                 4: "Ander nieuws"}
    digests = [
        _digest("2019-03-25T08:00:00Z", _item(headlines[1], 1, 10), _item(headlines[4], 4, 11)),
        _digest("2019-03-25T13:00:00Z", _item(headlines[2], 2, 12), _item(headlines[3], 3, 13, update=True)),
    ]
    cited = {n: Cited("news", title, (), (title,), str(n)) for n, title in headlines.items()}
    stream = Stream("demo", "nl", "Europe/Amsterdam", [{"id": str(n), "title": t} for n, t in headlines.items()],
                    (Follow("Demo", "Venlo"),), story_of={"1": "e1", "2": "e1", "3": "e1", "4": "e2"})
    replayed = Replayed(digests, cited, {}, {"demo": stream.topics[0]}, Counter(), {}, 0.0)

    tallies, findings = audit(stream, replayed)

    assert (tallies["demo"].repeats, tallies["demo"].repeat_items) == (1, 4)  # the update is no repeat
    repeat = next(f for f in findings if f.repeats is not None)
    assert repeat.item["headline"] == headlines[2] and repeat.repeats is not None
    assert repeat.repeats.item["headline"] == headlines[1]
    assert any(flag.startswith("repeat of e1 (first: 'Dijk bij Venlo breekt'") for flag in repeat.flags)
    pair = repeat_pair(repeat)
    assert (pair["external_ids"], pair["first"]["external_ids"], pair["first"]["story_id"]) == (["2"], ["1"], 10)


def test_a_second_item_of_a_labelled_story_in_one_digest_is_a_repeat_of_the_first() -> None:
    digests = [_digest("2019-03-25T08:00:00Z", _item("Dijk breekt", 1, 10), _item("Dijk doorgebroken", 2, 12))]
    cited = {n: Cited("news", "t", (), ("t",), str(n)) for n in (1, 2)}
    stream = Stream("demo", "nl", "Europe/Amsterdam", [{"id": "1", "title": "t"}, {"id": "2", "title": "t"}],
                    (Follow("Demo", "Venlo"),), story_of={"1": "e1", "2": "e1"})
    tallies, findings = audit(stream, Replayed(digests, cited, {}, {"demo": stream.topics[0]}, Counter(), {}, 0.0))
    assert (tallies["demo"].repeats, tallies["demo"].repeats_same_digest) == (1, 1)
    assert findings[1].repeats is findings[0]


def test_a_stream_without_titles_is_audited_without_the_keyword_check() -> None:
    """T17's records carry no title (volg makes one); only a stream with titles and topic keywords checks them."""
    cited = {1: Cited("news", "t", (), ("t",), "1")}
    stream = Stream("demo", "en", "Europe/London", [{"id": "1", "text": "The dike at Venlo broke."}],
                    (Follow("Demo", "Venlo"),))
    digests = [_digest("2019-03-25T08:00:00Z", _item("Dike at Venlo breaks", 1, 10))]
    tallies, findings = audit(stream, Replayed(digests, cited, {}, {"demo": stream.topics[0]}, Counter(), {}, 0.0))
    assert tallies["demo"].items == 1 and tallies["demo"].offtopic_keywords_items == 0
    assert not any(flag.startswith("off-topic") for flag in findings[0].flags)


def test_show_lists_an_updates_new_facts(capsys: pytest.CaptureFixture[str]) -> None:
    item = _item("Dijk bij Venlo breekt", 1, 10, update=True) | {"new": ["40 huizen", "Marit Hoekstra"]}
    cited = {1: Cited("news", "t", (), ("t",), "1")}
    stream = Stream("demo", "nl", "Europe/Amsterdam", [{"id": "1", "title": "t"}], (Follow("Demo", "Venlo"),))
    digests = [_digest("2019-03-25T08:00:00Z", item)]
    _, findings = audit(stream, Replayed(digests, cited, {}, {"demo": stream.topics[0]}, Counter(), {}, 0.0))
    show(findings, cited, 5, "demo", "nl")
    assert "      new: 40 huizen · Marit Hoekstra\n" in capsys.readouterr().err


def test_read_draws_the_same_sample_for_a_seed_in_the_order_the_items_went_out(
        capsys: pytest.CaptureFixture[str]) -> None:
    items = [_item(f"Dijk {n} breekt", n, 10 + n) for n in range(1, 9)]
    cited = {n: Cited("news", "t", (), ("t",), str(n)) for n in range(1, 9)}
    stream = Stream("demo", "nl", "Europe/Amsterdam", [{"id": str(n), "title": "t"} for n in range(1, 9)],
                    (Follow("Demo", "Venlo"),))
    digests = [_digest("2019-03-25T08:00:00Z", *items)]
    _, findings = audit(stream, Replayed(digests, cited, {}, {"demo": stream.topics[0]}, Counter(), {}, 0.0))

    def drawn(seed: int) -> list[str]:
        show(findings, cited, 3, "demo", "nl", seed=seed)
        err = capsys.readouterr().err
        assert f"=== demo: seed {seed}, a random 3 of 8 items ===" in err
        return [line.split("] ", 1)[1] for line in err.splitlines() if "] Dijk" in line]

    first = drawn(7)
    assert len(first) == 3 and first == drawn(7)
    assert first == sorted(first, key=lambda headline: int(headline.split()[1]))  # in the order they went out
    assert any(drawn(seed) != first for seed in range(8, 12))
