"""Synapse with workers on loopback, as a trust deploys it (docs/deploying.md), for the tests
and benches.

The main process, two generic workers (one for `/sync`, one for the rest of the client
traffic Synapse lets a worker serve: sending, reading and joining rooms), Redis carrying
replication between them, and nginx in front, routing by path as Synapse's worker
documentation describes; everything else (registration, the admin API, media, keys)
reaches the main process. Workers need PostgreSQL. The guard module is in the one config
every process reads, so its callbacks run wherever an event is made.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import yaml

from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    Worker,
    free_port,
    port_in_use,
    postgres_database,
    write_private,
    write_synapse_config,
)

#: Paths each worker serves (regular expressions, as nginx's `location ~`).
ROUTES: dict[str, tuple[str, ...]] = {
    "sync": (
        r"^/_matrix/client/(r0|v3|unstable)/sync$",
        r"^/_matrix/client/(api/v1|r0|v3)/events$",
        r"^/_matrix/client/(api/v1|r0|v3)/(rooms/[^/]+/)?initialSync$",
    ),
    "client": (
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/createRoom$",
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/(join|knock)/",
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(join|invite|leave|ban|unban|kick)$",
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(send|state|redact)/",
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(messages|members|joined_members)$",
        r"^/_matrix/client/(api/v1|r0|v3|unstable)/rooms/[^/]+/(context|event)/",
        r"^/_matrix/client/v1/rooms/[^/]+/relations/",
        r"^/_matrix/client/(r0|v3|unstable)/keys/(query|claim)$",
    ),
}


def _worker_config(directory: Path, name: str, port: int) -> Path:
    path = directory / f"{name}.yaml"
    log_config = yaml.safe_load((directory / "log.config.yaml").read_text())
    log_config["handlers"]["file"]["filename"] = str(directory / f"{name}.log")
    # Each request the worker serves is logged, so a test can see where it was routed.
    log_config["loggers"] = {"synapse.access": {"level": "INFO"}}
    (directory / f"{name}.log.config.yaml").write_text(yaml.safe_dump(log_config))
    config = {
        "worker_app": "synapse.app.generic_worker",
        "worker_name": name,
        "worker_listeners": [
            {
                "type": "http",
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "resources": [{"names": ["client"]}],
            }
        ],
        "worker_log_config": str(directory / f"{name}.log.config.yaml"),
    }
    write_private(path, yaml.safe_dump(config, sort_keys=False))
    return path


def _nginx_config(directory: Path, port: int, main: int, workers: Mapping[str, int]) -> Path:
    locations = "".join(
        f"    location ~ {pattern} {{ proxy_pass http://127.0.0.1:{workers[name]}; }}\n"
        for name, patterns in ROUTES.items()
        for pattern in patterns
    )
    temp = directory / "nginx-temp"
    temp.mkdir(exist_ok=True)
    # As root, nginx would hand its work to `nobody`, who cannot write in this directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    text = f"""{user}daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
  client_max_body_size 50M;
  proxy_http_version 1.1;
  proxy_read_timeout 300s;
  proxy_set_header Host $host;
  proxy_set_header X-Forwarded-For $remote_addr;
  server {{
    listen 127.0.0.1:{port};
{locations}    location / {{ proxy_pass http://127.0.0.1:{main}; }}
  }}
}}
"""
    path = directory / "nginx.conf"
    path.write_text(text)
    return path


class _Child:
    """A helper server (Redis, nginx) in its own process group, up once its port answers."""

    def __init__(self, command: list[str], port: int, log: Path) -> None:
        self.command, self.port, self.log = command, port, log
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Child:
        with self.log.open("ab") as out:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while not port_in_use(self.port):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"{self.command[0]} did not start: see {self.log}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc_info: object) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _program(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if found is None:
        raise RuntimeError(f"{name} is not installed (`make test` installs it)")
    return found


@contextmanager
def synapse_with_workers(
    directory: Path, server_name: str, *, guard: Mapping[str, Any] | None = None
) -> Iterator[SynapseSettings]:
    """Start the whole deployment; give the settings that reach it through nginx."""
    directory.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        database = stack.enter_context(postgres_database())
        main = write_synapse_config(directory, server_name, guard=guard, database=database)
        replication, redis, front = free_port(), free_port(), free_port()
        ports = {name: free_port() for name in ROUTES}
        config: dict[str, Any] = yaml.safe_load(main.config_path.read_text())
        config["listeners"].append(
            {
                "port": replication,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "resources": [{"names": ["replication"]}],
            }
        )
        config["instance_map"] = {"main": {"host": "127.0.0.1", "port": replication}}
        config["redis"] = {"enabled": True, "host": "127.0.0.1", "port": redis}
        write_private(main.config_path, yaml.safe_dump(config, sort_keys=False))
        stack.enter_context(
            _Child(
                [_program("redis-server"), "--port", str(redis), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no"],
                redis,
                directory / "redis.log",
            )
        )
        stack.enter_context(SynapseProcess(main))
        for name, port in ports.items():
            worker = Worker(name, port, _worker_config(directory, name, port))
            stack.enter_context(SynapseProcess(main, worker))
        nginx = _nginx_config(directory, front, main.port, ports)
        stack.enter_context(
            _Child(
                [_program("nginx"), "-c", str(nginx), "-p", str(directory), "-e", "stderr"],
                front,
                directory / "nginx.stdout",
            )
        )
        yield SynapseSettings(directory, server_name, front, main.registration_shared_secret)
