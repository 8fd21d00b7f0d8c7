"""Every type family's values, as `arrow-ipc cat --output jsonl` prints them, equal pyarrow's.

For each family below pyarrow writes a file and a stream of several batches (one of them empty):
seeded random values with about a quarter nulls (`interop_tables.random_array` where it knows the
type) after edge cases built by hand. The tool prints them as JSON lines (each value is
`ArrowValue`'s JSON text) and every slot is compared with pyarrow's `to_pylist()` of the file as
pyarrow reads it back, after this normalisation of pyarrow's Python value:

- `None` is `null`, whatever hides it: a null index, a dictionary entry that is null, a run of
  nulls, a union member's null;
- booleans are `true`/`false`, `arrow.bool8` included (any non-zero byte is true);
- integers are JSON integers, exact at every width (uint64 above 2^63, int64 extremes);
- floats are JSON numbers that read back to the same value of the column's width (float16 and
  float32 are printed in their own shortest form: 0.1 in a float32 column is `0.1`, not
  0.10000000149011612), -0.0 keeping its sign. NaN and ±infinity are `null`: JSON has no such
  numbers, a deliberate convention;
- decimals are strings of the exact value with all the scale's digits and no exponent
  (`format(value, "f")`: `1.20`, `-0.00001`; a negative scale gives trailing zeros, `12300`);
- dates are `YYYY-MM-DD`; times `HH:MM:SS` with 3, 6 or 9 fraction digits for ms, us and ns;
- timestamps are `YYYY-MM-DD HH:MM:SS` with the unit's fraction digits: the wall time for a
  timestamp without a zone; for a zone-aware one the wall time in its zone and the offset
  `±HH:MM` (`±HH:MM:SS` for local mean time, before zones had whole-minute offsets), or `Z` for
  the zone `UTC` (other names of it, `Etc/UTC` or `+00:00`, give `+00:00`). The wall time, the
  fraction, the offset and the instant they make are each compared with pyarrow's aware
  datetime;
- durations are `"<count> <unit>"` in the column's unit (`"1500 ms"`); month-day-nano intervals
  `"<months>M<days>d<nanoseconds>ns"`;
- binary, large binary, binary view and fixed-size binary are lowercase hex; strings of every
  layout are the same string;
- lists of every layout are arrays; structs objects of their fields in order; maps arrays of
  `{"key": …, "value": …}` objects in order;
- a union slot is its chosen member's value, normalised by that member's type; dictionary and
  run-end encoded slots are their decoded values;
- extensions: `arrow.uuid` is its 8-4-4-4-12 lowercase text (`str(UUID)`); `arrow.json` its
  stored text as a JSON string (not parsed: it stays what was stored); `arrow.bool8` a boolean;
  `arrow.fixed_shape_tensor`, `arrow.opaque` and an extension we do not know their storage's
  value, as pyarrow's `to_pylist()` gives them.

pyarrow without pandas cannot make Python values of nanosecond times, timestamps and durations
that are not whole microseconds, so for those (top-level) columns pyarrow converts the value
floored to a microsecond and the test adds the nanoseconds left over. Python's dates stop at
the years 1 and 9999, so the edge cases do too. pyarrow cannot make year-month and day-time
intervals: the Swift golden-file tests cover them.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import json
import math
import random
import re
import uuid
import zlib
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, assert_same_table, read_ipc, write_ipc
from interop_tables import random_array, split
from test_layouts import dense_union, list_views, runs, sparse_union

NULLS = 0.25
RANDOM_ROWS = 48
BATCH_ROWS = 16

_UNIT_DIGITS = {"s": 0, "ms": 3, "us": 6, "ns": 9}
_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
_UNITS = tuple(_UNIT_DIGITS)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_EPOCH = datetime.datetime(1970, 1, 1)


# ---------------------------------------------------------------------------------------------
# Building columns


def _with_edges(t: pa.DataType, edges: list, rng: np.random.Generator, rows: int = RANDOM_ROWS) -> pa.Array:
    """The hand-made `edges` (Python values), then `rows` random values with nulls."""
    return pa.concat_arrays([pa.array(edges, t), random_array(t, rows, rng, NULLS)])


def _random(t: pa.DataType, rng: np.random.Generator, rows: int = RANDOM_ROWS) -> pa.Array:
    return random_array(t, rows, rng, NULLS)


def _from_ints(t: pa.DataType, values: list[int | None]) -> pa.Array:
    """An array of a 64- or 32-bit temporal type from its stored integers."""
    storage = pa.int32() if t.bit_width == 32 else pa.int64()
    return pa.array(values, storage).view(t)


def _nullify(values: list, pyrng: random.Random) -> list:
    return [None if pyrng.random() < NULLS else v for v in values]


def _ints(pyrng: random.Random, n: int, low: int, high: int) -> list[int | None]:
    return _nullify([pyrng.randint(low, high) for _ in range(n)], pyrng)


def _integers(rng: np.random.Generator) -> dict[str, pa.Array]:
    columns = {}
    for signed in (True, False):
        for bits in (8, 16, 32, 64):
            t = getattr(pa, f"{'' if signed else 'u'}int{bits}")()
            low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
            edges = [low, high, 0, 1, low + 1, high - 1, None]
            if not signed and bits == 64:
                edges += [2**63, 2**63 + 1, 2**63 - 1]
            columns[str(t)] = _with_edges(t, edges, rng)
    return columns


_SPECIAL_FLOATS = [0.0, -0.0, math.nan, math.inf, -math.inf, 0.1, 1 / 3, 1e-7, 1e20, -2.5, 65504.0, 6e-8,
                   1.401298464324817e-45, 3.4028234663852886e38, 5e-324, 1.7976931348623157e308, None]


def _floats(rng: np.random.Generator) -> dict[str, pa.Array]:
    plain = np.array([0.0 if v is None else v for v in _SPECIAL_FLOATS])
    mask = np.array([v is None for v in _SPECIAL_FLOATS])
    columns = {}
    for t in (pa.float16(), pa.float32(), pa.float64()):
        with np.errstate(over="ignore"):  # the largest doubles become infinities in narrower types
            edges = pa.array(plain.astype(t.to_pandas_dtype()), t, mask=mask)
        columns[str(t)] = pa.concat_arrays([edges, _random(t, rng)])
    return columns


def _decimals(rng: np.random.Generator) -> dict[str, pa.Array]:
    d = decimal.Decimal

    def column(t: pa.DataType, edges: list[str]) -> pa.Array:
        return _with_edges(t, [None if e is None else d(e) for e in edges], rng)

    return {
        "decimal32": column(pa.decimal32(9, 2), ["9999999.99", "-9999999.99", "0.00", "-0.01", "1.20", None]),
        "decimal32_scale_is_precision": column(pa.decimal32(5, 5), ["0.12345", "-0.00001", "0.00000"]),
        "decimal64": column(pa.decimal64(18, 4), ["99999999999999.9999", "-99999999999999.9999", "-0.0001", "7"]),
        "decimal128": column(pa.decimal128(38, 10), ["9" * 28 + "." + "9" * 10, "-" + "9" * 28 + "." + "9" * 10,
                                                      "0.0000000001", "-1"]),
        "decimal128_no_scale": column(pa.decimal128(38, 0), ["9" * 38, "-" + "9" * 38, "0"]),
        "decimal128_negative_scale": column(pa.decimal128(5, -2), ["1.23E+4", "-9.9999E+6", "0E+2"]),
        "decimal256": column(pa.decimal256(76, 20), ["9" * 56 + "." + "9" * 20, "-" + "9" * 56 + "." + "9" * 20,
                                                      "-0.00000000000000000001"]),
        "decimal256_no_scale": column(pa.decimal256(76, 0), ["9" * 76, "-" + "9" * 76, "1"]),
    }


_DATE_EDGES = [datetime.date(1, 1, 1), datetime.date(9999, 12, 31), datetime.date(1969, 12, 31),
               datetime.date(1970, 1, 1), datetime.date(1900, 2, 28), datetime.date(2000, 2, 29),
               datetime.date(1582, 10, 4), datetime.date(1582, 10, 15), datetime.date(1600, 3, 1), None]


def _dates(rng: np.random.Generator) -> dict[str, pa.Array]:
    return {"date32": _with_edges(pa.date32(), _DATE_EDGES, rng),
            "date64": _with_edges(pa.date64(), _DATE_EDGES, rng)}


def _times(rng: np.random.Generator) -> dict[str, pa.Array]:
    columns = {}
    for unit in _UNITS:
        t = pa.time32(unit) if unit in ("s", "ms") else pa.time64(unit)
        day = 86_400 * _PER_SECOND[unit]
        edges = [0, 1, day - 1, day // 2, _PER_SECOND[unit] * 3_661 + (_PER_SECOND[unit] - 1) // 7, None]
        columns[str(t)] = pa.concat_arrays([_from_ints(t, edges), _random(t, rng)])
    return columns


# Instants (UTC) around the edges zones have: New York's spring-forward (2024-03-10 07:00 UTC)
# and fall-back (2024-11-03 06:00 UTC, its 01:30 twice), local mean time before 1883, the ends
# of Python's years, the epoch and just before it, and summers past the zone data's last
# transition (where the zone's rule, not a table, gives the offset).
_INSTANT_EDGES = [
    datetime.datetime(2024, 3, 10, 6, 59, 59), datetime.datetime(2024, 3, 10, 7, 0, 0),
    datetime.datetime(2024, 11, 3, 5, 30), datetime.datetime(2024, 11, 3, 6, 30),
    datetime.datetime(2024, 3, 1, 14, 30), datetime.datetime(1850, 6, 1, 12, 0),
    datetime.datetime(1, 1, 2), datetime.datetime(9999, 12, 30, 23, 59, 59),
    datetime.datetime(1970, 1, 1), datetime.datetime(1969, 12, 31, 23, 59, 59),
    datetime.datetime(2040, 7, 4, 12), datetime.datetime(2100, 1, 15, 3), datetime.datetime(9999, 7, 1, 12),
]


def _instant_edges(unit: str) -> list[int | None]:
    """The edge instants in `unit` (those the unit can hold), each also one unit before and a
    third of a second after; none within a microsecond of the int64 ends (see `Nanos`)."""
    per_second = _PER_SECOND[unit]
    values: list[int | None] = []
    for instant in _INSTANT_EDGES:
        seconds = (instant - _EPOCH) // datetime.timedelta(seconds=1)
        for value in (seconds * per_second, seconds * per_second - 1, seconds * per_second + per_second // 3):
            if _INT64_MIN < value - 1000 and value + 1000 < _INT64_MAX:
                values.append(value)
    return values + [None]


def _timestamps(zone: str | None) -> Callable[[np.random.Generator], dict[str, pa.Array]]:
    def build(rng: np.random.Generator) -> dict[str, pa.Array]:
        columns = {}
        for unit in _UNITS:
            t = pa.timestamp(unit, tz=zone)
            columns[f"timestamp_{unit}"] = pa.concat_arrays([_from_ints(t, _instant_edges(unit)), _random(t, rng)])
        return columns

    return build


# Zones with offsets of 45 and 30 minutes, a 30-minute daylight saving (Lord Howe), a negative
# one in the zone data (Dublin), the extremes of offsets, and UTC under other names.
_MORE_ZONES = ["Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Kiritimati",
               "+14:00", "-12:00", "+00:00", "Etc/UTC"]


def _more_zones(rng: np.random.Generator) -> dict[str, pa.Array]:
    columns = {}
    for zone in _MORE_ZONES:
        t = pa.timestamp("ms", tz=zone)
        columns[zone] = pa.concat_arrays([_from_ints(t, _instant_edges("ms")), _random(t, rng)])
    return columns


def _durations(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    columns = {}
    for unit in _UNITS:
        t = pa.duration(unit)
        # A Python timedelta holds ±999,999,999 days: seconds and milliseconds stop there.
        coarse = unit in ("s", "ms")
        bound = 86_400 * 999_999_999 * _PER_SECOND[unit] if coarse else _INT64_MAX
        edges = [0, 1, -1, 1500, -1500, bound, -bound if coarse else _INT64_MIN, None]
        columns[str(t)] = _from_ints(t, edges + _ints(pyrng, RANDOM_ROWS, -bound, bound))
    return columns


def _intervals(rng: np.random.Generator) -> dict[str, pa.Array]:
    t = pa.month_day_nano_interval()
    edges = [(0, 0, 0), (1, 2, 3), (-1, -2, -3), (2**31 - 1, -(2**31), _INT64_MIN),
             (-(2**31), 2**31 - 1, _INT64_MAX), None]
    return {"month_day_nano": _with_edges(t, edges, rng)}


def _binaries(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    edges = [b"", b"\x00", b"\xff" * 12, bytes(range(13)), bytes(range(256)), None]
    blobs = edges + _nullify([pyrng.randbytes(pyrng.choice([0, 1, 12, 13, 40])) for _ in range(RANDOM_ROWS)], pyrng)
    return {
        "binary": _with_edges(pa.binary(), edges, rng),
        "large_binary": _with_edges(pa.large_binary(), edges, rng),
        "binary_view": pa.array(blobs, pa.binary_view()),
        "fixed_size_binary": _with_edges(pa.binary(3), [b"\x00\x00\x00", b"\xff\xfe\x01", None], rng),
    }


_STRING_EDGES = ["", "x" * 12, "x" * 13, "ü" * 6, "ü" * 7, "日本語のテキストです", "😀👍🏽🇯🇵 emoji", "e\u0301",
                 "nul \x00, tab \t, newline \n, quote \", backslash \\", "\u2028\u2029 separators", "\ufeff bom",
                 "\U0010ffff", "long " * 40, None]


def _strings(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    alphabet = "abc xyz é中😀\"\\\n"
    lengths = [pyrng.choice([0, 5, 12, 13, 30]) for _ in range(RANDOM_ROWS)]
    texts = _STRING_EDGES + _nullify(["".join(pyrng.choices(alphabet, k=k)) for k in lengths], pyrng)
    return {
        "string": _with_edges(pa.string(), _STRING_EDGES, rng),
        "large_string": _with_edges(pa.large_string(), _STRING_EDGES, rng),
        "string_view": pa.array(texts, pa.string_view()),
    }


def _lists(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    n = RANDOM_ROWS
    edges = [[], [None], [1, None, 3], None]
    day_and_bytes = pa.struct([("d", pa.date32()), ("b", pa.binary())])
    return {
        "list": _with_edges(pa.list_(pa.int32()), edges, rng),
        "list_of_timestamps": _random(pa.list_(pa.timestamp("ms", tz="America/New_York")), rng),
        "large_list": _with_edges(pa.large_list(pa.string()), [[], ["a", None, ""], None], rng),
        "fixed_size_list": _with_edges(pa.list_(pa.int16(), 3), [[1, None, -1], None, [0, 0, 0]], rng),
        "fixed_size_list_of_decimals": _random(pa.list_(pa.decimal128(10, 3), 2), rng),
        "list_of_lists": _with_edges(pa.list_(pa.large_list(pa.float64())), [[[], None, [1.5]], []], rng),
        "list_view": list_views(pyrng, n, pa.array(_ints(pyrng, 30, -(2**40), 2**40), pa.int64())),
        "large_list_view": list_views(pyrng, n, _random(pa.string(), rng, 25), large=True),
        "list_view_of_structs": list_views(pyrng, n, _random(day_and_bytes, rng, 20)),
    }


def _structs(rng: np.random.Generator) -> dict[str, pa.Array]:
    inner = pa.struct([("c", pa.string()), ("d", pa.list_(pa.timestamp("us", tz="Asia/Tokyo"))),
                       pa.field("e", pa.decimal64(12, 3), nullable=False)])
    return {
        "struct": _random(pa.struct([("a", pa.int64()), ("b", pa.float32()), ("n", pa.null())]), rng),
        "nested_struct": _random(pa.struct([("x", pa.uint64()), ("inner", inner), ("t", pa.time32("ms"))]), rng),
        "empty_names": _random(pa.struct([("", pa.bool_()), ("with space, \"quote\"", pa.int8())]), rng),
    }


def _maps(rng: np.random.Generator) -> dict[str, pa.Array]:
    return {
        "map": _with_edges(pa.map_(pa.string(), pa.int32()), [[], [("a", None), ("b", 2)], None], rng),
        "map_sorted_keys": _random(pa.map_(pa.int32(), pa.list_(pa.string()), keys_sorted=True), rng),
        "map_of_structs": _random(
            pa.map_(pa.large_string(), pa.struct([("d", pa.date64()), ("t", pa.time64("us"))])), rng),
        "map_of_temporal_keys": _random(pa.map_(pa.timestamp("s", tz="+05:30"), pa.duration("us")), rng),
    }


# Members of every kind, with type codes neither dense nor in order.
_UNION_MEMBERS = {
    "i": pa.int64(),
    "s": pa.string(),
    "t": pa.timestamp("ms", tz="America/New_York"),
    "l": pa.list_(pa.decimal128(7, 2)),
    "r": pa.struct([("m", pa.month_day_nano_interval()), ("b", pa.binary())]),
}
_UNION_CODES = [5, 2, 9, 0, 127]


def _unions(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    n = RANDOM_ROWS
    names, types = list(_UNION_MEMBERS), list(_UNION_MEMBERS.values())
    children = [_random(t, rng, n) for t in types]
    makers = [lambda k, t=t: _random(t, rng, k) for t in types]
    return {
        "sparse_union": sparse_union(pyrng, n, children, names, _UNION_CODES),
        "dense_union": dense_union(pyrng, n, makers, names, _UNION_CODES),
    }


def _dictionaries(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    n = RANDOM_ROWS
    words = pa.array(["red", None, "green", "a long colour name", "", "日本"])
    numbers = pa.array([10, -(2**63), 2**63 - 1, None, 0], pa.int64())
    columns = {}
    for index in (pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()):
        dictionary = words if index.bit_width % 16 == 0 else numbers
        indices = pa.array(_ints(pyrng, n, 0, len(dictionary) - 1), index)
        columns[f"dictionary_{index}"] = pa.DictionaryArray.from_arrays(indices, dictionary)
    dates = pa.array([datetime.date(2001, 2, 3), datetime.date(1, 1, 1), None])
    columns["dictionary_of_dates"] = pa.DictionaryArray.from_arrays(pa.array(_ints(pyrng, n, 0, 2), pa.int8()), dates)
    inner = pa.DictionaryArray.from_arrays(pa.array(_ints(pyrng, 3 * n, 0, 5), pa.int16()), words)
    columns["list_of_dictionary"] = pa.FixedSizeListArray.from_arrays(inner, 3)
    return columns


def _run_end_encoded(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    n = RANDOM_ROWS
    return {
        "ree_int16_strings": runs(pyrng, n, lambda k: _random(pa.string(), rng, k), pa.int16()),
        "ree_int32_floats": runs(pyrng, n, lambda k: _random(pa.float64(), rng, k), pa.int32()),
        "ree_int64_ints": runs(pyrng, n, lambda k: _random(pa.uint64(), rng, k), pa.int64()),
        "ree_of_timestamps": runs(pyrng, n, lambda k: _random(pa.timestamp("s", tz="UTC"), rng, k), pa.int32()),
        "ree_of_lists": runs(pyrng, n, lambda k: _random(pa.list_(pa.int8()), rng, k), pa.int16()),
    }


class _Unknown(pa.ExtensionType):
    """An extension type only this test knows: the tool reads it as its storage."""

    def __init__(self):
        super().__init__(pa.struct([("x", pa.float64()), ("y", pa.float64())]), "test.values.point")

    def __arrow_ext_serialize__(self) -> bytes:
        return b""

    @classmethod
    def __arrow_ext_deserialize__(cls, storage_type, serialized):
        return cls()


def _extensions(rng: np.random.Generator) -> dict[str, pa.Array]:
    pyrng = random.Random(int(rng.integers(2**62)))
    n = RANDOM_ROWS
    ids = [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1), uuid.UUID("01234567-89ab-cdef-0123-456789abcdef")]
    ids += _nullify([uuid.UUID(int=pyrng.getrandbits(128)) for _ in range(n)], pyrng)
    flags = [0, 1, 2, -1, 127, -128, None] + _ints(pyrng, n, -128, 127)
    texts = ['{"a": [1, 2.5, null]}', "[]", "3", '"text"', "null", " {\"spaced\" : true} ", None]
    texts += _nullify([json.dumps({"k": pyrng.random(), "s": "é😀"}) for _ in range(n)], pyrng)
    tensor = pa.fixed_shape_tensor(pa.float32(), [2, 3])
    uuid_bytes = pa.array([None if u is None else u.bytes for u in ids], pa.binary(16))
    uuids = pa.ExtensionArray.from_storage(pa.uuid(), uuid_bytes)
    uuid_offsets = pa.array(np.cumsum([0] + [i % 3 for i in range(len(uuids))]), pa.int32())  # 0 to 2 a list
    bools = pa.ExtensionArray.from_storage(pa.bool8(), pa.array(flags, pa.int8()))
    documents = pa.ExtensionArray.from_storage(pa.json_(), pa.array(texts, pa.string()))
    return {
        "uuid": uuids,
        "bool8": bools,
        "json": documents,
        "list_of_uuids": pa.ListArray.from_arrays(uuid_offsets, pa.concat_arrays([uuids, uuids])),
        "struct_of_extensions": pa.StructArray.from_arrays([bools[::-1], documents], names=["flag", "document"]),
        "fixed_shape_tensor": pa.ExtensionArray.from_storage(tensor, _random(tensor.storage_type, rng)),
        "opaque": pa.ExtensionArray.from_storage(pa.opaque(pa.binary(), "geometry", "PostGIS"),
                                                 _random(pa.binary(), rng)),
        "unknown": pa.ExtensionArray.from_storage(_Unknown(), _random(_Unknown().storage_type, rng)),
    }


@pytest.fixture(scope="module", autouse=True)
def unknown_registered():
    """Registers `_Unknown` in pyarrow, so that pyarrow reads it back as it wrote it."""
    pa.register_extension_type(_Unknown())
    try:
        yield
    finally:
        pa.unregister_extension_type("test.values.point")


@dataclasses.dataclass(frozen=True)
class Family:
    """A type family: columns built from a generator seeded by the family's name."""

    name: str
    build: Callable[[np.random.Generator], dict[str, pa.Array]]

    def table(self) -> pa.Table:
        columns = self.build(np.random.default_rng(zlib.crc32(self.name.encode())))
        # Columns with more edge cases than others lose random rows at their end.
        rows = min(len(array) for array in columns.values())
        return pa.table({name: array.slice(0, rows) for name, array in columns.items()})


FAMILIES = [
    Family("null", lambda rng: {"null": pa.nulls(RANDOM_ROWS)}),
    Family("bool", lambda rng: {"bool": _with_edges(pa.bool_(), [True, False, None], rng)}),
    Family("integers", _integers),
    Family("floats", _floats),
    Family("decimals", _decimals),
    Family("dates", _dates),
    Family("times", _times),
    Family("timestamps", _timestamps(None)),
    Family("timestamps_utc", _timestamps("UTC")),
    Family("timestamps_new_york", _timestamps("America/New_York")),
    Family("timestamps_tokyo", _timestamps("Asia/Tokyo")),
    Family("timestamps_plus_05_30", _timestamps("+05:30")),
    Family("timestamps_minus_03_00", _timestamps("-03:00")),
    Family("timestamps_more_zones", _more_zones),
    Family("durations", _durations),
    Family("intervals", _intervals),
    Family("binaries", _binaries),
    Family("strings", _strings),
    Family("lists", _lists),
    Family("structs", _structs),
    Family("maps", _maps),
    Family("unions", _unions),
    Family("dictionaries", _dictionaries),
    Family("run_end_encoded", _run_end_encoded),
    Family("extensions", _extensions),
]


# ---------------------------------------------------------------------------------------------
# pyarrow's values


@dataclasses.dataclass(frozen=True)
class Nanos:
    """A nanosecond value pyarrow converted floored to a microsecond, and the nanoseconds left."""

    value: object
    extra: int


def _is_nanosecond_temporal(t: pa.DataType) -> bool:
    return (pa.types.is_timestamp(t) or pa.types.is_time64(t) or pa.types.is_duration(t)) and t.unit == "ns"


def python_values(column: pa.ChunkedArray) -> list:
    """`column.to_pylist()`; for nanosecond units, `Nanos` of the value floored to a microsecond."""
    if not _is_nanosecond_temporal(column.type):
        return column.to_pylist()
    stored = pa.chunked_array([chunk.view(pa.int64()) for chunk in column.chunks], pa.int64()).to_pylist()
    extras = [None if v is None else (v % 1000 if v - v % 1000 >= _INT64_MIN else v % 1000 - 1000) for v in stored]
    floored = pa.array([None if v is None else v - e for v, e in zip(stored, extras)], pa.int64()).view(column.type)
    return [None if v is None else Nanos(p, e) for p, v, e in zip(floored.to_pylist(), stored, extras)]


def union_member_types(column: pa.ChunkedArray) -> list[pa.DataType]:
    """The type of the member each slot of a top-level union column chose."""
    t = column.type
    by_code = {code: t.field(i).type for i, code in enumerate(t.type_codes)}
    return [by_code[scalar.type_code] for scalar in column]


# ---------------------------------------------------------------------------------------------
# Comparing


class Mismatch(AssertionError):
    """A value of ours differs from pyarrow's after normalisation."""


def _fail(where: str, got, want, t: pa.DataType, why: str = "") -> None:
    raise Mismatch(f"{where} ({t}): expected {want!r}, got {got!r}" + (f": {why}" if why else ""))


def _offset_text(offset: datetime.timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}:{minutes:02}" + (f":{seconds:02}" if seconds else "")


_TIMESTAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d(?::\d\d)?)?")
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(?:\.(\d+))?")
_DURATION = re.compile(r"(-?\d+) (s|ms|us|ns)")
_INTERVAL = re.compile(r"(-?\d+)M(-?\d+)d(-?\d+)ns")


def _split_nanos(want) -> tuple[object, int]:
    return (want.value, want.extra) if isinstance(want, Nanos) else (want, 0)


def _fraction(text: str | None, unit: str, where: str, got, want, t) -> int:
    """Nanoseconds of the fraction `text`, which must have the unit's digits."""
    digits = _UNIT_DIGITS[unit]
    if len(text or "") != digits:
        _fail(where, got, want, t, f"a {unit} value has {digits} fraction digits")
    return int((text or "0").ljust(9, "0"))


def _check_timestamp(got, want, t: pa.TimestampType, where: str) -> None:
    value, extra = _split_nanos(want)
    assert 0 <= extra < 1000, (where, want)
    match = _TIMESTAMP.fullmatch(got) if isinstance(got, str) else None
    if match is None:
        _fail(where, got, want, t, "not a YYYY-MM-DD HH:MM:SS[.fraction][offset] string")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    wall = datetime.datetime(year, month, day, hour, minute, second)
    if wall != value.replace(tzinfo=None, microsecond=0):
        _fail(where, got, want, t, "the wall time differs")
    nanoseconds = _fraction(match.group(7), t.unit, where, got, want, t)
    if nanoseconds != value.microsecond * 1000 + extra:
        _fail(where, got, want, t, "the fraction of a second differs")
    suffix = match.group(8)
    if t.tz is None:
        expected_suffix, offset = None, datetime.timedelta(0)
    else:
        offset = value.utcoffset()
        expected_suffix = "Z" if t.tz == "UTC" else _offset_text(offset)
    if suffix != expected_suffix:
        _fail(where, got, want, t, f"the offset should be {expected_suffix!r}")
    # The instant the text names, in nanoseconds since the epoch, against pyarrow's.
    parsed_offset = datetime.timedelta(0)
    if suffix not in (None, "Z"):
        sign = -1 if suffix[0] == "-" else 1
        parts = [int(part) for part in suffix[1:].split(":")] + [0]
        parsed_offset = sign * datetime.timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])
    instant = ((wall - parsed_offset - _EPOCH) // datetime.timedelta(microseconds=1)) * 1000 + nanoseconds
    naive = value if t.tz is None else value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    expected_instant = ((naive - _EPOCH) // datetime.timedelta(microseconds=1)) * 1000 + extra
    if instant != expected_instant:
        _fail(where, got, want, t, "the instant differs")


def _check_time(got, want, t: pa.DataType, where: str) -> None:
    value, extra = _split_nanos(want)
    match = _TIME.fullmatch(got) if isinstance(got, str) else None
    if match is None:
        _fail(where, got, want, t, "not an HH:MM:SS[.fraction] string")
    clock = tuple(int(g) for g in match.groups()[:3])
    if clock != (value.hour, value.minute, value.second):
        _fail(where, got, want, t)
    if _fraction(match.group(4), t.unit, where, got, want, t) != value.microsecond * 1000 + extra:
        _fail(where, got, want, t, "the fraction of a second differs")


def _check_duration(got, want, t: pa.DataType, where: str) -> None:
    value, extra = _split_nanos(want)
    match = _DURATION.fullmatch(got) if isinstance(got, str) else None
    if match is None or match.group(2) != t.unit:
        _fail(where, got, want, t, f"not a '<count> {t.unit}' string")
    microseconds = value // datetime.timedelta(microseconds=1)
    nanoseconds = microseconds * 1000 + extra
    if int(match.group(1)) * (1_000_000_000 // _PER_SECOND[t.unit]) != nanoseconds:
        _fail(where, got, want, t)


def _check_float(got, want: float, t: pa.DataType, where: str) -> None:
    if math.isnan(want) or math.isinf(want):
        # JSON has no NaN or infinity: the convention is null.
        if got is not None:
            _fail(where, got, want, t, "NaN and infinities are null in JSON")
        return
    if not isinstance(got, (int, float)) or isinstance(got, bool):
        _fail(where, got, want, t, "not a JSON number")
    width = t.to_pandas_dtype()
    if width(got) != width(want) or math.copysign(1, got) != math.copysign(1, want):
        _fail(where, got, want, t, f"does not read back as the same {t}")


def check(got, want, t: pa.DataType, where: str) -> None:
    """Raises `Mismatch` unless our JSON value `got` is pyarrow's `want` after normalisation."""
    if isinstance(t, pa.BaseExtensionType):
        if t.extension_name == "arrow.uuid":
            return None if got == (None if want is None else str(want)) else _fail(where, got, want, t)
        if t.extension_name == "arrow.bool8":
            return None if got is want else _fail(where, got, want, t)
        if t.extension_name == "arrow.json":
            # The stored text as a JSON string, not parsed into the output.
            return None if got == want else _fail(where, got, want, t)
        return check(got, want, t.storage_type, where)
    if pa.types.is_dictionary(t) or pa.types.is_run_end_encoded(t):
        return check(got, want, t.value_type, where)
    if want is None:
        return None if got is None else _fail(where, got, want, t, "a null is JSON null")
    if pa.types.is_boolean(t):
        return None if got is want else _fail(where, got, want, t)
    if pa.types.is_integer(t):
        return None if type(got) is int and got == want else _fail(where, got, want, t, "not the same JSON integer")
    if pa.types.is_floating(t):
        return _check_float(got, want, t, where)
    if pa.types.is_decimal(t):
        text = format(want, "f")
        return None if got == text else _fail(where, got, want, t, f"the exact text is {text!r}")
    if pa.types.is_date(t):
        return None if got == want.isoformat() else _fail(where, got, want, t)
    if pa.types.is_time(t):
        return _check_time(got, want, t, where)
    if pa.types.is_timestamp(t):
        return _check_timestamp(got, want, t, where)
    if pa.types.is_duration(t):
        return _check_duration(got, want, t, where)
    if t == pa.month_day_nano_interval():
        match = _INTERVAL.fullmatch(got) if isinstance(got, str) else None
        if match is None or tuple(int(g) for g in match.groups()) != (want.months, want.days, want.nanoseconds):
            _fail(where, got, want, t, "not '<months>M<days>d<nanoseconds>ns'")
        return None
    if isinstance(want, bytes):
        return None if got == want.hex() else _fail(where, got, want, t, "binary is lowercase hex")
    if isinstance(want, str):
        return None if got == want else _fail(where, got, want, t)
    if pa.types.is_struct(t):
        names = [t.field(i).name for i in range(t.num_fields)]
        if not isinstance(got, dict) or list(got) != names:
            _fail(where, got, want, t, f"an object of the fields {names} in order")
        for i, name in enumerate(names):
            check(got[name], want[name], t.field(i).type, f"{where}.{name}")
        return None
    if pa.types.is_map(t):
        if not isinstance(got, list) or len(got) != len(want):
            _fail(where, got, want, t, "an array of the entries")
        for i, (entry, (key, value)) in enumerate(zip(got, want)):
            if not isinstance(entry, dict) or list(entry) != ["key", "value"]:
                _fail(f"{where}[{i}]", entry, (key, value), t, 'an entry is {"key": …, "value": …}')
            check(entry["key"], key, t.key_type, f"{where}[{i}].key")
            check(entry["value"], value, t.item_type, f"{where}[{i}].value")
        return None
    if isinstance(t, (pa.ListType, pa.LargeListType, pa.FixedSizeListType, pa.ListViewType, pa.LargeListViewType)):
        if not isinstance(got, list) or len(got) != len(want):
            _fail(where, got, want, t, "an array of the same length")
        for i, (item, wanted) in enumerate(zip(got, want)):
            check(item, wanted, t.value_type, f"{where}[{i}]")
        return None
    if pa.types.is_null(t):
        return _fail(where, got, want, t, "a null column holds only nulls")
    raise NotImplementedError(f"{where}: no normalisation for {t}")


# ---------------------------------------------------------------------------------------------
# The test


def _parse_jsonl(stdout: bytes) -> list[dict]:
    def no_constants(name: str):
        raise ValueError(f"{name} is not JSON")

    lines = stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "the output ends with a newline"
    return [json.loads(line, parse_constant=no_constants) for line in lines[:-1]]


def _batches(table: pa.Table) -> list[pa.RecordBatch]:
    """The table in batches of BATCH_ROWS rows, with an empty batch second."""
    batches = split(table, BATCH_ROWS)
    assert len(batches) >= 3, "several batches"
    return [batches[0], batches[0].slice(0, 0), *batches[1:]]


def test_every_family_is_tested():
    """Each type id pyarrow writes to IPC appears in some family (top level or nested)."""
    seen: set[int] = set()

    def visit(t: pa.DataType) -> None:
        seen.add(t.id)
        if isinstance(t, pa.BaseExtensionType):
            visit(t.storage_type)
        elif pa.types.is_dictionary(t):
            visit(t.index_type)
            visit(t.value_type)
        elif pa.types.is_run_end_encoded(t):
            visit(t.run_end_type)
            visit(t.value_type)
        else:
            for i in range(t.num_fields):
                visit(t.field(i).type)

    for family in FAMILIES:
        for field in family.table().schema:
            visit(field.type)
    wanted = [pa.null(), pa.bool_(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(),
              pa.uint32(), pa.uint64(), pa.float16(), pa.float32(), pa.float64(), pa.decimal32(9, 2),
              pa.decimal64(18, 2), pa.decimal128(38, 2), pa.decimal256(76, 2), pa.date32(), pa.date64(),
              pa.time32("s"), pa.time64("ns"), pa.timestamp("s"), pa.duration("s"), pa.month_day_nano_interval(),
              pa.binary(), pa.large_binary(), pa.binary_view(), pa.binary(3), pa.string(), pa.large_string(),
              pa.string_view(), pa.list_(pa.int8()), pa.large_list(pa.int8()), pa.list_(pa.int8(), 2),
              pa.list_view(pa.int8()), pa.large_list_view(pa.int8()), pa.struct([]), pa.map_(pa.int8(), pa.int8()),
              pa.sparse_union([]), pa.dense_union([]), pa.dictionary(pa.int8(), pa.string()),
              pa.run_end_encoded(pa.int16(), pa.int8()), pa.uuid()]
    missing = [str(t) for t in wanted if t.id not in seen]
    assert not missing, f"no family has {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_values_equal_pyarrow(cli, tmp_path: Path, family: Family, fmt: str):
    table = family.table()
    path = tmp_path / f"{family.name}.{EXTENSION[fmt]}"
    write_ipc(path, table.schema, _batches(table), fmt)
    stored = read_ipc(path).table
    assert_same_table(table, stored)  # pyarrow reads back what it wrote

    rows = _parse_jsonl(cli.ok("cat", path, "--output", "jsonl").stdout)
    assert len(rows) == table.num_rows, f"expected {table.num_rows} rows, got {len(rows)}"
    assert all(list(row) == table.column_names for row in rows), "each row has the columns in order"
    for c, field in enumerate(stored.schema):
        column = stored.column(c)
        values = python_values(column)
        types = union_member_types(column) if pa.types.is_union(field.type) else [field.type] * len(values)
        for r, (row, want, t) in enumerate(zip(rows, values, types)):
            check(row[field.name], want, t, f"{family.name} ({fmt}), column {field.name!r}, row {r}")
