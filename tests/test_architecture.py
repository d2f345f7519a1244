"""The house stays as drawn (docs/architecture.md, docs/decisions/0007-shared-plumbing-and-import-rule.md).

Every module under kotacerdas/ is parsed with `ast` (nothing is imported), every `import kotacerdas.<app>...`
(also inside functions; not under `if TYPE_CHECKING:`) becomes an edge between apps, and three rules hold:

1. An app imports only apps of a lower layer (LAYERS below); apps of one layer do not import each other.
2. There is no cycle between apps (implied by 1, checked on its own so a wrong LAYERS table cannot hide one).
3. The models of an app outside the ground (GROUND) are its own: another app imports them only in its
   `selectors` or `services` (a query it has to join), or in `demo`, which loads every app's demo rows
   (and planio, planning's file format, uses planning's: COMPANIONS).
   Everywhere else (views, forms, API, templatetags, documents…) it asks the owning app's selectors.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "kotacerdas"

# Lower numbers lie below. Keep in step with the drawing in docs/architecture.md.
LAYERS = {
    "common": 0,  # plumbing: base models, notify, storage, charts, cache, API-neutral helpers
    "audit": 1,  # record_event and the trail
    "regions": 2,  # the tenant, its people and access (with_region, require_perm, require_rule)
    "accounts": 3,  # sign-in; User itself depends on nothing
    "masterplan": 4,
    "monitoring": 5,
    "collaboration": 6,
    "planning": 7,
    "participation": 7,
    "ideas": 7,
    "literacy": 7,
    "planio": 8,
    "surveys": 8,
    "innovation": 8,
    "evaluation": 9,
    "news": 9,
    "portal": 10,
    "opendata": 10,  # open data: CKAN API and DCAT, reads every app's selectors
    "national": 10,  # the installation's home: every region on one page
    "demo": 10,
}
# Apps whose models every app may use directly: the tenant, people, the audit trail and the plan itself.
GROUND = {"common", "audit", "regions", "accounts", "masterplan"}
# Where another app's models may be imported.
MODEL_READERS = {"selectors", "services"}
MODEL_LOADERS = {"demo"}
# planio is planning's file format: it writes and reads planning's tables row by row (the workbook, the
# document), so it may use them anywhere in planio. The only such pair; add one only with a decision record.
COMPANIONS = {("planio", "planning")}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def _imported(node: ast.AST) -> list[str]:
    """Dotted names a statement imports from kotacerdas (`from kotacerdas.x import models` → x.models)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("kotacerdas.")]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("kotacerdas."):
        if node.module.count(".") == 1:  # from kotacerdas.app import models, selectors
            return [f"{node.module}.{a.name}" for a in node.names]
        return [node.module]
    return []


def imports() -> list[tuple[str, str, str, str]]:
    """(app, module path, imported app, imported module below the app) for every cross-app import."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            for name in _imported(node):
                parts = name.split(".")
                if parts[1] != rel.parts[0]:
                    found.append((rel.parts[0], str(rel), parts[1], ".".join(parts[2:])))
    return found


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYERS)


def test_no_app_imports_its_own_layer_or_above():
    upward = [
        f"{module} imports {target} (layer {LAYERS[target]} ≥ {LAYERS[app]})"
        for app, module, target, _sub in imports()
        if LAYERS[target] >= LAYERS[app]
    ]
    assert upward == []


def test_no_cycle_between_apps():
    graph = defaultdict(set)
    for app, _module, target, _sub in imports():
        graph[app].add(target)
    state: dict[str, str] = {}
    cycles = []

    def visit(app: str, trail: list[str]) -> None:
        state[app] = "open"
        for target in sorted(graph[app]):
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[app] = "done"

    for app in sorted(graph):
        if app not in state:
            visit(app, [app])
    assert cycles == []


def test_other_apps_models_only_through_selectors_or_services():
    def reads_models(module: str) -> bool:
        parts = Path(module).with_suffix("").parts
        return bool(MODEL_READERS & set(parts[1:]))

    leaks = [
        f"{module} imports {target}.models"
        for app, module, target, sub in imports()
        if sub.split(".")[0] == "models"
        and target not in GROUND
        and app not in MODEL_LOADERS
        and (app, target) not in COMPANIONS
        and not reads_models(module)
    ]
    assert leaks == []


def test_the_checks_see_a_violation():
    """The parser finds imports inside functions and skips TYPE_CHECKING blocks (guards the guard)."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from kotacerdas.ideas.models import Idea\n"
        "def f():\n    from kotacerdas.monitoring import models\n"
    )
    skipped = _type_checking_nodes(tree)
    names = [n for node in ast.walk(tree) if id(node) not in skipped for n in _imported(node)]
    assert names == ["kotacerdas.monitoring.models"]
