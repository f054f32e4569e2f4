"""Read settings from the environment, failing loudly on a malformed value.

A typo such as ``DJANGO_DEBUG=flase`` must stop the process at start-up, not
quietly fall back to a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

__all__ = ["ImproperlyConfigured", "boolean", "integer", "listing", "string"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def string(name, default):
    return os.environ.get(name, default)


def boolean(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of {sorted(_TRUE | _FALSE)}.")


def integer(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def listing(name, default):
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]
