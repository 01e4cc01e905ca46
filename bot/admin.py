"""The one client for Synapse's admin API, as the bot (a server admin), over nio's session.

Used for what the client-server API cannot do: lifting the bot's rate limit, resetting a
family's profile, protecting and quarantining media, reading a profile or a piece of media
the bot shares no room with, deleting a lost device, and reading event reports.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from nio import AsyncClient


class AdminError(RuntimeError):
    """The admin API answered with an error, or not at all."""

    def __init__(self, status: int, path: str) -> None:
        super().__init__(f"admin API {path.split('?')[0]}: HTTP {status}")
        self.status = status


async def admin(
    client: AsyncClient, method: str, path: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One call: the JSON answer, or `AdminError` for any status but 200."""
    headers = {"Authorization": f"Bearer {client.access_token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    response = await client.send(
        method, path, json.dumps(body) if body is not None else None, headers
    )
    if response.status != 200:
        raise AdminError(response.status, path)
    answer = await response.json()
    return answer if isinstance(answer, dict) else {}


def user_path(user_id: str, *rest: str) -> str:
    """`/_synapse/admin/v2/users/USER[/rest…]` with the id quoted."""
    return "/".join([f"/_synapse/admin/v2/users/{quote(user_id, safe='')}", *rest])


async def lift_rate_limit(client: AsyncClient) -> bool:
    """Exempt the bot from message rate limits (0/0: unlimited); False if not an admin."""
    path = f"/_synapse/admin/v1/users/{quote(client.user_id, safe='')}/override_ratelimit"
    try:
        await admin(client, "POST", path, {"messages_per_second": 0, "burst_count": 0})
    except AdminError as err:
        if err.status in (403, 404):
            return False
        raise
    return True
