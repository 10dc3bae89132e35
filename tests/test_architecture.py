"""Data flows one way: ingest → features → scores → diagnosis → report; clients sit on top.

Each netscan module belongs to a stage; it may import only from the stages listed for it. A new
module that belongs to no stage fails here, so every addition is placed deliberately.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "netscan"

# first dotted component under netscan → stage
STAGE_OF = {
    "model": "core",
    "companies": "core",
    "errors": "core",
    "outputs": "core",
    "invisible": "core",
    "i18n": "core",
    "l10n": "core",
    "ingest": "ingest",
    "sample": "sample",
    "ties": "ties",
    "diagnosis": "diagnosis",
    "analysis": "analysis",
    "compare": "compare",
    "report": "report",
    "pipeline": "pipeline",
    "anonymize": "pipeline",
    "summary": "pipeline",
    "commands": "client",
    "batch": "client",
    "web": "client",
    "cli": "client",
    "__main__": "client",
    "__init__": "core",
}

ALLOWED = {
    "core": {"core"},
    "ingest": {"core", "ingest"},
    "sample": {"core", "sample", "ingest"},
    "ties": {"core", "ties"},
    "diagnosis": {"core", "diagnosis"},
    "analysis": {"core", "ties", "diagnosis", "analysis"},
    # two finished analyses → what changed; identity keys come from ingest, as in the merge
    "compare": {"core", "ingest", "ties", "diagnosis", "analysis", "compare"},
    "report": {"core", "ties", "diagnosis", "analysis", "compare", "report"},
    "pipeline": {"core", "ingest", "ties", "diagnosis", "analysis", "compare", "pipeline"},
    "client": {"core", "ingest", "sample", "ties", "diagnosis", "analysis", "compare", "report",
               "pipeline", "client"},
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(dotted: str) -> str:
    parts = dotted.split(".")
    head = parts[1] if len(parts) > 1 else "__init__"
    return STAGE_OF[head]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("netscan"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("netscan"))
    return found


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts = parts[:-1]
    return ".".join(parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_flow_one_way(path: Path) -> None:
    own = _stage(_dotted(path))
    for imported in sorted(_imports(path)):
        if imported == "netscan":
            continue
        assert _stage(imported) in ALLOWED[own], f"{_dotted(path)} ({own}) imports {imported}"


def test_every_module_has_a_stage() -> None:
    heads = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in _modules()}
    assert heads <= set(STAGE_OF), sorted(heads - set(STAGE_OF))


def test_core_never_reads_the_clock() -> None:
    """Determinism: only clients may ask what day it is; the core takes `as_of`."""
    banned = ("date.today(", "datetime.now(", "datetime.utcnow(", "time.time(")
    offenders = [
        str(p.relative_to(PACKAGE.parent))
        for p in _modules()
        if _stage(_dotted(p)) != "client" and any(b in p.read_text("utf-8") for b in banned)
    ]
    assert offenders == []
