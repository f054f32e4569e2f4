"""Test configuration: the real settings plus speed-ups that only tests want."""

from bureau.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
