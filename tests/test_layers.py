"""The one-way layers hold, and the contract that keeps them would catch a back-import.

content ← parks ← news ← search ← bureau, with demo and bench on top
(pyproject.toml, [tool.importlinter]). lint-imports reads the source, not the
running site, so the check also runs on a copy of the tree with one import
planted where it must not be.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["content", "parks", "pages", "news", "inquiries", "search", "bureau", "demo", "bench", "tests"]
# Beside the interpreter running the tests: the virtual environment make test installs.
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root):
    if not LINT_IMPORTS.exists():
        pytest.skip("lint-imports is not installed (requirements-dev.txt)")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the packages and the contract, to plant imports in."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(tree, module, line):
    path = tree / module
    path.write_text(f"{line}\n{path.read_text()}")


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("content/models.py", "from news.models import Article  # noqa", "content.models -> news.models"),
        ("parks/views.py", "import news.mentions  # noqa", "parks.views -> news.mentions"),
        ("news/views.py", "from bureau import seo  # noqa", "news.views -> bureau.seo"),
        ("search/query.py", "from demo.scale import plan  # noqa", "search.query -> demo.scale.plan"),
        ("content/caching.py", "from tests import helpers  # noqa", "content.caching -> tests.helpers"),
    ],
)
def test_a_back_import_breaks_the_contract(tree, module, line, broken):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    plant(tree, module, line)
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert broken in result.stdout, result.stdout


def test_an_import_inside_a_function_counts_too(tree):
    path = tree / "content" / "slugs.py"
    path.write_text(
        path.read_text() + "\n\ndef _late():\n    from parks.models import Park  # noqa\n\n    return Park\n"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "content.slugs -> parks.models" in result.stdout, result.stdout
