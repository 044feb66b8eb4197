"""A field for a whole number that takes digits only, and leaves every other key to the screen's
bindings (x to stop, b to go back), which a plain Input would swallow."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class NumberInput(Input):
    """Digits only; letters bubble on to the bindings of the screen around it."""

    def __init__(
        self, *, placeholder: str = "", max_length: int = 5, id: str | None = None
    ) -> None:
        super().__init__(placeholder=placeholder, max_length=max_length, restrict=r"[0-9]*", id=id)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()  # not typed here: it goes on up, to the bindings
