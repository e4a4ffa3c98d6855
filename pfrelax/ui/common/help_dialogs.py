"""Help: the stop rules and support text, and About with the disclaimer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pfrelax import __version__
from pfrelax.core import texts as product
from pfrelax.ui.common.app_name import app_name


def stop_rules_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(f"Stop rules and safety — {app_name()}")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText("Stop rules and safety")
    rules = "\n\n".join(product.stop_rules())
    box.setInformativeText(f"{rules}\n\n{product.you_can_stop()}\n\n{product.support_text()}")
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName("Stop rules and safety")
    return box


def about_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {app_name()}")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"{app_name()} {__version__}")
    box.setInformativeText(
        f"{product.disclaimer()}\n\nEverything stays on this computer: no account, no analytics."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName(f"About {app_name()}")
    return box


def first_run_box(parent: QWidget | None) -> QMessageBox:
    """Shown once, before the first session: what the app is, and when to stop."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"Welcome — {app_name()}")
    box.setIcon(QMessageBox.Icon.NoIcon)
    box.setText("Before you begin")
    rules = "\n\n".join(product.stop_rules())
    box.setInformativeText(f"{product.disclaimer()}\n\n{rules}\n\n{product.you_can_stop()}")
    ok = box.addButton("I understand", QMessageBox.ButtonRole.AcceptRole)
    ok.setAccessibleName("I understand")
    ok.setAccessibleDescription("Close this note; it is also in Help")
    box.setDefaultButton(ok)
    box.setAccessibleName("Before you begin")
    return box
