"""phone.tcss: at a phone's size (what `achilles serve` gets in portrait) the pain scale is one
row of finger-sized cells per zone, all eleven on screen, and a tap on one rates the set."""

from __future__ import annotations

from pathlib import Path

from session.records import SessionRecord
from store import Store
from store.paths import demo_dir
from tests.web.conftest import seed_settings
from tui.app import AchillesApp
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.services import make_services
from tui.widgets.pain_scale import PainCell

PHONE = (43, 40)
"""Columns and rows of the served page on a 390 x 844 phone (measured in the browser test)."""


async def test_the_pain_scale_at_phone_size_is_big_and_tappable(tmp_path: Path) -> None:
    seed_settings(tmp_path)
    services = make_services(data_dir=tmp_path, no_voice=True, time_scale=100.0)
    app = AchillesApp(services)
    try:
        async with app.run_test(size=PHONE) as pilot:
            await pilot.pause(0.5)
            await pilot.press("enter")
            for _ in range(200):
                await pilot.pause(0.05)
                if isinstance(app.screen, PainScreen):
                    break
            assert isinstance(app.screen, PainScreen)
            for _ in range(60):  # the breakpoint class comes with the screen's first resize
                await pilot.pause(0.05)
                cells = list(app.screen.query(PainCell))
                if app.screen.has_class("-narrow") and all(c.region.width >= 7 for c in cells):
                    break
            assert [c.rating for c in cells] == list(range(11))
            width = app.screen.size.width
            for cell in cells:
                region = cell.region
                assert region.width >= 7 and region.height == 3, (cell.rating, region)
                assert region.right <= width
            zones = app.screen.zones
            assert len({c.region.y for c in cells}) == len(zones)  # one row per zone
            question = app.screen
            x, y = cells[2].region.offset
            assert await pilot.click(offset=(x + 4, y + 1))
            for _ in range(60):
                await pilot.pause(0.05)
                if app.screen is not question:
                    break
            assert app.screen is not question
            # End the session before the app: its tick timer must not outlive the screen.
            await pilot.press("q", "y")
            for _ in range(60):
                await pilot.pause(0.05)
                if isinstance(app.screen, SummaryScreen):
                    break
    finally:
        services.close()
    with Store.open(demo_dir(tmp_path), write=False) as store:  # a --time-scale run's folder
        (record,) = store.sessions()
    assert isinstance(record, SessionRecord) and record.sets[0].pain == 2
