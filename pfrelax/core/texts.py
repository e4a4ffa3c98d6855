"""Fixed product texts from assets/texts.toml and the support text built from crisis_lines.toml.

The data files are the only copy of these texts (so they can be localised); each is read once,
on first use, so importing this module costs nothing on the way to the first paint. Whoever
starts pfrelax (cli.main, app.create_application) says once where they are: `use_assets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class CrisisLine:
    region: str
    countries: tuple[str, ...]
    place: str
    service: str
    text: str
    default: bool


_ASSETS: dict[str, Path] = {}  # "folder": the bundled assets folder, once use_assets is called


def use_assets(folder: Path) -> None:
    """Read the texts from `folder` (the app's bundled assets, or a test's copy) from now on."""
    _ASSETS["folder"] = folder
    _read.cache_clear()


@cache
def _read(name: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: only needed once a text is first shown

    if "folder" not in _ASSETS:  # our bug: an entry point that forgot to say where they are
        raise RuntimeError("pfrelax.core.texts.use_assets(folder) must be called first")
    path = _ASSETS["folder"] / name
    with path.open("rb") as stream:
        return tomllib.load(stream)


def text(key: str) -> str:
    """A text from assets/texts.toml, e.g. "disclaimer", "privacy_export_note"."""
    value = _read("texts.toml")[key]
    assert isinstance(value, str), f"texts.toml: {key} must be a string"
    return value


def disclaimer() -> str:
    """CLINICAL.md §5's disclaimer (About, first run)."""
    return text("disclaimer")


def stop_rules() -> tuple[str, ...]:
    """CLINICAL.md §1's stop rules, one sentence or two each, in the order to show them."""
    rules = _read("texts.toml")["stop_rules"]
    assert isinstance(rules, list), "texts.toml: stop_rules must be a list of texts"
    return tuple(str(rule) for rule in rules)


def you_can_stop() -> str:
    return text("you_can_stop")


def session_complete() -> str:
    return text("session_complete")


def session_stopped() -> str:
    return text("session_stopped")


def session_partial(minutes: str) -> str:
    """ "You practised 2 minutes — that counts. …" for a partial run (`minutes` in words)."""
    return text("session_partial").replace("{minutes}", minutes)


def crisis_lines() -> tuple[CrisisLine, ...]:
    return tuple(
        CrisisLine(
            region=str(line["region"]),
            countries=tuple(line["countries"]),
            place=str(line["place"]),
            service=str(line["service"]),
            text=str(line["text"]),
            default=bool(line.get("default", False)),
        )
        for line in _read("crisis_lines.toml").get("line", [])
    )


def lines_for(country: str | None) -> tuple[CrisisLine, ...]:
    """The lines for `country` (ISO 3166-1 alpha-2); the default lines if none match or unknown."""
    every = crisis_lines()
    matching = tuple(line for line in every if country and country.upper() in line.countries)
    return matching or tuple(line for line in every if line.default)


def support_text(country: str | None = None) -> str:
    """CLINICAL.md §5's support text, with the crisis lines for `country` (default: US, UK/IE)."""
    data = _read("crisis_lines.toml")
    lines = lines_for(country)
    if not lines:
        return str(data["template_no_lines"])
    phrases = [str(data["line_template"]).format(place=x.place, text=x.text) for x in lines]
    return str(data["template"]).format(lines=str(data["separator"]).join(phrases))
