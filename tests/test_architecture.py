"""The apps' layering (docs/architecture.md): imports point one way, no cycles, no model looked up by another app's
label. `make lint` runs the same import contracts (`lint-imports`, configured in pyproject.toml)."""

import ast
import tomllib
from pathlib import Path

from django.apps import apps
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
PROJECT_APPS = {config.label for config in apps.get_app_configs() if Path(config.path).parent == ROOT}


def test_the_apps_import_only_the_apps_below_them_and_no_module_cycle(capsys):
    exit_code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert exit_code == 0, capsys.readouterr().out


def test_every_app_of_the_project_is_in_the_import_layers():
    layers = next(contract for contract in CONFIG["contracts"] if contract["type"] == "layers")["layers"]
    assert PROJECT_APPS == set(CONFIG["root_packages"]) == set(layers)


def labels_reached_by_lookup(source):
    """The app labels that `get_model(...)`/`get_app_config(...)` calls in this source name literally."""
    labels = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in {"get_model", "get_app_config"} or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            labels.append(first.value.split(".")[0])
    return labels


def test_the_lookup_check_sees_a_model_fetched_by_another_apps_label():
    source = 'from django.apps import apps\nMeeting = apps.get_model("meetings.Meeting")\n'
    source += 'apps.get_model("pages", "Page")'
    assert labels_reached_by_lookup(source) == ["meetings", "pages"]


def test_no_app_looks_up_another_apps_model_by_label():
    """An import says the dependency out loud (and import-linter checks its direction); a label hides it.
    Migrations are left out: they must use the historical models Django gives them."""
    found = []
    for app in sorted(PROJECT_APPS):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for label in labels_reached_by_lookup(path.read_text(encoding="utf-8")):
                if label in PROJECT_APPS and label != app:
                    found.append(f"{path.relative_to(ROOT)}: {label}")
    assert not found
