"""`arrow-ipc cat --time-column NAME --series time|event` agrees with pyarrow's sort.

A time series prints the time column and then the other selected columns, rows sorted by time
(pyarrow: `table.sort_by(time)`, a stable sort); an event series keeps the input order. `--rows`
selects input rows before the sort (pyarrow: `take`, then sort). Timestamps with a time zone
print as the wall time in that zone and its offset (`2024-03-01 09:30:00.000-05:00`), `Z` in
UTC: the expected text is computed here from the stored integers with Python's `zoneinfo`,
independently of pyarrow and of our writer.
"""

from __future__ import annotations

import datetime
import json
import zoneinfo
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, write_ipc
from interop_tables import split

ROWS = 60
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}

TIME_TYPES = {
    "date32": pa.date32(),
    "date64": pa.date64(),
    "ts_s": pa.timestamp("s"),
    "ts_ms_utc": pa.timestamp("ms", tz="UTC"),
    "ts_us_new_york": pa.timestamp("us", tz="America/New_York"),
    "ts_ns_tokyo": pa.timestamp("ns", tz="Asia/Tokyo"),
    "ts_ms_offset": pa.timestamp("ms", tz="-03:30"),
}


def _zone(name: str) -> datetime.tzinfo:
    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        hours, minutes = int(name[1:3]), int(name[-2:])
        return datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
    return zoneinfo.ZoneInfo(name)


def timestamp_text(value: int, unit: str, tz: str | None) -> str:
    """The text of a stored timestamp: wall time in its zone, then the offset (or Z for UTC)."""
    seconds, fraction = divmod(value, _PER_SECOND[unit])
    offset = 0
    if tz is not None and tz != "UTC":
        instant = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
        offset = int(instant.astimezone(_zone(tz)).utcoffset().total_seconds())
    wall = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=seconds + offset)
    text = wall.strftime("%Y-%m-%d %H:%M:%S")
    if _DIGITS[unit]:
        text += "." + str(fraction).zfill(_DIGITS[unit])
    if tz == "UTC":
        return text + "Z"
    if tz is not None:
        sign = "-" if offset < 0 else "+"
        text += f"{sign}{abs(offset) // 3600:02d}:{abs(offset) // 60 % 60:02d}"
        if abs(offset) % 60:  # local mean time, before zones had whole minutes
            text += f":{abs(offset) % 60:02d}"
    return text


def expected_text(array: pa.Array, row: int, t: pa.DataType):
    """What `cat --output jsonl` prints for slot `row` of `array` (of a type this file uses)."""
    if not array[row].is_valid:
        return None
    if pa.types.is_timestamp(t):
        return timestamp_text(array.cast(pa.int64())[row].as_py(), t.unit, t.tz)
    if pa.types.is_date(t):
        return array[row].as_py().isoformat()
    return array[row].as_py()


def series_table(time_type: pa.DataType, rng: np.random.Generator, repeats: bool) -> pa.Table:
    """A time column in random order (across a DST change and the year's turn), an int and a string."""
    start = int(datetime.datetime(2023, 10, 28, tzinfo=datetime.timezone.utc).timestamp())
    steps = rng.permutation(ROWS) if not repeats else rng.integers(0, ROWS // 4, ROWS)
    if pa.types.is_date(time_type):
        days = [start // 86_400 + int(s) * 5 for s in steps]
        times = pa.array(days, pa.int32()).cast(pa.date32())
        if pa.types.is_date64(time_type):
            times = pa.array([d * 86_400_000 for d in days], pa.int64()).cast(pa.date64())
    else:
        per_second = _PER_SECOND[time_type.unit]
        values = [(start + int(s) * 7_919) * per_second + (int(s) * 123_457) % per_second for s in steps]
        times = pa.array(values, pa.int64()).cast(time_type)
    quantity = pa.array([None if i % 7 == 3 else int(v) for i, v in enumerate(rng.integers(-1000, 1000, ROWS))], pa.int64())
    label = pa.array([f"r{i}" for i in range(ROWS)], pa.string())
    return pa.table({"label": label, "when": times, "quantity": quantity})


def _write(tmp_path: Path, table: pa.Table, fmt: str) -> Path:
    path = tmp_path / f"series.{EXTENSION[fmt]}"
    write_ipc(path, table.schema, split(table, 16), fmt)
    return path


def _rows(cli, path: Path, *args: str) -> list[dict]:
    out = cli.ok("cat", path, "--output", "jsonl", *args).stdout.decode()
    return [json.loads(line) for line in out.splitlines() if line]


def _expected_rows(table: pa.Table, columns: list[str]) -> list[dict]:
    rows = []
    for row in range(table.num_rows):
        rows.append({
            name: expected_text(table.column(name).combine_chunks(), row, table.schema.field(name).type) for name in columns
        })
    return rows


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("time_name", TIME_TYPES)
def test_a_time_series_is_pyarrows_sort(cli, tmp_path, time_name, fmt):
    table = series_table(TIME_TYPES[time_name], np.random.default_rng(70), repeats=False)
    path = _write(tmp_path, table, fmt)
    expected = _expected_rows(table.sort_by("when"), ["when", "label", "quantity"])
    assert _rows(cli, path, "--time-column", "when") == expected
    assert _rows(cli, path, "--series", "time") == expected, "the first temporal column is the default"
    assert list(_rows(cli, path, "--series", "time")[0]) == ["when", "label", "quantity"], "the time column comes first"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("time_name", ["date32", "ts_us_new_york"])
def test_an_event_series_keeps_input_order_and_repeats(cli, tmp_path, time_name, fmt):
    table = series_table(TIME_TYPES[time_name], np.random.default_rng(71), repeats=True)
    path = _write(tmp_path, table, fmt)
    assert _rows(cli, path, "--series", "event") == _expected_rows(table, ["when", "label", "quantity"])
    result = cli.fails("cat", path, "--series", "time", code=2)
    assert b"more than once" in result.stderr and b"event series" in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_are_selected_before_sorting_and_columns_after_the_time(cli, tmp_path, fmt):
    table = series_table(TIME_TYPES["ts_ns_tokyo"], np.random.default_rng(72), repeats=False)
    path = _write(tmp_path, table, fmt)
    picked = table.take(list(range(50, 3, -3)))
    got = _rows(cli, path, "--time-column", "when", "--rows", "50:3:-3", "--columns", "quantity")
    assert got == _expected_rows(picked.sort_by("when"), ["when", "quantity"])
    csv = cli.ok("cat", path, "--time-column", "when", "--rows", "0:3", "--output", "csv").stdout.decode().splitlines()
    assert csv[0] == "when,label,quantity" and len(csv) == 4


def test_series_errors_say_what_is_wrong(cli, tmp_path):
    table = series_table(TIME_TYPES["date32"], np.random.default_rng(73), repeats=False)
    path = _write(tmp_path, table, "file")
    assert b"not dates or timestamps" in cli.fails("cat", path, "--time-column", "label", code=2).stderr
    assert b"no column 'nope'" in cli.fails("cat", path, "--time-column", "nope", code=2).stderr
    plain = _write(tmp_path, table.drop_columns(["when"]), "stream")
    assert b"no date or timestamp column" in cli.fails("cat", plain, "--series", "event", code=2).stderr
    with_null = table.set_column(1, "when", pa.array([None] + table.column("when").to_pylist()[1:], pa.date32()))
    broken = _write(tmp_path, with_null, "file")
    assert b"null" in cli.fails("cat", broken, "--series", "time", code=1).stderr


def test_a_series_from_standard_input(cli, tmp_path):
    table = series_table(TIME_TYPES["ts_ms_offset"], np.random.default_rng(74), repeats=False)
    path = _write(tmp_path, table, "stream")
    out = cli.ok("cat", "-", "--series", "time", "--output", "jsonl", stdin=path.read_bytes()).stdout.decode()
    got = [json.loads(line) for line in out.splitlines() if line]
    assert got == _expected_rows(table.sort_by("when"), ["when", "label", "quantity"])


@pytest.mark.parametrize("tz", ["UTC", "America/New_York", "Asia/Tokyo", "+05:30", "-03:00", "Europe/London"])
@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_zoned_timestamps_print_in_their_zone(cli, tmp_path, tz, unit):
    # Instants either side of DST changes, before 1970, and at the ends of the unit's range.
    t = pa.timestamp(unit, tz=tz)
    per_second = _PER_SECOND[unit]
    seconds = [0, -1, 1_710_054_000, 1_710_054_000 - 1, 1_699_164_000, 951_782_400, -2_208_988_800, 4_102_444_800]
    values = [s * per_second + (7 * i) % per_second for i, s in enumerate(seconds)]
    if unit == "ns":
        values += [-(2**63) + 1, 2**63 - 1]
    array = pa.array(values, pa.int64()).cast(t)
    path = _write(tmp_path, pa.table({"t": array}), "file")
    got = [row["t"] for row in _rows(cli, path)]
    assert got == [timestamp_text(v, unit, tz) for v in values]
    if unit == "ns":  # Python's datetime stops at microseconds
        return
    for text, value in zip(got, array.to_pylist()):
        parsed = datetime.datetime.fromisoformat(text)
        # Compared as instants: Python never finds an aware time in a repeated hour (fold=1)
        # equal to one in another zone.
        assert parsed.timestamp() == value.timestamp(), f"{text} is not {value}"
        assert parsed.utcoffset() == value.utcoffset(), f"{text} is not in {tz}"
