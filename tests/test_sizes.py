"""The house stays easy to read: no module over 400 lines and no function over 80 in kotacerdas/ (migrations,
which Django writes, excepted). A module that outgrows the limit becomes a package split by entity
(docs/architecture.md, "Layout"); a function that outgrows it becomes a few named steps."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kotacerdas"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.relative_to(ROOT).parts)


def test_no_module_over_400_lines():
    long = {}
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            long[str(path.relative_to(ROOT.parent))] = lines
    assert long == {}, "split these modules into a package by entity"


def test_no_function_over_80_lines():
    long = {}
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT.parent)}:{node.name}"] = lines
    assert long == {}, "cut these functions into named steps"
