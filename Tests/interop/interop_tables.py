"""Seeded, reproducible Arrow data for the interop suite, made with pyarrow and numpy.

`random_array(type, n, rng, null_probability)` makes a valid array of any classic Arrow type
(nested ones recursively). `pyarrow_cases()` lists the named edge cases and random tables that
every conversion test runs over. Everything is derived from fixed seeds, so a failure names a case
that reproduces exactly.
"""

from __future__ import annotations

import dataclasses
import decimal
import functools
import random
from typing import Callable

import numpy as np
import pyarrow as pa

# Every classic Arrow type of the first issue, as one column each (view, union, dictionary,
# run-end encoded and extension types come later; year-month and day-time intervals cannot be made
# from pyarrow, so they are covered by the Swift golden-file tests instead).
CLASSIC_TYPES: dict[str, pa.DataType] = {
    "null": pa.null(),
    "bool": pa.bool_(),
    "int8": pa.int8(),
    "int16": pa.int16(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "uint8": pa.uint8(),
    "uint16": pa.uint16(),
    "uint32": pa.uint32(),
    "uint64": pa.uint64(),
    "float16": pa.float16(),
    "float32": pa.float32(),
    "float64": pa.float64(),
    "decimal32": pa.decimal32(9, 2),
    "decimal64": pa.decimal64(18, 4),
    "decimal128": pa.decimal128(38, 10),
    "decimal128_small": pa.decimal128(5, 0),
    "decimal256": pa.decimal256(76, 20),
    "date32": pa.date32(),
    "date64": pa.date64(),
    "time32_s": pa.time32("s"),
    "time32_ms": pa.time32("ms"),
    "time64_us": pa.time64("us"),
    "time64_ns": pa.time64("ns"),
    "timestamp_s": pa.timestamp("s"),
    "timestamp_ms": pa.timestamp("ms"),
    "timestamp_us": pa.timestamp("us"),
    "timestamp_ns": pa.timestamp("ns"),
    "timestamp_s_utc": pa.timestamp("s", tz="UTC"),
    "timestamp_ms_new_york": pa.timestamp("ms", tz="America/New_York"),
    "timestamp_us_offset": pa.timestamp("us", tz="+05:30"),
    "timestamp_ns_tokyo": pa.timestamp("ns", tz="Asia/Tokyo"),
    "duration_s": pa.duration("s"),
    "duration_ms": pa.duration("ms"),
    "duration_us": pa.duration("us"),
    "duration_ns": pa.duration("ns"),
    "interval_month_day_nano": pa.month_day_nano_interval(),
    "binary": pa.binary(),
    "large_binary": pa.large_binary(),
    "string": pa.string(),
    "large_string": pa.large_string(),
    "fixed_size_binary": pa.binary(5),
    "list": pa.list_(pa.int32()),
    "list_named_non_null_items": pa.list_(pa.field("element", pa.string(), nullable=False)),
    "large_list": pa.large_list(pa.float64()),
    "fixed_size_list": pa.list_(pa.int16(), 3),
    "struct": pa.struct(
        [("a", pa.int64()), ("b", pa.string()), pa.field("c", pa.bool_(), nullable=False)]
    ),
    "map": pa.map_(pa.string(), pa.int32()),
    "map_sorted_keys": pa.map_(pa.int32(), pa.list_(pa.string()), keys_sorted=True),
    "list_of_struct": pa.list_(pa.struct([("x", pa.float32()), ("y", pa.large_string())])),
    "struct_of_lists": pa.struct(
        [("ints", pa.large_list(pa.uint8())), ("fixed", pa.list_(pa.binary(2), 2))]
    ),
    "map_of_structs": pa.map_(pa.large_string(), pa.struct([("d", pa.date32()), ("t", pa.time64("ns"))])),
}

_ALPHABET = list("abcxyzAZ09 ,;\"'\t\n\r\\/") + ["é", "ß", "中", "文", "😀", "🇫🇷", "\u0301", "\u200f", "\x00"]
_SECONDS_PER_DAY = 86_400
_UNIT_PER_SECOND = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def _mask(n: int, rng: np.random.Generator, null_probability: float) -> np.ndarray | None:
    if null_probability <= 0:
        return None
    return rng.random(n) < null_probability


def _pa_mask(mask: np.ndarray | None) -> pa.Array | None:
    return None if mask is None else pa.array(mask, type=pa.bool_())


def _python_values(values: list, mask: np.ndarray | None) -> list:
    if mask is None:
        return values
    return [None if null else v for v, null in zip(values, mask)]


def _random_decimal(t: pa.DataType, pyrng: random.Random) -> decimal.Decimal:
    digits = pyrng.randint(0, t.precision)
    unscaled = pyrng.randint(0, 10**digits - 1) if digits else 0
    if pyrng.random() < 0.5:
        unscaled = -unscaled
    return decimal.Decimal(unscaled).scaleb(-t.scale)


def _random_string(pyrng: random.Random, max_length: int = 12) -> str:
    return "".join(pyrng.choice(_ALPHABET) for _ in range(pyrng.randint(0, max_length)))


def _offsets(lengths: np.ndarray, dtype) -> pa.Array:
    offsets = np.zeros(len(lengths) + 1, dtype=dtype)
    np.cumsum(lengths, out=offsets[1:])
    return pa.array(offsets)


def _fixed_width(storage: pa.DataType, values: np.ndarray, mask, t: pa.DataType) -> pa.Array:
    return pa.array(values, type=storage, mask=mask).view(t)


def random_array(t: pa.DataType, n: int, rng: np.random.Generator, null_probability: float) -> pa.Array:
    """A valid array of type `t` and length `n`; each slot null with `null_probability`.

    Child fields declared non-nullable get no nulls. Null list slots may still span child values,
    as the format allows.
    """
    pyrng = random.Random(int(rng.integers(2**62)))
    mask = _mask(n, rng, null_probability)
    if pa.types.is_null(t):
        return pa.nulls(n)
    if pa.types.is_boolean(t):
        return pa.array(rng.random(n) < 0.5, type=t, mask=mask)
    if pa.types.is_integer(t):
        dtype = np.dtype(t.to_pandas_dtype())
        info = np.iinfo(dtype)
        values = rng.integers(info.min, info.max, size=n, dtype=dtype, endpoint=True)
        if n >= 3:
            values[0], values[1], values[2] = info.min, info.max, 0
        return pa.array(values, type=t, mask=mask)
    if pa.types.is_floating(t):
        scale = 10.0 ** rng.integers(-20, 20, size=n)
        values = rng.standard_normal(n) * scale
        if pa.types.is_float16(t):
            values = np.clip(rng.standard_normal(n) * 100, -60000, 60000).astype(np.float16)
        return pa.array(values.astype(t.to_pandas_dtype()), type=t, mask=mask)
    if pa.types.is_decimal(t):
        values = [_random_decimal(t, pyrng) for _ in range(n)]
        return pa.array(_python_values(values, mask), type=t)
    if pa.types.is_date32(t):
        return _fixed_width(pa.int32(), rng.integers(-719_162, 2_932_896, size=n, dtype=np.int32), mask, t)
    if pa.types.is_date64(t):
        days = rng.integers(-719_162, 2_932_896, size=n).astype(np.int64)
        return _fixed_width(pa.int64(), days * _SECONDS_PER_DAY * 1000, mask, t)
    if pa.types.is_time32(t):
        bound = _SECONDS_PER_DAY * _UNIT_PER_SECOND[t.unit]
        return _fixed_width(pa.int32(), rng.integers(0, bound, size=n, dtype=np.int32), mask, t)
    if pa.types.is_time64(t):
        bound = _SECONDS_PER_DAY * _UNIT_PER_SECOND[t.unit]
        return _fixed_width(pa.int64(), rng.integers(0, bound, size=n, dtype=np.int64), mask, t)
    if pa.types.is_timestamp(t):
        per_second = _UNIT_PER_SECOND[t.unit]
        seconds = rng.integers(-(2**32), 2**32, size=n, dtype=np.int64)
        values = seconds * per_second + rng.integers(0, per_second, size=n, dtype=np.int64)
        return _fixed_width(pa.int64(), values, mask, t)
    if pa.types.is_duration(t):
        values = rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, size=n, dtype=np.int64)
        return _fixed_width(pa.int64(), values, mask, t)
    if t == pa.month_day_nano_interval():
        values = [
            (pyrng.randint(-(2**31), 2**31 - 1), pyrng.randint(-(2**31), 2**31 - 1), pyrng.randint(-(2**63), 2**63 - 1))
            for _ in range(n)
        ]
        return pa.array(_python_values(values, mask), type=t)
    if pa.types.is_fixed_size_binary(t):
        values = [pyrng.randbytes(t.byte_width) for _ in range(n)]
        return pa.array(_python_values(values, mask), type=t)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        values = [pyrng.randbytes(pyrng.randint(0, 20)) for _ in range(n)]
        return pa.array(_python_values(values, mask), type=t)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        values = [_random_string(pyrng) for _ in range(n)]
        return pa.array(_python_values(values, mask), type=t)
    if pa.types.is_map(t):
        lengths = rng.integers(0, 4, size=n)
        total = int(lengths.sum())
        if t.keys_sorted:
            if not pa.types.is_integer(t.key_type):
                raise NotImplementedError("sorted map keys are generated for integer key types only")
            keys = pa.array(np.concatenate([np.arange(k) for k in lengths] + [np.arange(0)]), type=t.key_type)
        else:
            keys = random_array(t.key_type, total, rng, 0.0)
        item_field = t.item_field
        items = random_array(item_field.type, total, rng, null_probability if item_field.nullable else 0.0)
        return pa.MapArray.from_arrays(_offsets(lengths, np.int32), keys, items, type=t, mask=_pa_mask(mask))
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        lengths = rng.integers(0, 4, size=n)
        field = t.value_field
        child = random_array(field.type, int(lengths.sum()), rng, null_probability if field.nullable else 0.0)
        if pa.types.is_list(t):
            return pa.ListArray.from_arrays(_offsets(lengths, np.int32), child, type=t, mask=_pa_mask(mask))
        return pa.LargeListArray.from_arrays(_offsets(lengths, np.int64), child, type=t, mask=_pa_mask(mask))
    if pa.types.is_fixed_size_list(t):
        field = t.value_field
        child = random_array(field.type, n * t.list_size, rng, null_probability if field.nullable else 0.0)
        return pa.FixedSizeListArray.from_arrays(child, type=t, mask=_pa_mask(mask))
    if pa.types.is_struct(t):
        fields = [t.field(i) for i in range(t.num_fields)]
        children = [random_array(f.type, n, rng, null_probability if f.nullable else 0.0) for f in fields]
        return pa.StructArray.from_arrays(children, fields=fields, mask=_pa_mask(mask))
    raise NotImplementedError(f"no generator for {t}")


def random_batch(schema: pa.Schema, n: int, rng: np.random.Generator, null_probability: float) -> pa.RecordBatch:
    """A valid batch of `n` rows for `schema`; non-nullable top-level fields get no nulls."""
    columns = [random_array(f.type, n, rng, null_probability if f.nullable else 0.0) for f in schema]
    batch = pa.RecordBatch.from_arrays(columns, schema=schema)
    batch.validate(full=True)
    return batch


def split(table: pa.Table, batch_size: int | None) -> list[pa.RecordBatch]:
    """The table as record batches of at most `batch_size` rows (one batch when None)."""
    table = table.combine_chunks()
    if batch_size is None:
        return table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
    return table.to_batches(max_chunksize=batch_size)


# ---------------------------------------------------------------------------------------------
# Named cases


@dataclasses.dataclass(frozen=True)
class Case:
    """A named source: schema plus the exact batches to write (empty ones included)."""

    name: str
    build: Callable[[], tuple[pa.Schema, list[pa.RecordBatch]]]

    @functools.cached_property
    def data(self) -> tuple[pa.Schema, list[pa.RecordBatch]]:
        schema, batches = self.build()
        for batch in batches:
            assert batch.schema.equals(schema, check_metadata=False), (self.name, batch.schema, schema)
            batch.validate(full=True)
        return schema, batches

    @property
    def schema(self) -> pa.Schema:
        return self.data[0]

    @property
    def batches(self) -> list[pa.RecordBatch]:
        return self.data[1]

    def __repr__(self) -> str:
        return f"Case({self.name})"


def classic_schema(nullable: bool = True, metadata: dict | None = None) -> pa.Schema:
    """One column per classic type."""
    fields = [pa.field(name, t, nullable=nullable or pa.types.is_null(t)) for name, t in CLASSIC_TYPES.items()]
    return pa.schema(fields, metadata=metadata)


def _classic(null_probability: float, batch_size: int | None, rows: int = 200, seed: int = 1) -> Case:
    def build():
        rng = np.random.default_rng(seed)
        schema = classic_schema(nullable=null_probability > 0, metadata={"case": "classic types"})
        table = pa.Table.from_batches([random_batch(schema, rows, rng, null_probability)])
        return schema, split(table, batch_size)

    nulls = f"nulls{int(null_probability * 100)}"
    return Case(f"classic-{nulls}-batch{batch_size or 'all'}", build)


def _random_type(pyrng: random.Random, depth: int = 0) -> pa.DataType:
    leaves = [t for t in CLASSIC_TYPES.values() if not pa.types.is_nested(t)]
    if depth >= 3 or pyrng.random() < 0.6:
        return pyrng.choice(leaves)
    kind = pyrng.choice(["list", "large_list", "fixed_size_list", "struct", "map"])
    if kind == "list":
        return pa.list_(_random_type(pyrng, depth + 1))
    if kind == "large_list":
        return pa.large_list(_random_type(pyrng, depth + 1))
    if kind == "fixed_size_list":
        return pa.list_(_random_type(pyrng, depth + 1), pyrng.randint(1, 3))
    if kind == "struct":
        return pa.struct([(f"f{i}", _random_type(pyrng, depth + 1)) for i in range(pyrng.randint(1, 3))])
    key = pyrng.choice([pa.string(), pa.int64(), pa.binary(), pa.date32()])
    return pa.map_(key, _random_type(pyrng, depth + 1))


def _random_case(seed: int) -> Case:
    def build():
        pyrng = random.Random(seed)
        rng = np.random.default_rng(seed)
        fields = [
            pa.field(f"c{i}", t, nullable=pyrng.random() < 0.8 or pa.types.is_null(t))
            for i, t in enumerate(_random_type(pyrng) for _ in range(pyrng.randint(1, 12)))
        ]
        schema = pa.schema(fields)
        rows = pyrng.choice([0, 1, 2, 7, 64, 65, 300, 1000])
        null_probability = pyrng.choice([0.0, 0.05, 0.5, 1.0])
        table = pa.Table.from_batches([random_batch(schema, rows, rng, null_probability)])
        batch_size = pyrng.choice([None, 1, 3, 64, 100])
        if rows > 200 and batch_size == 1:
            batch_size = 10
        return schema, split(table, batch_size)

    return Case(f"random-seed{seed}", build)


def _empty_batches() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(3)
    schema = pa.schema([("i", pa.int32()), ("s", pa.string()), ("l", pa.list_(pa.int8()))])
    def batch(n):
        return random_batch(schema, n, rng, 0.3)
    return schema, [batch(0), batch(3), batch(0), batch(0), batch(5), batch(0)]


def _zero_batches() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    schema = classic_schema(metadata={"only": "a schema", "rows": "0"})
    return schema, []


def _one_empty_batch() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    schema = classic_schema()
    return schema, [random_batch(schema, 0, np.random.default_rng(4), 0.5)]


def _no_columns() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    schema = pa.schema([], metadata={"columns": "none"})
    return schema, [pa.RecordBatch.from_pylist([], schema=schema)]


def _sliced_table() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(5)
    schema = classic_schema()
    table = pa.Table.from_batches([random_batch(schema, 300, rng, 0.3)])
    # A slice at an odd offset: bitmaps start mid-byte, offsets do not start at zero.
    sliced = table.slice(13, 250)
    return schema, sliced.to_batches(max_chunksize=57)


def _sliced_batches() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(6)
    schema = classic_schema()
    batches = []
    for offset, length in [(1, 50), (3, 0), (7, 33), (8, 64), (63, 2), (0, 99)]:
        batch = random_batch(schema, 128, rng, 0.4)
        batches.append(batch.slice(offset, length))
    return schema, batches


def _nonzero_first_offsets() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    offsets = pa.py_buffer(np.array([4, 6, 6, 9, 14], dtype=np.int32).tobytes())
    large_offsets = pa.py_buffer(np.array([4, 6, 6, 9, 14], dtype=np.int64).tobytes())
    data = pa.py_buffer(b"xxxxabcdefghijzzz")
    validity = pa.py_buffer(bytes([0b1011]))
    strings = pa.Array.from_buffers(pa.string(), 4, [validity, offsets, data], null_count=1)
    large = pa.Array.from_buffers(pa.large_binary(), 4, [None, large_offsets, data])
    child = pa.array(range(20), type=pa.int16())
    lists = pa.Array.from_buffers(pa.list_(pa.int16()), 4, [None, offsets], children=[child])
    schema = pa.schema([("s", pa.string()), ("b", pa.large_binary()), ("l", pa.list_(pa.int16()))])
    return schema, [pa.RecordBatch.from_arrays([strings, large, lists], schema=schema)]


def _unicode() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    values = [
        "", "plain ascii", "é à ü ß", "日本語のテキスト", "emoji 😀👍🏽🇯🇵", "e\u0301 (combining)",
        "right-to-left \u05e9\u05dc\u05d5\u05dd", "nul \x00 inside", "tab\tnewline\ncr\r", "\ufeffbom",
        "\U0010ffff last code point", "quote \" comma , semicolon ;", None, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ]
    schema = pa.schema(
        [pa.field("text ✓", pa.string()), ("large_text", pa.large_string()), ("名前", pa.binary())],
        metadata={"ключ": "значение", "emoji 🔑": "🗝️"},
    )
    batch = pa.RecordBatch.from_arrays(
        [
            pa.array(values, pa.string()),
            pa.array(list(reversed(values)), pa.large_string()),
            pa.array([None if v is None else v.encode("utf-8") for v in values], pa.binary()),
        ],
        schema=schema,
    )
    return schema, [batch, batch.slice(5, 6)]


def _long_strings() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    pyrng = random.Random(7)
    chunk = "".join(pyrng.choice(_ALPHABET) for _ in range(1000))
    long_value = (chunk * 1600)[:1_500_000]  # > 1 MB of UTF-8
    values = ["short", long_value, None, long_value[::-1], "é" * 600_000]
    schema = pa.schema([("s", pa.string()), ("ls", pa.large_string()), ("b", pa.binary())])
    batch = pa.RecordBatch.from_arrays(
        [
            pa.array(values, pa.string()),
            pa.array(values[::-1], pa.large_string()),
            pa.array([None, pyrng.randbytes(1_200_000), b"", b"x", None], pa.binary()),
        ],
        schema=schema,
    )
    return schema, [batch]


def deep_type(levels: int = 10) -> pa.DataType:
    """list<struct<x: list<struct<...<int32>...>>, y: string>> nested `levels` deep."""
    t: pa.DataType = pa.int32()
    for level in range(levels):
        if level % 2 == 0:
            t = pa.list_(t)
        else:
            t = pa.struct([("x", t), ("y", pa.string())])
    return t


def _deep_nesting() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(8)
    mixed: pa.DataType = pa.int8()
    mixed = pa.list_(mixed, 2)
    mixed = pa.large_list(mixed)
    mixed = pa.struct([("a", mixed), ("b", pa.map_(pa.string(), mixed))])
    mixed = pa.list_(mixed)
    mixed = pa.map_(pa.int64(), mixed)
    mixed = pa.large_list(mixed)
    mixed = pa.struct([("deep", mixed)])
    mixed = pa.list_(mixed, 1)
    mixed = pa.list_(mixed)
    schema = pa.schema([("deep10", deep_type(10)), ("deep12", deep_type(12)), ("mixed", mixed)])
    return schema, [random_batch(schema, 40, rng, 0.2), random_batch(schema, 25, rng, 0.0)]


def _metadata() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(9)
    inner = pa.field("item", pa.int32(), metadata={"level": "list item"})
    struct_child = pa.field("child", pa.string(), metadata={"level": "struct child", "": "empty key"})
    schema = pa.schema(
        [
            pa.field("a", pa.int64(), metadata={"unit": "m", "description": "distance, in metres"}),
            pa.field("b", pa.list_(inner), metadata={"empty value": ""}),
            pa.field("c", pa.struct([struct_child]), nullable=False, metadata={"x": "1", "y": "2", "z": "3"}),
            pa.field("d", pa.string()),
        ],
        metadata={
            "pandas-like": '{"index_columns": [], "column_indexes": []}',
            "ünïcödé": "välüé",
            "": "",
            "long": "v" * 10_000,
        },
    )
    return schema, [random_batch(schema, 20, rng, 0.0), random_batch(schema, 7, rng, 0.0)]


def _many_columns() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(10)
    kinds = [pa.int32(), pa.float64(), pa.string(), pa.bool_(), pa.list_(pa.int64())]
    schema = pa.schema([(f"column_{i:03d}", kinds[i % len(kinds)]) for i in range(500)])
    return schema, [random_batch(schema, 100, rng, 0.1), random_batch(schema, 17, rng, 0.1)]


def _special_floats() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    specials = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, 1.7976931348623157e308, -1.5, None]
    quiet_nan_with_payload = np.array([0x7FF8_0000_0000_1234], dtype=np.uint64).view(np.float64)[0]
    schema = pa.schema([("f16", pa.float16()), ("f32", pa.float32()), ("f64", pa.float64())])
    f64 = pa.array(specials + [float(quiet_nan_with_payload)], pa.float64())
    mask = np.array([v is None for v in specials] + [False])
    plain = [0.0 if v is None else v for v in specials] + [float("nan")]
    with np.errstate(over="ignore"):  # the largest double becomes infinity in the narrower types
        f32 = pa.array(np.array(plain, dtype=np.float32), mask=mask)
        f16 = pa.array(np.array(plain, dtype=np.float16), mask=mask)
    return schema, [pa.RecordBatch.from_arrays([f16, f32, f64], schema=schema)]


def _duplicate_names() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    rng = np.random.default_rng(11)
    schema = pa.schema(
        [
            ("x", pa.int32()),
            ("x", pa.string()),
            ("", pa.float64()),
            ("s", pa.struct([("a", pa.int8()), ("a", pa.int8())])),
        ]
    )
    return schema, [random_batch(schema, 30, rng, 0.2)]


def _bitmap_edges() -> tuple[pa.Schema, list[pa.RecordBatch]]:
    # Lengths around byte and 64-byte boundaries, alternating and clustered nulls.
    schema = pa.schema([("b", pa.bool_()), ("i", pa.int8()), ("s", pa.string())])
    batches = []
    for n in [1, 7, 8, 9, 63, 64, 65, 511, 512, 513]:
        mask = np.array([(i % 3 == 0) or (n // 2 <= i < n // 2 + 5) for i in range(n)])
        batches.append(
            pa.RecordBatch.from_arrays(
                [
                    pa.array(np.arange(n) % 2 == 0, mask=mask),
                    pa.array((np.arange(n) % 100).astype(np.int8), mask=mask),
                    pa.array([None if m else str(i) for i, m in enumerate(mask)], pa.string()),
                ],
                schema=schema,
            )
        )
    return schema, batches


def pyarrow_cases() -> list[Case]:
    """Every source the conversion tests write with pyarrow and push through `arrow-ipc convert`."""
    cases = [
        _classic(null_probability, batch_size)
        for null_probability in (0.0, 0.2, 1.0)
        for batch_size in (None, 64, 7)
    ]
    cases += [_random_case(seed) for seed in range(10)]
    cases += [
        Case("empty-batches", _empty_batches),
        Case("zero-batches-schema-only", _zero_batches),
        Case("one-empty-batch", _one_empty_batch),
        Case("no-columns", _no_columns),
        Case("sliced-table", _sliced_table),
        Case("sliced-batches", _sliced_batches),
        Case("nonzero-first-offsets", _nonzero_first_offsets),
        Case("unicode", _unicode),
        Case("long-strings", _long_strings),
        Case("deep-nesting", _deep_nesting),
        Case("metadata", _metadata),
        Case("many-columns", _many_columns),
        Case("special-floats", _special_floats),
        Case("duplicate-names", _duplicate_names),
        Case("bitmap-edges", _bitmap_edges),
    ]
    return cases
