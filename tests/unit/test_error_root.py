"""One error root: every public exception pfrelax defines derives from `PfrelaxError`, so the
CLI and the window can tell "your input" from "our bug" (issue 11)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pfrelax
from pfrelax.errors import PfrelaxError

# The Qt side is left out (no QApplication here); its one error class is checked by name below.
QT_PACKAGES = ("pfrelax.ui", "pfrelax.shell", "pfrelax.app", "pfrelax.launch")


def qt_free_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(pfrelax.__path__, "pfrelax.")]
    return [name for name in names if not name.startswith(QT_PACKAGES)]


def outside_the_root() -> list[str]:
    found = []
    for module_name in qt_free_modules():
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            is_own_error = (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module_name
                and not name.startswith("_")  # a module's private unwinding stays inside it
            )
            if is_own_error and not issubclass(value, PfrelaxError):
                found.append(f"{module_name}.{name}")
    return found


def test_every_public_error_derives_from_the_one_root() -> None:
    assert outside_the_root() == []


def test_the_scan_sees_the_modules_that_define_errors() -> None:
    modules = qt_free_modules()
    assert {"pfrelax.errors", "pfrelax.services.privacy", "pfrelax.core.heart.measurement"} <= set(
        modules
    )
