"""The centre's SQLite file: one schema, opened the same way by accounts and groups.

Each call opens its own short connection (the web app serves requests from several threads) in WAL mode, so a
trainer reading the dashboard never blocks a trainee's answer; a restart loses nothing that was committed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_NAME = "centre.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    login TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('formateur', 'apprenant')),
    hash BLOB NOT NULL,
    created TEXT NOT NULL,
    last_login TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
CREATE TABLE IF NOT EXISTS groups (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
    grp TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
    login TEXT NOT NULL REFERENCES accounts(login) ON DELETE CASCADE,
    PRIMARY KEY (grp, login)
);
CREATE TABLE IF NOT EXISTS assignments (
    id INTEGER PRIMARY KEY,
    grp TEXT NOT NULL REFERENCES groups(name) ON DELETE CASCADE,
    title TEXT NOT NULL,
    capacities TEXT NOT NULL,
    questions INTEGER NOT NULL,
    difficulty INTEGER,
    seed INTEGER NOT NULL,
    due TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    assignment INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    login TEXT NOT NULL REFERENCES accounts(login) ON DELETE CASCADE,
    correct INTEGER NOT NULL,
    total INTEGER NOT NULL,
    finished TEXT NOT NULL,
    PRIMARY KEY (assignment, login)
);
"""


def database_path(home: Path) -> Path:
    return home / FILE_NAME


_READY: set[Path] = set()  # files whose schema and WAL mode are set: once per process, not per request


@contextmanager
def connect(home: Path) -> Iterator[sqlite3.Connection]:
    """A connection that commits on success and rolls back on error."""
    path = database_path(home)
    if path not in _READY or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path, timeout=30) as setup:
            setup.execute("PRAGMA journal_mode=WAL")  # kept by the file
            setup.executescript(SCHEMA)
        setup.close()
        _READY.add(path)
    db = sqlite3.connect(path, timeout=30)
    try:
        db.execute("PRAGMA foreign_keys=ON")  # per connection in SQLite
        with db:
            yield db
    finally:
        db.close()
