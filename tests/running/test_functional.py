"""The functional tests' results: checked counts, the limb symmetry index, the latest result."""

from __future__ import annotations

import pytest

from session.running.functional import (
    FunctionalResult,
    ResultError,
    latest,
    make_result,
    symmetry,
)
from tests.running.builders import SPEED, at, result

TESTS = SPEED.tests


def test_a_heel_raise_result_per_leg_and_its_symmetry() -> None:
    r = make_result(TESTS, "heel_raise", {"right": 27, "left": 30}, at(5, 10), note=" tired ")
    assert (r.left, r.right, r.note) == (30, 27, "tired")
    assert r.id.startswith("heel_raise-")
    sym = symmetry(r, "right")
    assert sym is not None
    assert (sym.sore, sym.other, sym.lsi) == (27, 30, 90.0)
    left = symmetry(r, "left")
    assert left is not None and round(left.lsi, 1) == 111.1
    assert FunctionalResult.model_validate(r.model_dump(mode="json")) == r


def test_no_symmetry_without_one_sore_side_or_a_leg() -> None:
    r = make_result(TESTS, "side_hop", {"left": 40, "right": 35}, at(5, 10))
    assert symmetry(r, "both") is None
    assert symmetry(r, None) is None
    one = make_result(TESTS, "side_hop", {"right": 35}, at(5, 10))
    assert symmetry(one, "right") is None


def test_an_other_side_of_zero() -> None:
    r = make_result(TESTS, "side_hop", {"left": 0, "right": 0}, at(5, 10))
    sym = symmetry(r, "right")
    assert sym is not None and sym.lsi == 100.0


@pytest.mark.parametrize(
    ("kind", "counts", "message"),
    [
        ("hop_count", {"right": 11}, "right leg: 11 pain-free hops is out of range; enter 0 to 10"),
        ("heel_raise", {"left": -1}, "left leg: -1 count is out of range; enter 0 to 200"),
        ("side_hop", {"left": 151}, "enter 0 to 150"),
        ("side_hop", {}, "at least one leg"),
    ],
)
def test_counts_beyond_the_protocol_are_refused(
    kind: str, counts: dict[str, int], message: str
) -> None:
    with pytest.raises(ResultError, match=message):
        make_result(TESTS, kind, counts, at(5, 10))  # type: ignore[arg-type]


def test_a_result_needs_a_leg() -> None:
    with pytest.raises(ValueError, match="at least one leg"):
        result(1, "side_hop")


def test_the_latest_result_of_a_kind_within_its_validity() -> None:
    results = [
        result(1, "heel_raise", left=20, right=18),
        result(9, "heel_raise", left=22, right=21),
        result(10, "side_hop", left=30, right=30),
        result(30, "heel_raise", left=25, right=25),
    ]
    found = latest(results, "heel_raise", at(20))
    assert found is not None and found.left == 22
    assert latest(results, "heel_raise", at(20), valid_days=5) is None
    assert latest(results, "hop_count", at(40)) is None
