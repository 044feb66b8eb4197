"""The program's temporary calming measures: one list, read by the check-in and the run rules."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class CalmingMeasure(BaseModel):
    """A temporary calming measure for a flared tendon (PROGRAM.md), always weaned off again.

    The one list of them is the program's, in the order they are weaned: a check-in after a flare
    shows their `text`, the run log ticks them by `id`, and weaning suggests dropping them one at
    a time (session.running.weaning) with `wean`. `lifted_by = "gate"`: not weaned by time but
    lifted by the readiness gate for hills and speed. A file that gives only `text` (older
    program files) gets an id, a short form and a weaning sentence made from it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)
    short: str = Field(min_length=1, description="As it reads inside a sentence.")
    wean: str = Field(min_length=1, description="The suggestion that drops it.")
    lifted_by: Literal["weaning", "gate"] = "weaning"

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("text"), str) and data["text"]:
            text = data["text"].strip()
            short = text[0].lower() + text[1:]
            slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "measure"
            data = {"id": slug, "short": short, "wean": f"Leave out {short}.", **data}
        return data
