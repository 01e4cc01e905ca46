"""A multi-academy trust (issue 17, item 3): two schools on one homeserver, each with its own
bot, rooms.yaml, database and guard endpoint, and one guard module that knows both
(docs/guard.md, `schools:`). One parent has a child in each school; neither school's staff
has any power or sight in the other's rooms, and each school's bot alone is asked about its
own rooms.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    is_redacted,
    record_guard_questions,
)
from test_story import KIND, NEGATIVE

from bot.guard_api import SchoolGuard, module_config
from bot.provisioning import SCHOOL_STORY_KEY, home_key, story_key

A, B = "@bot-a:trust.test", "@bot-b:trust.test"
SECRET_A, SECRET_B = "a" * 32, "b" * 32
#: The families: one parent with a child in each school, and another family in each.
CHILD = {"a": ("Amelia Hughes", "oak"), "b": ("Isla Patel", "willow")}
OTHER = {"a": "Oliver Bennett", "b": "Theo Marchbank"}
TEACHER = {"a": "reid", "b": "khan"}  # rooms.yaml: oak's teacher and willow's
REFUSED = "Your reply was not posted."


# --- the module's config and routing, on a mocked ModuleApi -------------------------------


def _trust_config(**extra: Any) -> dict[str, Any]:
    return (
        module_config(
            None,
            None,
            [A, B],
            schools=[
                SchoolGuard(A, "http://127.0.0.1:1", SECRET_A),
                SchoolGuard(B, "http://127.0.0.1:2", SECRET_B),
            ],
            direct_chat_with=[A, B],
        )
        | extra
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # importing Synapse and Twisted
def test_the_single_school_config_parses_as_before_and_schools_are_checked(tmp_path) -> None:
    pytest.importorskip("synapse")
    from synapse.module_api.errors import ConfigError

    from synapse_module import ConductbotGuard
    from synapse_module.guard import SchoolEndpoint

    old = module_config("http://127.0.0.1:1/", "s" * 32, [A], direct_chat_with=[A])
    assert set(old) == {
        "bot_url",
        "secret",
        "allowed_creators",
        "direct_chat_with",
        "timeout_ms",
        "fail_open",
    }
    config = ConductbotGuard.parse_config(old)
    assert config.schools == (SchoolEndpoint(None, "http://127.0.0.1:1", "s" * 32),)
    assert not config.trust and config.allowed_creators == {A} and config.timeout == 0.3

    (tmp_path / "b").write_text(SECRET_B + "\n")
    trust = _trust_config()
    trust["schools"][1] = {
        "bot": B,
        "bot_url": "http://127.0.0.1:2",
        "secret_path": str(tmp_path / "b"),
    }
    config = ConductbotGuard.parse_config(trust)
    assert config.trust and [s.bot for s in config.schools] == [A, B]
    assert [s.secret for s in config.schools] == [SECRET_A, SECRET_B]
    assert config.direct_chat_with == {A, B}

    for field in ("bot", "bot_url", "secret"):
        broken = _trust_config()
        del broken["schools"][1][field]
        with pytest.raises(ConfigError) as raised:
            ConductbotGuard.parse_config(broken)
        assert "\n" not in raised.value.msg and raised.value.path == ("schools", "1", field)
    for bad in (
        {"schools": []},
        {"schools": [{"bot": A, "bot_url": "http://127.0.0.1:1", "secret": SECRET_A}] * 2},
        {"bot_url": "http://127.0.0.1:3"},  # one school at the top and a trust's list
    ):
        with pytest.raises(ConfigError):
            ConductbotGuard.parse_config(_trust_config() | bad)
    with pytest.raises(ValueError):
        module_config("http://127.0.0.1:1", "s" * 32, [A], schools=[SchoolGuard(A, "u", "s")])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_each_event_is_asked_of_the_school_whose_bot_made_its_room() -> None:
    pytest.importorskip("synapse")
    from twisted.internet.defer import ensureDeferred

    from synapse_module import ConductbotGuard

    creators = {"!a:x": A, "!b:x": B, "!dm:x": "@parent:x"}

    class Api:
        server_name = "trust.test"

        def register_spam_checker_callbacks(self, **_: Any) -> None:
            pass

        def register_third_party_rules_callbacks(self, **_: Any) -> None:
            pass

        async def get_room_state(self, room_id: str, _: Any) -> dict:
            return {("m.room.create", ""): SimpleNamespace(sender=creators[room_id])}

        async def defer_to_thread(self, *_: Any) -> str:
            return "00"

    def guard_for(config: dict[str, Any]) -> tuple[ConductbotGuard, list[str]]:
        guard = ConductbotGuard(ConductbotGuard.parse_config(config), Api())  # type: ignore[arg-type]
        asked: list[str] = []

        async def ask(school: Any, path: str, body: dict) -> dict:
            asked.append(school.bot)
            return {"allow": school.bot != B or path == "/v1/upload", "reason": "no"}

        guard._ask = ask  # type: ignore[method-assign]
        return guard, asked

    def check(guard: ConductbotGuard, room_id: str, content: dict) -> Any:
        event = SimpleNamespace(
            sender="@parent:x",
            room_id=room_id,
            type="m.room.message",
            content=content,
            internal_metadata=SimpleNamespace(txn_id=None),
        )
        done = ensureDeferred(guard.check_event_for_spam(event))
        return done.result  # everything answers at once here

    reply = {"body": "hi", "m.relates_to": {"m.in_reply_to": {"event_id": "$p"}}}
    guard, asked = guard_for(_trust_config())
    assert check(guard, "!a:x", reply) == "NOT_SPAM" and asked == [A]
    asked.clear()
    assert check(guard, "!b:x", reply) != "NOT_SPAM" and asked == [B]
    asked.clear()
    assert check(guard, "!dm:x", reply) == "NOT_SPAM" and asked == []  # no school's room
    # A room whose state cannot be read (the fake raises): every school is asked, not cached.
    assert check(guard, "!unreadable:x", reply) != "NOT_SPAM" and sorted(asked) == [A, B]
    asked.clear()
    picture = {"body": "x", "url": "mxc://trust.test/abc"}
    assert check(guard, "!dm:x", picture) != "NOT_SPAM" and sorted(asked) == [A, B]
    asked.clear()
    upload = ensureDeferred(
        guard.check_media_file_for_spam(
            SimpleNamespace(path="/dev/null"), SimpleNamespace(file_id="abc")
        )
    )
    assert upload.result == "NOT_SPAM" and sorted(asked) == [A, B]

    single, asked = guard_for(module_config("http://127.0.0.1:1", "s" * 32, [A]))
    assert check(single, "!b:x", reply) == "NOT_SPAM" and asked == [None]  # one school: always


# --- two schools on a real homeserver --------------------------------------------------------


class TrustSchool:
    """One running school of the trust, with what its guard endpoint was asked."""

    def __init__(self, bot: RunningBot, school: School) -> None:
        self.bot, self.school = bot, school
        self.asked = record_guard_questions(bot)

    async def room(self, key: str) -> str:
        return await self.bot.room(key)

    async def known(self, room_id: str) -> str | None:
        """The key this school's bot knows the room by, or None for another school's."""
        room = await self.bot.store.rooms.get(room_id)
        return room.key if room is not None else None


async def _rooms_of(client: nio.AsyncClient) -> set[str]:
    """Every room the person is in or invited to."""
    response = await client.sync(timeout=0, full_state=True)
    assert isinstance(response, nio.SyncResponse), response
    return set(client.rooms) | set(client.invited_rooms)


async def _reply(client: nio.AsyncClient, room: str, post: str, body: str) -> Any:
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    content = {"msgtype": "m.text", "body": body} | relation
    response = await client.room_send(room, "m.room.message", content)
    assert isinstance(response, nio.RoomSendResponse | nio.RoomSendError), response
    return response, content


@pytest.fixture
async def trust(
    trust_schools: dict[str, School], launch_trust: dict[str, BotLauncher]
) -> dict[str, TrustSchool]:
    running = {}
    for name, launcher in launch_trust.items():
        running[name] = TrustSchool(await launcher(), trust_schools[name])
    return running


async def test_a_parent_in_two_schools_sees_each_schools_rooms_and_nothing_across(
    trust: dict[str, TrustSchool], trust_matrix: Matrix
) -> None:
    a, b = trust["a"], trust["b"]
    parent = trust_matrix.register("two-schools", displayname="Sam")
    others: dict[str, Person] = {}
    for name, school in trust.items():
        await school.bot.link(parent, CHILD[name][0])
        others[name] = trust_matrix.register(f"other-{name}", displayname="Kim")
        await school.bot.link(others[name], OTHER[name])

    # --- visibility: each school's story and home room, and nothing of another family's
    client = await trust_matrix.client(parent)
    wanted = {
        await school.room(key)
        for name, school in trust.items()
        for key in (story_key(CHILD[name][1]), home_key(parent.user_id))
    }

    async def invited_to_all() -> set[str]:
        rooms = await _rooms_of(client)
        return rooms if wanted <= rooms else set()

    rooms = await eventually(invited_to_all, 60)
    for room_id in rooms:
        keys = [await school.known(room_id) for school in trust.values()]
        known = [key for key in keys if key is not None]
        assert len(known) == 1, (room_id, keys)  # one school's room, never both or neither
        [key] = known
        assert key in {
            story_key(CHILD["a"][1]),
            story_key(CHILD["b"][1]),
            home_key(parent.user_id),
            SCHOOL_STORY_KEY,
        } or key.startswith(f"parent_dm:{parent.user_id}:"), key
    for name, school in trust.items():
        assert await school.room(home_key(others[name].user_id)) not in rooms
    for room_id in list(wanted):
        if room_id in client.invited_rooms:
            assert isinstance(await client.join(room_id), nio.JoinResponse)

    # --- power: school A's teacher is nothing in school B's story, and not in its rooms
    teachers = {
        name: await trust_matrix.client(s.school.staff[TEACHER[name]]) for name, s in trust.items()
    }
    stories = {name: await s.room(story_key(CHILD[name][1])) for name, s in trust.items()}
    posts = {}
    for name, teacher in teachers.items():
        assert isinstance(await teacher.join(stories[name]), nio.JoinResponse)
        sent = await teacher.room_send(
            stories[name], "m.room.message", {"msgtype": "m.text", "body": "We planted seeds 🌻"}
        )
        assert isinstance(sent, nio.RoomSendResponse), sent
        posts[name] = sent.event_id
    levels = await b.bot.client.room_get_state_event(stories["b"], "m.room.power_levels", "")
    assert isinstance(levels, nio.RoomGetStateEventResponse), levels
    power = levels.content
    teacher_a, teacher_b = (s.school.staff[TEACHER[n]].user_id for n, s in trust.items())
    assert teacher_a != teacher_b
    level_a = power.get("users", {}).get(teacher_a, power.get("users_default", 0))
    assert level_a < power["redact"] and level_a < power["events_default"]
    assert power["users"][teacher_b] >= max(power["redact"], power["events_default"])
    assert isinstance(await teachers["a"].join(stories["b"]), nio.JoinError)
    for room_id in await _rooms_of(teachers["a"]):
        assert await b.known(room_id) is None, room_id
    members = await b.bot.client.joined_members(stories["b"])
    assert isinstance(members, nio.JoinedMembersResponse), members
    assert teacher_a not in {m.user_id for m in members.members}

    # --- the guard: each school's bot alone judges its own story
    for name, school in trust.items():
        other = b if school is a else a
        refused, hostile = await _reply(client, stories[name], posts[name], NEGATIVE)
        assert isinstance(refused, nio.RoomSendError), (name, refused)
        assert refused.status_code == "M_FORBIDDEN", refused
        assert (refused.message or "").startswith(REFUSED), refused
        assert hostile in school.asked and hostile not in other.asked
        kept, kind = await _reply(client, stories[name], posts[name], KIND)
        assert isinstance(kept, nio.RoomSendResponse), (name, kept)
        assert kind in school.asked and kind not in other.asked
        await eventually(lambda s=school, e=kept.event_id: s.bot.store.events.outcome(e), 30)
        assert not await is_redacted(teachers[name], stories[name], kept.event_id)

    # Each school's strike is its own: one refusal each, neither counted by the other.
    for school in trust.values():
        [incident] = await eventually(
            lambda s=school: s.bot.store.incidents.of_user(parent.user_id)
        )
        assert incident.rule == "negative"
