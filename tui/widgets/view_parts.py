"""Widgets that each show one part of the workout's view, bound to the screen that holds it.

Each has a `view` reactive, bound with `data_bind` to its screen's own `view`, and a pure function
from the view to what it shows: the screen sets one value and every part follows.

    yield ViewText(status_line, id="w-status").data_bind(WorkoutScreen.view)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.reactive import var
from textual.widgets import ProgressBar, Static

from tui.widgets.big_text import BigText

if TYPE_CHECKING:
    from session.view import WorkoutView

Part = Callable[["WorkoutView"], str]
"""What a part shows of the view: plain text, never markup (names come from the program file)."""


class BoundText(Static):
    """Plain text bound to a string reactive of its screen (the workout's last cue)."""

    text: var[str] = var("")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def watch_text(self, text: str) -> None:
        self.update(text)


class ViewText(Static):
    """A line of text derived from the view; with `short`, its shorter form whenever the long one
    does not fit the width the widget has (a narrow window, a mark beside it)."""

    view: var[WorkoutView | None] = var(None)

    def __init__(
        self,
        part: Part,
        *,
        short: Part | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self._part = part
        self._short = short

    def watch_view(self, view: WorkoutView | None) -> None:
        if view is not None:
            self.update(self._fitted(view))

    def on_resize(self, event: events.Resize) -> None:
        if self._short is not None and self.view is not None:
            self.update(self._fitted(self.view))

    def _fitted(self, view: WorkoutView) -> str:
        text = self._part(view)
        width = self.content_size.width
        if self._short is None or width == 0 or cell_len(text) <= width:
            return text
        return self._short(view)


class ViewBigText(BigText):
    """Big text derived from the view (the exercise, the leg, the count)."""

    view: var[WorkoutView | None] = var(None)

    def __init__(self, part: Part, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._part = part

    def watch_view(self, view: WorkoutView | None) -> None:
        if view is not None:
            self.text = self._part(view)


class ViewProgress(ProgressBar):
    """How far through the timed phase, or through the reps."""

    view: var[WorkoutView | None] = var(None)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(total=1.0, show_eta=False, show_percentage=False, id=id)

    def watch_view(self, view: WorkoutView | None) -> None:
        if view is not None:
            self.update(progress=view.progress)
