"""Test configuration: the real settings plus what only tests want."""

import os
import tempfile
from pathlib import Path

from bureau.settings import *  # noqa: F401,F403
from bureau.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than memory: some tests hold a transaction open in one thread while another reads, and
    # only SQLite's file locking shows the reader the last committed data, as PostgreSQL does (a shared
    # memory database refuses the read instead). Others make the database unreachable and reconnect.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"bureau-tests-{os.getpid()}.sqlite3")}
