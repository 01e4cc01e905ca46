"""Synapse with workers (bot/synapse_workers.py), as a trust runs it: the bot, families and
the guard module work through nginx, with the client traffic served by generic workers.

Beside these, test_relay.py and test_safeguarding.py run whole on this deployment too
(their `HOMESERVER_KINDS`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BotLauncher, Matrix, School, eventually
from test_story_guarded import GuardedStory, _reply, _twins

HOMESERVER_KINDS = ("workers",)


@pytest.fixture
async def story(
    guarded_school: School, launch_guarded: BotLauncher, guarded_matrix: Matrix
) -> GuardedStory:
    started = GuardedStory(await launch_guarded(), guarded_matrix, guarded_school)
    started.record_questions()
    return await started.setup()


def _requests(story: GuardedStory, worker: str) -> list[str]:
    """The requests in the worker's access log, each with the user who made it."""
    log = Path(story.school.settings.directory) / f"{worker}.log"
    return [line for line in log.read_text().splitlines() if "Processed request" in line]


def _served(story: GuardedStory, worker: str, *parts: str) -> int:
    """How many requests the worker served that show all these parts."""
    return sum(all(part in line for part in parts) for line in _requests(story, worker))


async def test_sync_and_sends_are_served_by_the_workers(story: GuardedStory) -> None:
    """The bot's sync, and the teacher's post, went to the workers; the bot started at
    all because its admin calls (its rate limit lifted, users looked up) reached the main
    process, which serves the admin API alone."""
    assert _served(story, "sync", "/_matrix/client/v3/sync")
    teacher = "{" + story.school.staff["reid"].user_id + "}"
    await eventually(lambda: _served(story, "client", teacher, "/send/m.room.message/"))
    assert not _served(story, "sync", "/send/")


async def test_the_guard_refuses_on_a_worker_and_the_kind_twin_stays(story: GuardedStory) -> None:
    parent = "{" + story.sam_person.user_id + "}"
    await _twins(
        story,
        hostile=[_reply(story, "You are a useless idiot of a teacher")],
        kind=[_reply(story, "Lovely sunflowers, thank you Miss Reid!")],
    )
    # both of the parent's sends were made on the client worker, the refused one with 403
    # (Synapse logs a request once it has answered it, so the log may trail the answer)
    await eventually(lambda: _served(story, "client", parent, "/send/m.room.message/") == 2)
    assert _served(story, "client", parent, ' 403 "PUT', "/send/m.room.message/") == 1
