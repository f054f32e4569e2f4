"""The Python modules of fixtures/, loaded by path: fixtures/ is not a package (build_demo.py runs as a script)."""

import importlib.util
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixtures_module(name):
    """fixtures/<name>.py as a module, loaded once (registered as ``fixtures_<name>``)."""
    key = f"fixtures_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, FIXTURES / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # before running it: dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[key]
