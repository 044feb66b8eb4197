"""The runner's settings (settings.json, one document) and morning check-ins (checkins.json, one
document per day): read at open, kept in memory, and every change written before returning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tinydb import Query
from tinydb.table import Document

from session.records import CheckIn, Settings
from store.damage import Damage
from store.schema import CheckinsFile, SettingsFile
from store.tables import Tables, save_failed


class SettingsAndCheckins:
    """The settings (None until saved) and the check-ins by day of one data folder."""

    def __init__(self, tables: Tables) -> None:
        self.settings: Settings | None = None
        self.checkins: dict[dt.date, CheckIn] = {}
        self._tables = tables

    def load(self, damage: Damage) -> None:
        """Read settings.json and checkins.json (a damaged one is left to `damage`)."""
        settings = damage.read(self._tables, "settings", SettingsFile)
        if settings is not None and settings.settings:
            self.settings = list(settings.settings.values())[-1]
        checkins = damage.read(self._tables, "checkins", CheckinsFile)
        if checkins is not None:
            for c in checkins.checkins.values():
                self.checkins[c.day] = c

    def save_settings(self, settings: Settings) -> None:
        doc = settings.model_dump(mode="json")
        table = self._tables.table("settings", "settings")
        try:
            if table.contains(doc_id=1):
                table.update(doc, doc_ids=[1])
            else:
                table.insert(Document(doc, doc_id=1))
        except (OSError, ValueError) as exc:
            raise save_failed("the settings", exc) from exc
        self.settings = settings

    def add_checkin(self, checkin: CheckIn) -> None:
        """Save a check-in; a second one on the same day replaces the first."""
        doc = checkin.model_dump(mode="json")
        table = self._tables.table("checkins", "checkins")
        try:
            if checkin.day in self.checkins:
                table.update(doc, Query().day == checkin.day.isoformat())
            else:
                table.insert(doc)
        except (OSError, ValueError) as exc:
            raise save_failed(f"the check-in of {checkin.day}", exc) from exc
        self.checkins[checkin.day] = checkin

    def add(
        self, checkins: Iterable[CheckIn], settings: Settings | None, *, persist: bool
    ) -> tuple[int, int, bool]:
        """Add the check-ins of days not present yet, in one write, and `settings` if none were
        saved; written only if `persist`, else only taken into memory. Returns how many
        check-ins were added and skipped, and whether the settings were restored."""
        new_checkins: dict[dt.date, CheckIn] = {}
        skipped_checkins = 0
        for c in checkins:
            if c.day in self.checkins or c.day in new_checkins:
                skipped_checkins += 1
            else:
                new_checkins[c.day] = c
        restore = settings is not None and self.settings is None
        if new_checkins:
            if persist:
                docs = [c.model_dump(mode="json") for c in new_checkins.values()]
                self._tables.table("checkins", "checkins").insert_multiple(docs)
            self.checkins.update(new_checkins)
        if restore and settings is not None:
            if persist:
                self.save_settings(settings)
            else:
                self.settings = settings
        return len(new_checkins), skipped_checkins, restore
