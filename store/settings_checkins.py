"""The runner's settings (settings.json, one document) and morning check-ins (checkins.json, one
document per day): read at open, kept in memory, and every change written before returning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from tinydb import Query
from tinydb.table import Document

from session.records import CheckIn, Settings
from store.adding import Plan
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
        try:
            self.write_settings(settings)
        except (OSError, ValueError) as exc:
            raise save_failed("the settings", exc) from exc
        self.settings = settings

    def write_settings(self, settings: Settings) -> None:
        """Write `settings` to settings.json (its one document); memory is the caller's."""
        doc = settings.model_dump(mode="json")
        table = self._tables.table("settings", "settings")
        if table.contains(doc_id=1):
            table.update(doc, doc_ids=[1])
        else:
            table.insert(Document(doc, doc_id=1))

    def add_checkin(self, checkin: CheckIn) -> None:
        """Save a check-in; a second one on the same day replaces the first."""
        doc = checkin.model_dump(mode="json")
        try:
            table = self._tables.table("checkins", "checkins")
            if checkin.day in self.checkins:
                table.update(doc, Query().day == checkin.day.isoformat())
            else:
                table.insert(doc)
        except (OSError, ValueError) as exc:
            raise save_failed(f"the check-in of {checkin.day}", exc) from exc
        self.checkins[checkin.day] = checkin

    # --- adding many (store.adding) -------------------------------------------------------------

    def plan(self, checkins: Sequence[CheckIn]) -> Plan[CheckIn]:
        """The check-ins of days not checked in yet."""
        plan: Plan[CheckIn] = Plan()
        new: dict[dt.date, CheckIn] = {}
        for c in checkins:
            if c.day in self.checkins or c.day in new:
                plan.skipped += 1
            else:
                new[c.day] = c
        if new:
            plan.by_home["checkins"] = list(new.values())
        return plan

    def write(self, plan: Plan[CheckIn]) -> None:
        for home, records in plan.by_home.items():
            docs = [c.model_dump(mode="json") for c in records]
            self._tables.table(home, "checkins").insert_multiple(docs)

    def take(self, plan: Plan[CheckIn], homes: Collection[str] | None, *, written: bool) -> None:
        for home, records in plan.by_home.items():
            if homes is None or home in homes:
                self.checkins.update((c.day, c) for c in records)
