"""The one ordered shutdown: stage by stage, in the order added, each step once."""

from __future__ import annotations

from pfrelax.shutdown import Shutdown


def test_steps_run_stage_by_stage_whatever_order_they_were_added_in() -> None:
    ran: list[str] = []
    shutdown = Shutdown()
    shutdown.add("database", lambda: ran.append("close the database"))
    shutdown.add("runs", lambda: ran.append("record the open run as stopped"))
    shutdown.add("pages", lambda: ran.append("stop the player"))
    shutdown.add("sound", lambda: ran.append("stop the sound"))
    shutdown.add("pages", lambda: ran.append("stop Today's timer"))

    shutdown.run()

    assert ran == [
        "stop the sound",
        "stop the player",
        "stop Today's timer",
        "record the open run as stopped",
        "close the database",
    ]


def test_closing_twice_runs_nothing_the_second_time() -> None:
    ran: list[str] = []
    shutdown = Shutdown()
    shutdown.add("database", lambda: ran.append("close"))

    shutdown.run()
    shutdown.run()

    assert ran == ["close"]
    assert shutdown.done
