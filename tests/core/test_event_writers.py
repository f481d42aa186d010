"""A service may commit its write alone only when no receiver of its event will write."""

from __future__ import annotations

from typing import Any

from blinker import Namespace

from ideaportal.core import events

_signals = Namespace()


def test_a_receiver_that_declares_nothing_is_taken_to_write() -> None:
    signal = _signals.signal("undeclared")
    assert events.will_write(signal, object()) is False  # nobody listens

    def quiet(_sender: Any, **_kw: Any) -> None:
        return None

    signal.connect(quiet)
    assert events.will_write(signal, object(), voted=True) is True


def test_a_declared_receiver_writes_only_when_it_says_so() -> None:
    signal = _signals.signal("declared")

    def on_vote(_sender: Any, voted: bool, **_kw: Any) -> None:
        return None

    signal.connect(on_vote)
    events.writes_when(signal, on_vote, lambda voted, **_kw: voted)
    assert events.will_write(signal, object(), voted=False) is False
    assert events.will_write(signal, object(), voted=True) is True
    signal.disconnect(on_vote)
    assert events.will_write(signal, object(), voted=True) is False
