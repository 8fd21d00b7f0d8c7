"""Deterministic hostile input through the CLI: mutated copies of the Arrow golden files.

An `arrow-ipc` user may point the CLI at any bytes. For damaged input the contract is a result
(exit 0) or a short error on stderr (exit 1, a message starting with `arrow-ipc:`), never a
crash (a signal), another exit code or a hang. And `validate --full` must not promise more than
the decoder keeps: when it accepts a file, a full decode (`cat --output jsonl`, every value
printed) must succeed too.

Each chosen golden `.arrow_file` and `.stream` is mutated in ways that reach the readers' checks
rather than stopping at the magic bytes:

- truncated at every message boundary (found by walking the encapsulated message framing with
  pyarrow, after the file magic and up to the file footer) and at the footer's start;
- truncated at seeded offsets;
- seeded single-bit flips;
- seeded 4-aligned 32-bit little-endian overwrites with 0, -1, INT32_MAX and INT32_MIN, the
  values that break lengths, offsets, counts and flatbuffer offsets.

The random choices are seeded by the input's name, so every run builds the same mutants. Each
mutant goes through `validate --full` and `cat --output jsonl` (stdout discarded), with a time
limit per process. Inputs: every file of the newest golden set plus one or two files of each
older set, chosen for what they add (legacy framing without continuation markers, big-endian
data, compressed bodies, shared dictionaries, unions). A failure names the golden file and lists
each misbehaving mutant with its mutation and outcome; the mutants stay in pytest's tmp_path.

The golden files are `arrow-ipc-stream/integration` in the arrow-testing data
(`../shared/arrow-testing/data` beside the repository, or ARROW_TESTING_DATA); where they are
absent these tests skip, saying so.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import struct
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ARROW_TESTING_DATA", REPO.parent / "shared" / "arrow-testing" / "data"))
INTEGRATION = DATA / "arrow-ipc-stream" / "integration"
# Every file of this set is mutated.
NEWEST_SET = "cpp-21.0.0"
# From the older sets, files that bring something the newest set lacks.
OLDER_SAMPLES = (
    "0.14.1/generated_dictionary.stream",  # legacy framing: no continuation markers
    "0.17.1/generated_union.arrow_file",  # unions in the file format of the pre-1.0 writer
    "1.0.0-bigendian/generated_primitive.arrow_file",  # big-endian bodies, swapped on read
    "1.0.0-littleendian/generated_recursive_nested.stream",  # deep nesting
    "2.0.0-compression/generated_lz4.stream",  # LZ4 frame bodies
    "2.0.0-compression/generated_zstd.arrow_file",  # ZSTD bodies
    "4.0.0-shareddict/generated_shared_dict.stream",  # one dictionary shared by several fields
)
# How long one CLI process may run before the mutant counts as a hang.
TIMEOUT_SECONDS = 20
# An error message longer than this many lines is not the short error the CLI promises.
MAX_ERROR_LINES = 3
FILE_MAGIC = b"ARROW1"
# The file format's trailer: an int32 footer length, then the magic.
TRAILER_SIZE = 4 + len(FILE_MAGIC)
INT32_VALUES = {"0": 0, "-1": -1, "INT32_MAX": 2**31 - 1, "INT32_MIN": -(2**31)}
SEEDED_TRUNCATIONS = 6
SEEDED_BIT_FLIPS = 8
SEEDED_OVERWRITES_PER_VALUE = 4


def _inputs() -> list[str]:
    newest = INTEGRATION / NEWEST_SET
    if not newest.is_dir():
        return []
    names = sorted(p.name for p in newest.iterdir() if p.suffix in (".arrow_file", ".stream"))
    return list(OLDER_SAMPLES) + [f"{NEWEST_SET}/{name}" for name in names]


INPUTS = _inputs()

pytestmark = pytest.mark.skipif(
    not INTEGRATION.is_dir(), reason=f"the Arrow golden files are absent ({DATA}); set ARROW_TESTING_DATA"
)


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A damaged copy of a golden file and the sentence that says how it was damaged."""

    mutation: str
    data: bytes


def message_boundaries(data: bytes) -> list[int]:
    """Offsets where a message starts, where the end-of-stream marker ends, and (for the file
    format) where the footer starts; 0 and the full length are left out."""
    is_file = data[: len(FILE_MAGIC)] == FILE_MAGIC
    if is_file:
        (footer_length,) = struct.unpack_from("<i", data, len(data) - TRAILER_SIZE)
        start, end = 8, len(data) - TRAILER_SIZE - footer_length
    else:
        start, end = 0, len(data)
    reader = pa.BufferReader(pa.py_buffer(data))
    reader.seek(start)
    boundaries = {start}
    while reader.tell() < end:
        try:
            pa.ipc.read_message(reader)
        except EOFError:  # the end-of-stream marker; the reader stands after it
            boundaries.add(reader.tell())
            break
        boundaries.add(reader.tell())
    if is_file:
        boundaries.add(end)
    return sorted(b for b in boundaries if 0 < b < len(data))


def mutants(data: bytes, seed: str) -> list[Mutant]:
    """The mutants of one golden file; the same `seed` always gives the same list."""
    rng = random.Random(seed)
    made = [Mutant(f"truncate at message boundary {b}", data[:b]) for b in message_boundaries(data)]
    for _ in range(SEEDED_TRUNCATIONS):
        length = rng.randrange(1, len(data))
        made.append(Mutant(f"truncate at byte {length}", data[:length]))
    for _ in range(SEEDED_BIT_FLIPS):
        position, bit = rng.randrange(len(data)), rng.randrange(8)
        flipped = bytearray(data)
        flipped[position] ^= 1 << bit
        made.append(Mutant(f"flip byte {position} bit {bit}", bytes(flipped)))
    for name, value in INT32_VALUES.items():
        for _ in range(SEEDED_OVERWRITES_PER_VALUE):
            position = rng.randrange(0, len(data) - 3, 4)
            overwritten = bytearray(data)
            struct.pack_into("<i", overwritten, position, value)
            made.append(Mutant(f"write int32 {name} at byte {position}", bytes(overwritten)))
    return made


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one CLI process ended: its exit code (None after a timeout) and its stderr."""

    returncode: int | None
    stderr: str


def run_cli(binary: Path, *args: object) -> Outcome:
    try:
        proc = subprocess.run(
            [str(binary), *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, "")
    return Outcome(proc.returncode, proc.stderr.decode("utf-8", errors="replace"))


def problem(command: str, outcome: Outcome) -> str | None:
    """What is wrong with how `command` ended, or None when it kept the contract."""
    code = outcome.returncode
    if code is None:
        return f"`{command}` hung (still running after {TIMEOUT_SECONDS} s)"
    if code < 0:
        return f"`{command}` crashed: exit {code} ({signal.Signals(-code).name})"
    if code not in (0, 1):
        return f"`{command}` exited {code}, neither 0 nor 1; stderr: {outcome.stderr.strip()[:300]!r}"
    if code == 1:
        message = outcome.stderr.strip()
        if not message.startswith("arrow-ipc:"):
            return f"`{command}` exited 1 without an `arrow-ipc:` error; stderr: {message[:300]!r}"
        if len(message.splitlines()) > MAX_ERROR_LINES:
            return f"`{command}` printed a {len(message.splitlines())}-line error: {message[:300]!r}"
    return None


def check(binary: Path, path: Path, mutation: str) -> list[str]:
    """Runs both commands on one mutant; returns a line per broken promise."""
    validate = run_cli(binary, "validate", "--full", path)
    cat = run_cli(binary, "cat", path, "--output", "jsonl")
    found = [
        f"{mutation} ({path.name}): {issue}"
        for issue in (problem("validate --full", validate), problem("cat --output jsonl", cat))
        if issue
    ]
    if validate.returncode == 0 and cat.returncode == 1:
        found.append(
            f"{mutation} ({path.name}): `validate --full` accepts it but `cat` fails: "
            f"{cat.stderr.strip()[:300]!r}"
        )
    return found


def test_inputs_are_found():
    assert len(INPUTS) > 60, f"expected every file of {INTEGRATION / NEWEST_SET}, found {len(INPUTS)} inputs"
    missing = [name for name in OLDER_SAMPLES if not (INTEGRATION / name).is_file()]
    assert not missing, f"golden files missing under {INTEGRATION}: {missing}"


@pytest.mark.parametrize("name", INPUTS)
def test_mutants_end_in_result_or_short_error(arrow_ipc, tmp_path, name):
    golden = INTEGRATION / name
    suffix = golden.suffix
    made = mutants(golden.read_bytes(), name)
    paths = []
    for index, mutant in enumerate(made):
        path = tmp_path / f"mutant-{index:03d}{suffix}"
        path.write_bytes(mutant.data)
        paths.append(path)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(check, [arrow_ipc] * len(made), paths, [m.mutation for m in made])
        failures = [line for found in results for line in found]
    assert not failures, (
        f"{len(failures)} broken promise(s) among {len(made)} mutants of {name} (mutants kept in {tmp_path}):\n"
        + "\n".join(failures)
    )
