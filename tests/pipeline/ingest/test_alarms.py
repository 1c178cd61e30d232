import threading

from volg.pipeline.ingest.alarms import Alarms


def test_an_alarm_rings_in_the_order_of_its_time_and_a_cancelled_one_never() -> None:
    alarms = Alarms()
    rang: list[str] = []
    done = threading.Event()
    alarms.set(0.2, lambda: (rang.append("late"), done.set()))
    cancelled = alarms.set(0.1, lambda: rang.append("cancelled"))
    alarms.set(0.05, lambda: rang.append("early"))
    alarms.cancel(cancelled)
    assert done.wait(timeout=10)
    assert rang == ["early", "late"]
    assert alarms.pending() == 0


def test_an_alarm_set_sooner_than_the_one_waited_for_wakes_the_thread() -> None:
    alarms = Alarms()
    soon = threading.Event()
    alarms.set(3600, lambda: None)
    alarms.set(0.01, soon.set)
    assert soon.wait(timeout=10)
    assert alarms.pending() == 1
