"""The public API in resgestae/__init__.py: ``__all__`` and what the package gives agree,
every public name is documented, and ``import resgestae`` stays light."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import resgestae

INIT = Path(resgestae.__file__)
# Modules whose whole __all__ is public API, and the single names taken from others.
CURATED = ("resgestae.batch", "resgestae.pipeline", "resgestae.store", "resgestae.types",
           "resgestae.errors")  # fmt: skip
PICKED = {
    "resgestae.ingest": ("read_paths",),
    "resgestae.export": ("export_events", "export_store"),
}


def documented(obj) -> bool:
    doc = (obj.__doc__ or "").strip()
    if dataclasses.is_dataclass(obj) and doc.startswith(f"{obj.__name__}("):
        return False  # the signature dataclass writes when the class has no docstring
    return bool(doc)


def test_all_has_no_duplicates_and_only_public_names():
    assert len(resgestae.__all__) == len(set(resgestae.__all__))
    assert not [n for n in resgestae.__all__ if n.startswith("_")]


@pytest.mark.parametrize("name", resgestae.__all__)
def test_every_name_is_what_one_module_exports(name):
    homes = [m for m in (*CURATED, *PICKED) if name in importlib.import_module(m).__all__]
    assert len(homes) == 1, f"{name} is exported by {homes}"
    assert getattr(resgestae, name) is getattr(importlib.import_module(homes[0]), name)


def test_star_import_gives_every_name():
    namespace: dict = {}
    exec("from resgestae import *", namespace)
    assert set(resgestae.__all__) <= set(namespace)


def test_no_public_name_is_missing():
    expected = {n for m in CURATED for n in importlib.import_module(m).__all__}
    expected |= {n for names in PICKED.values() for n in names}
    assert set(resgestae.__all__) == expected
    submodules = {p.stem if p.is_file() else p.name for p in INIT.parent.iterdir()}
    public = {n for n in dir(resgestae) if not n.startswith("_") and n not in submodules}
    public -= {"annotations", "importlib", "TYPE_CHECKING", "Any"}  # the module's own imports
    assert public == set(resgestae.__all__)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        resgestae.nothing  # noqa: B018
    with pytest.raises(AttributeError):
        resgestae.article_id  # noqa: B018 - exported by resgestae.ingest, not public here


def test_type_checking_imports_match_all():
    """Type checkers and editors see the names through the TYPE_CHECKING imports."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    [block] = [
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    ]
    imported = {a.name for imp in block.body if isinstance(imp, ast.ImportFrom) for a in imp.names}
    assert imported == set(resgestae.__all__)


@pytest.mark.parametrize("name", resgestae.__all__)
def test_every_name_has_a_docstring(name):
    assert documented(getattr(resgestae, name)), f"resgestae.{name} has no docstring"


# The modules this API's batch, reading, storing, output and CLI layers live in (the eval
# command's module belongs with resgestae.eval).
OWNED = ("resgestae.batch", "resgestae.ingest", "resgestae.store", "resgestae.cli",
         "resgestae.export")  # fmt: skip


def owned_modules() -> list[str]:
    names = ["resgestae.errors", "resgestae.output"]
    for package in OWNED:
        path = importlib.import_module(package).__path__
        names += [package, *(f"{package}.{m.name}" for m in pkgutil.iter_modules(path))]
    return [n for n in names if n != "resgestae.cli.evaluate"]


def public_members():
    for module_name in owned_modules():
        module = importlib.import_module(module_name)
        yield pytest.param(module, id=module_name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module_name:
                continue
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            yield pytest.param(obj, id=f"{module_name}.{name}")
            for attr, member in vars(obj).items() if inspect.isclass(obj) else ():
                if not attr.startswith("_") and (inspect.isfunction(member)
                                                 or isinstance(member, property)):  # fmt: skip
                    yield pytest.param(member, id=f"{module_name}.{name}.{attr}")


@pytest.mark.parametrize("obj", public_members())
def test_modules_and_their_public_functions_and_classes_are_documented(obj):
    assert documented(obj.fget if isinstance(obj, property) else obj)


def test_import_resgestae_loads_neither_spacy_nor_the_pipeline():
    code = (
        "import sys, resgestae; "
        "heavy = [m for m in ('spacy', 'resgestae.pipeline', 'duckdb', 'trafilatura') "
        "if m in sys.modules]; "
        "assert not heavy, heavy; "
        "resgestae.Batch; resgestae.open_store; "
        "assert 'spacy' not in sys.modules, 'the batch imported spaCy before parsing'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
