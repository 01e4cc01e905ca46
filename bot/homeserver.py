"""An embedded Synapse homeserver for `conductbot demo` and the integration tests.

Everything lives in one directory: config, SQLite database, media, signing key and logs;
the tests and benches may put the database on the local PostgreSQL instead
(`postgres_database`). The server listens on loopback only, with no federation, and
shared-secret registration is the only way to create accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import yaml

CONFIG_NAME = "homeserver.yaml"
LOG_CONFIG_NAME = "log.config.yaml"
LOG_NAME = "homeserver.log"
STDOUT_NAME = "synapse.stdout"
SYNAPSE = [sys.executable, "-m", "synapse.app.homeserver"]
WORKER = [sys.executable, "-m", "synapse.app.generic_worker"]
SIGNING_KEY_NAME = "signing.key"
GUARD_MODULE = "synapse_module.ConductbotGuard"
REPO = Path(__file__).resolve().parent.parent

# Generous limits: a local demo/test server sees bursts from a handful of scripted users.
_FAST = {"per_second": 1000, "burst_count": 10000}
RATE_LIMITS: dict[str, Any] = {
    "rc_message": _FAST,
    "rc_registration": _FAST,
    "rc_registration_token_validity": _FAST,
    "rc_login": {"address": _FAST, "account": _FAST, "failed_attempts": _FAST},
    "rc_admin_redaction": _FAST,
    "rc_joins": {"local": _FAST, "remote": _FAST},
    "rc_joins_per_room": _FAST,
    "rc_3pid_validation": _FAST,
    "rc_invites": {"per_room": _FAST, "per_user": _FAST, "per_issuer": _FAST},
    "rc_third_party_invite": _FAST,
    "rc_media_create": _FAST,
    "rc_room_creation": _FAST,
    "rc_reports": _FAST,
    "rc_user_directory": _FAST,
    "rc_profile": _FAST,
    "rc_delayed_event_mgmt": _FAST,
    "rc_presence": {"per_user": _FAST},
}


class UserExists(Exception):
    """Raised by `register_user` when the localpart is already taken (M_USER_IN_USE)."""


class MatrixHTTPError(RuntimeError):
    """A non-2xx answer from the homeserver, with its Matrix error code if any."""

    def __init__(self, status: int, errcode: str | None, message: str) -> None:
        super().__init__(f"HTTP {status} {errcode or ''}: {message}".strip())
        self.status = status
        self.errcode = errcode


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _child_env() -> dict[str, str]:
    """Synapse's environment: ours, with the repository importable for the guard module."""
    path = os.environ.get("PYTHONPATH")
    return os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), path]))}


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class SynapseSettings:
    directory: Path
    server_name: str
    port: int
    registration_shared_secret: str

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def config_path(self) -> Path:
        return self.directory / CONFIG_NAME


def _read_settings(directory: Path) -> SynapseSettings:
    config = yaml.safe_load((directory / CONFIG_NAME).read_text())
    return SynapseSettings(
        directory=directory,
        server_name=config["server_name"],
        port=int(config["listeners"][0]["port"]),
        registration_shared_secret=config["registration_shared_secret"],
    )


def _log_config(directory: Path) -> dict[str, Any]:
    return {
        "version": 1,
        "formatters": {
            "precise": {
                "format": "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - "
                "%(request)s - %(message)s"
            }
        },
        "handlers": {
            "file": {
                "class": "logging.FileHandler",
                "formatter": "precise",
                "filename": str(directory / LOG_NAME),
                "encoding": "utf8",
            }
        },
        "root": {"level": "WARNING", "handlers": ["file"]},
        "disable_existing_loggers": False,
    }


def _homeserver_config(
    directory: Path, server_name: str, port: int, database: Mapping[str, Any] | None
) -> dict[str, Any]:
    return {
        "server_name": server_name,
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": dict(
            database or {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}}
        ),
        "media_store_path": str(directory / "media_store"),
        "log_config": str(directory / LOG_CONFIG_NAME),
        "signing_key_path": str(directory / SIGNING_KEY_NAME),
        "registration_shared_secret": secrets.token_urlsafe(32),
        "macaroon_secret_key": secrets.token_urlsafe(32),
        "form_secret": secrets.token_urlsafe(32),
        "enable_registration": False,
        "report_stats": False,
        "enable_metrics": False,
        "presence": {"enabled": False},
        "url_preview_enabled": False,
        "federation_domain_whitelist": [],
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "default_room_version": "12",
        # Families' profiles and rooms stay among the people they share rooms with
        # (README: the homeserver settings conductbot relies on).
        "require_auth_for_profile_requests": True,
        "limit_profile_requests_to_users_who_share_rooms": True,
        "allow_public_rooms_without_auth": False,
        "allow_public_rooms_over_federation": False,
        "user_directory": {"enabled": True, "search_all_users": False},
        "max_upload_size": "50M",
        # Fast password hashing: registering and logging in dozens of test users adds up.
        "bcrypt_rounds": 4,
        **RATE_LIMITS,
    }


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read (secrets, passwords)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)  # in case the file already existed with wider permissions


def _set_guard(config: dict[str, Any], guard: Mapping[str, Any] | None) -> dict[str, Any]:
    """Put conductbot's guard module (docs/guard.md) in `modules`, or take it out."""
    others = [m for m in config.get("modules") or [] if m.get("module") != GUARD_MODULE]
    if guard is not None:
        others.append({"module": GUARD_MODULE, "config": dict(guard)})
    config["modules"] = others
    return config


def write_synapse_config(
    directory: Path,
    server_name: str,
    port: int | None = None,
    *,
    guard: Mapping[str, Any] | None = None,
    database: Mapping[str, Any] | None = None,
) -> SynapseSettings:
    """Write a homeserver config and signing key, or return the existing one's settings.

    The config is written under a temporary name and only renamed once the signing key
    exists, so an interrupted first run is simply redone. `guard` is the guard module's
    config (see `bot.guard_api.module_config`); it is (re)written on every call, so an
    existing server gets the current one, and None takes the module out. `database` is
    Synapse's `database` setting (see `postgres_database`); None is SQLite in `directory`.
    """
    directory = Path(directory).resolve()
    existing = directory / CONFIG_NAME
    if existing.exists():
        config = yaml.safe_load(existing.read_text())
        if (guard is not None) or config.get("modules"):
            write_private(existing, yaml.safe_dump(_set_guard(config, guard), sort_keys=False))
        return _read_settings(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    (directory / LOG_CONFIG_NAME).write_text(yaml.safe_dump(_log_config(directory)))
    config = _set_guard(
        _homeserver_config(directory, server_name, port or free_port(), database), guard
    )
    pending = directory / f"{CONFIG_NAME}.tmp"
    write_private(pending, yaml.safe_dump(config, sort_keys=False))
    result = subprocess.run(
        [*SYNAPSE, "-c", str(pending), "--generate-keys"],
        cwd=directory,
        env=_child_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"synapse --generate-keys failed:\n{result.stdout}{result.stderr}")
    os.replace(pending, directory / CONFIG_NAME)
    return _read_settings(directory)


POSTGRES_SOCKET = "/var/run/postgresql"


def _postgres(*command: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed (is PostgreSQL running? `make postgres` starts it):"
            f" {result.stderr.strip()}"
        )


@contextmanager
def postgres_database() -> Iterator[dict[str, Any]]:
    """A new, empty database on the local PostgreSQL for one Synapse, dropped afterwards.

    Reached through the server's socket as this system user (peer authentication, no
    password; `make postgres` installs and starts Debian's PostgreSQL and gives the user a
    role that may create databases), in the C collation Synapse requires. Gives Synapse's
    `database` setting for it.
    """
    name = f"synapse_{secrets.token_hex(6)}"
    _postgres("createdb", "--template=template0", "--encoding=UTF8", "--locale=C", name)
    try:
        yield {
            "name": "psycopg2",
            "args": {"database": name, "host": POSTGRES_SOCKET, "cp_min": 1, "cp_max": 10},
        }
    finally:
        _drop_database(name)


def _drop_database(name: str) -> None:
    """Drops a database whose Synapse has stopped.

    Not `--force`: that refuses to end an autovacuum worker on the database (it runs as no
    role, so "must be a member of the role whose process is being terminated"), which failed
    a CI run, while a plain DROP DATABASE stops autovacuum itself and waits 5 s for other
    sessions. The stopped Synapse's sessions end within moments; a refusal is retried for
    up to 30 s.
    """
    deadline = time.monotonic() + 30
    while True:
        try:
            _postgres("dropdb", "--if-exists", name)
            return
        except RuntimeError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(missing)"


@dataclass(frozen=True)
class Worker:
    """A generic worker of a Synapse (bot/synapse_workers.py): its own config file, read
    after the main one, and the port its client listener answers on."""

    name: str
    port: int
    config_path: Path


class SynapseProcess:
    """A Synapse child process (the main one, or a worker) in its own process group.
    Blocking API.

    Measured (Synapse 1.163, SQLite, 2 cores): start about 0.9 s to the first answer,
    stop about 0.03 s; a fresh `write_synapse_config` (key generation) about 0.9 s more.
    """

    def __init__(self, settings: SynapseSettings, worker: Worker | None = None) -> None:
        self.settings = settings
        self.worker = worker
        self._process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None

    @property
    def _command(self) -> list[str]:
        if self.worker is None:
            return [*SYNAPSE, "-c", str(self.settings.config_path)]
        return [
            *WORKER,
            *("-c", str(self.settings.config_path)),
            *("-c", str(self.worker.config_path)),
        ]

    @property
    def _port(self) -> int:
        return self.settings.port if self.worker is None else self.worker.port

    @property
    def _stdout(self) -> Path:
        name = STDOUT_NAME if self.worker is None else f"{self.worker.name}.stdout"
        return self.settings.directory / name

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _failure(self, reason: str) -> RuntimeError:
        directory = self.settings.directory
        tails = "".join(
            f"\n--- {path} ---\n{_tail(path)}" for path in (self._stdout, directory / LOG_NAME)
        )
        name = "Synapse" if self.worker is None else f"Synapse worker {self.worker.name}"
        return RuntimeError(f"{name} {reason}.{tails}")

    def start(self, timeout: float = 60) -> None:
        if self.running:
            return
        if port_in_use(self._port):
            # Otherwise we could mistake another server on the port for ours.
            raise RuntimeError(
                f"port {self._port} is already in use: is another Synapse running "
                f"from {self.settings.directory}?"
            )
        began = time.monotonic()
        with open(self._stdout, "ab") as out:
            self._process = subprocess.Popen(
                self._command,
                cwd=self.settings.directory,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=_child_env(),
            )
        url = f"http://127.0.0.1:{self._port}/_matrix/client/versions"
        while True:
            if self._process.poll() is not None:
                code = self._process.returncode
                self._process = None
                raise self._failure(f"exited with code {code} during start-up")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        self.startup_seconds = time.monotonic() - began
                        return
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() - began > timeout:
                self.stop()
                raise self._failure(f"did not answer {url} within {timeout:.0f} s")
            time.sleep(0.1)

    def stop(self, timeout: float = 15) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            process.wait()

    def __enter__(self) -> SynapseProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _request(
    method: str, url: str, body: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"error": raw.decode(errors="replace")}
        errcode, message = payload.get("errcode"), payload.get("error", "")
        raise MatrixHTTPError(error.code, errcode, message) from None


def register_user(
    settings: SynapseSettings,
    localpart: str,
    password: str,
    *,
    admin: bool = False,
    displayname: str | None = None,
) -> str:
    """Create an account with the shared-secret admin API and return its user id."""
    url = f"{settings.base_url}/_synapse/admin/v1/register"
    nonce = _request("GET", url)["nonce"]
    mac = hmac.new(settings.registration_shared_secret.encode(), digestmod=hashlib.sha1)
    for part in (nonce, localpart, password):
        mac.update(part.encode())
        mac.update(b"\x00")
    mac.update(b"admin" if admin else b"notadmin")
    body: dict[str, Any] = {
        "nonce": nonce,
        "username": localpart,
        "password": password,
        "admin": admin,
        "mac": mac.hexdigest(),
    }
    if displayname is not None:
        body["displayname"] = displayname
    try:
        return str(_request("POST", url, body)["user_id"])
    except MatrixHTTPError as error:
        if error.errcode == "M_USER_IN_USE":
            raise UserExists(f"@{localpart}:{settings.server_name} already exists") from None
        raise


def login(base_url: str, user: str, password: str) -> str:
    """Password login; returns a new access token (one new device per call)."""
    body = {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": user},
        "password": password,
    }
    return str(_request("POST", f"{base_url}/_matrix/client/v3/login", body)["access_token"])


def override_ratelimit(base_url: str, admin_token: str, user_id: str) -> bool:
    """Exempt `user_id` from message rate limits (0/0 means unlimited in Synapse).

    Returns False when the token is not an admin's or the server has no such API.
    """
    url = f"{base_url}/_synapse/admin/v1/users/{quote(user_id, safe='')}/override_ratelimit"
    try:
        _request("POST", url, {"messages_per_second": 0, "burst_count": 0}, admin_token)
    except MatrixHTTPError as error:
        if error.status in (403, 404):
            return False
        raise
    return True
