"""The real-server harness: one Synapse per test session, real nio clients per test."""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import nio
import pytest

# The project is not installed into the venv; make `bot` importable from the repo root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.homeserver import (  # noqa: E402
    SynapseProcess,
    SynapseSettings,
    login,
    override_ratelimit,
    register_user,
    write_synapse_config,
)

SERVER_NAME = "test.conductbot"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the server are marked `synapse`, so `-m "not synapse"` skips them."""
    for item in items:
        if {"synapse", "matrix"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.synapse)


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SynapseSettings]:
    pytest.importorskip("synapse", reason="matrix-synapse is not installed (extra: test)")
    settings = write_synapse_config(tmp_path_factory.mktemp("synapse"), server_name=SERVER_NAME)
    process = SynapseProcess(settings)
    process.start()
    try:
        yield settings
    finally:
        process.stop()


@dataclass(frozen=True)
class Person:
    user_id: str
    password: str
    localpart: str
    admin: bool = False


class Matrix:
    """Registers uniquely named people and logs them in as real nio clients."""

    def __init__(self, settings: SynapseSettings) -> None:
        self.settings = settings
        self._clients: list[nio.AsyncClient] = []

    def register(
        self, localpart_prefix: str, admin: bool = False, displayname: str | None = None
    ) -> Person:
        """Blocking (a few ms); admins also get their message rate limit lifted."""
        localpart = f"{localpart_prefix}-{uuid.uuid4().hex[:8]}"
        password = uuid.uuid4().hex
        user_id = register_user(
            self.settings, localpart, password, admin=admin, displayname=displayname
        )
        if admin:
            token = login(self.settings.base_url, user_id, password)
            if not override_ratelimit(self.settings.base_url, token, user_id):
                raise RuntimeError(f"could not override the rate limit of {user_id}")
        return Person(user_id=user_id, password=password, localpart=localpart, admin=admin)

    async def client(self, person: Person) -> nio.AsyncClient:
        client = nio.AsyncClient(self.settings.base_url, person.user_id)
        self._clients.append(client)
        response = await client.login(person.password, device_name="conductbot-tests")
        if not isinstance(response, nio.LoginResponse):
            raise RuntimeError(f"login failed for {person.user_id}: {response}")
        return client

    async def aclose(self) -> None:
        for client in self._clients:
            await client.close()
        self._clients.clear()


@pytest.fixture
async def matrix(synapse: SynapseSettings) -> AsyncIterator[Matrix]:
    harness = Matrix(synapse)
    try:
        yield harness
    finally:
        await harness.aclose()
