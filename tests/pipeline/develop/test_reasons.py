"""The reasons of a development's importance as messages: what `importance.score` and a topic's membership write
reads back to the same reason, and says the same English again."""

from __future__ import annotations

from volg.pipeline.cluster.membership import Membership
from volg.pipeline.develop.reasons import PARTS, Reason, parse


def test_every_reason_importance_and_topics_write_reads_back_as_it_was() -> None:
    written = [Reason("one_outlet"), Reason("outlets", 2, parts=(Reason("hours", 1),)),
               Reason("outlets", 7, parts=(Reason("days", 3),)), Reason("headlines", 1), Reason("headlines", 12),
               Reason("section"), Reason("first_report", text="01 Nov 08:00 UTC"),
               Reason("update", text="16 Nov 23:59 UTC"),
               Reason("names", parts=tuple(Reason(kind) for kind in sorted(PARTS["what"][1]))),
               Reason("follow_ups", 1), Reason("follow_ups", 6), Reason("new", text="14 doden; Esneux: 3 (+2)"),
               Reason("national", text="Eerste Kamer"), Reason("wire_copies", 1), Reason("wire_copies", 2),
               Reason("languages", 3)]
    for reason in written:
        assert parse(reason.english) == reason, reason.english
    assert [reason.english for reason in written[:4]] == ["1 outlet", "2 outlets in 1 hour", "7 outlets in 3 days",
                                                          "in 1 headline"]
    for headlines, leads, passages in ((2, 3, 4), (0, 1, 1), (1, 0, 1)):
        evidence = Membership(None, headlines, leads, passages, None).evidence  # type: ignore[arg-type]
        topic = parse(f"topic: {evidence}")
        assert topic is not None and topic.english == f"topic: {evidence}"
        assert [part.key for part in topic.parts] == ["headlines"] * bool(headlines) + ["leads"]


def test_a_text_that_is_no_reason_reads_as_none() -> None:
    for text in ("", "names nothing known", "3 outlets in a while", "in two headlines", "topic: something"):
        assert parse(text) is None, text


def test_a_reason_is_said_in_other_words_with_the_form_its_count_takes() -> None:
    words = {"reason_headlines_one": "in {n} kop", "reason_headlines_many": "in {n} koppen",
             "reason_first_report": "eerste melding {time}"}
    dutch = lambda n: "one" if n == 1 else "many"  # noqa: E731
    assert Reason("headlines", 1).say(words, dutch) == "in 1 kop"
    assert Reason("headlines", 3).say(words, dutch) == "in 3 koppen"
    assert Reason("first_report", text="16 Nov 08:00 UTC").say(words, dutch, time="16 nov 09:00") == \
        "eerste melding 16 nov 09:00"
    assert Reason("section").say(words, dutch) == "only in a section, not a headline", "English when words lack it"
