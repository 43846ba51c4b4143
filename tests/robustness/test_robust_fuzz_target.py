"""The atheris fuzz target's check runs without atheris, so it cannot rot."""

import importlib.util

from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

spec = importlib.util.spec_from_file_location("fuzz_clean", ROOT / "fuzz" / "fuzz_clean.py")
fuzz_clean = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fuzz_clean)


def test_fuzz_check_on_the_seeds_and_hostile_inputs():
    inputs = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
    inputs += [b"", b"\x00" * 64, b"\x89PNG\r\n\x1a\n", "caf\xe9".encode("latin-1") * 20,
               b"(a+)+$" * 3, b"((((((((((a+)+)+)+)+)+)+)+)+)+)+", "\ufeff\u2028\x1e".encode(),
               "\u06dd".encode()]  # a line of one invisible format character is blank
    for data in inputs:
        fuzz_clean.check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1000))
def test_fuzz_check_on_arbitrary_bytes(data):
    fuzz_clean.check(data)
