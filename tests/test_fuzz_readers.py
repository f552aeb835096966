"""A bounded, seeded fuzz run over every reader: a result or InputError, and no hang.

The long run is ``benchmarks/fuzz_readers.py``; this one keeps the suite fast
(a few seconds) while covering each reader with fresh mutations every time
the seed list is extended.  Each input runs under a generous alarm: a guard
against the exponential or quadratic cases of issue 15 coming back, not a
speed figure.
"""

from __future__ import annotations

import random

import pytest

from tests.fuzz_inputs import KINDS, check_one, mutate, seeds
from tests.test_hostile_inputs import no_hang

PER_KIND = 25
SEEDS = seeds()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_reader_gives_a_result_or_one_input_error(kind, tmp_path):
    rng = random.Random(f"issue-15:{kind}")
    outcomes = {"ok": 0, "input-error": 0}
    for i in range(PER_KIND):
        seed = rng.choice(SEEDS[kind])
        data = seed if i == 0 else mutate(seed, rng)
        folder = tmp_path / str(i)
        folder.mkdir()
        with no_hang(30):
            try:
                outcomes[check_one(kind, data, folder)] += 1
            except Exception as exc:  # noqa: BLE001 - report which input broke what
                pytest.fail(f"{kind} input #{i} ({len(data)} bytes, head {data[:80]!r}) raised {type(exc).__name__}: {str(exc)[:300]}")
    assert sum(outcomes.values()) == PER_KIND
    if kind not in ("manifest",):
        assert outcomes["ok"] >= 1, f"the unmutated {kind} seed must read: {outcomes}"
