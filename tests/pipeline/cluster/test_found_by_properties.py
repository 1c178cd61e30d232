"""Inputs the property tests (test_*_properties.py) found to break the clusterer, kept as plain regression tests."""

from __future__ import annotations

from datetime import UTC, datetime

from volg.models import Passage
from volg.pipeline.cluster.assign import Clusterer
from volg.pipeline.cluster.features import extract
from volg.pipeline.cluster.tuning import ClusterSettings


def test_a_run_of_thousands_of_digits_is_a_number_like_any_other() -> None:
    """A text with a run of 5000 digits (an ID, a hash, a broken table) crashed the clusterer: int() refuses to
    convert more than 4300 digits."""
    digits = "9" * 5000
    at = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
    passage = Passage(1, 0, "Daily Herald", "en", at, "Flood", (f"Water rose by {digits} metres.",), (), ())
    assert extract(passage, ClusterSettings()).spaces["e"] == {f"#{digits}": 1.0}
    assert Clusterer().add(passage).created
    other_scripts = Passage(2, 0, "Daily Herald", "en", at, "", ("١٢٣ and 1.400 and 007 and 3,20",), (), ())
    assert extract(other_scripts, ClusterSettings()).spaces["e"] == {"#123": 1.0, "#1400": 1.0, "#3.2": 1.0}
