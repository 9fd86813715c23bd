"""How bench/run reads "slower than before" from the windows the two commits take in turns."""

import pytest

from bench.run import slowdown


def test_with_three_windows_one_at_half_rate_does_not_decide_the_ratio():
    turns = {"now": [192.0, 95.0, 200.0], "before": [238.0, 222.0, 230.0]}
    assert slowdown({}, {}, turns) == pytest.approx(230.0 / 192.0)


def test_with_two_windows_their_totals_are_compared():
    turns = {"now": [100.0, 50.0], "before": [150.0, 150.0]}
    assert slowdown({}, {}, turns) == pytest.approx(2.0)


def test_without_windows_in_turns_the_two_runs_are_compared():
    assert slowdown({"rps": 300.0}, {"rps": 200.0}) == pytest.approx(1.5)
    assert slowdown({"rps": 300.0}, {}) is None
