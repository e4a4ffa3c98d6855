"""The pack's own details: title, author, organisation, the message to the patient (with a
preview of how Today shows it) and the limits the pack's sessions may use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from pfrelax.core.prose import reflow
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.toml_fields import Binder, Table, choice, line, text_box

LIMITS = (
    ("default", "Default bounds (CLINICAL.md)"),
    ("clinician", "Wider clinician bounds (holds up to 10 s, 2–12 breaths a minute)"),
)


class PackDetailsForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.binder = Binder(self)
        self.fields = {
            "title": line("Pack title", "The name the patient sees on Today"),
            "author": line("Author", "Your name, as the patient knows you"),
            "organisation": line("Organisation", "Your practice (optional)"),
            "description": line("Description", "One line about the pack (optional)"),
            "message": text_box("Message to the patient", "Shown on Today, near your name"),
            "limits": choice("Limits", "How far the pack's breathing may go", LIMITS),
        }
        for key in ("title", "author", "organisation", "description"):
            self.binder.bind_line(self.fields[key], key)  # type: ignore[arg-type]
        self.binder.bind_text(self.fields["message"], "message")  # type: ignore[arg-type]
        self.binder.bind_choice(self.fields["limits"], "limits")  # type: ignore[arg-type]
        self.preview_author = text_label(quiet=True)
        self.preview_message = text_label()
        self.preview_message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview_message.setProperty("message", True)
        self.binder.edited.connect(self._update_preview)
        form = QFormLayout()
        labels = ("Title", "Author", "Organisation", "Description", "Message", "Limits")
        for label, field in zip(labels, self.fields.values(), strict=True):
            form.addRow(label, field)
        preview = QFrame()
        preview.setObjectName("todayPreview")
        inside = QVBoxLayout(preview)
        heading = QLabel("How Today shows it")
        heading.setProperty("quiet", True)
        inside.addWidget(heading)
        inside.addWidget(self.preview_author)
        inside.addWidget(self.preview_message)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(preview)
        column.addStretch(1)
        scroll = QScrollArea()  # scrolls rather than squeezing at 200 % on a small screen
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in
        scroll.viewport().setAutoFillBackground(False)
        page.setAutoFillBackground(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._table: Table | None = None

    def load(self, manifest: Table | None) -> None:
        self._table = manifest
        self.binder.load(manifest, dict(self.fields))
        self._update_preview()

    def _update_preview(self) -> None:
        table = self._table or {}
        author = str(table.get("author", "") or "")
        message = str(table.get("message", "") or "")
        self.preview_author.setText(f"From {author}" if author else "")
        self.preview_message.setText(f"“{reflow(message)}”" if message else "")
        self.preview_message.setVisible(bool(message))
