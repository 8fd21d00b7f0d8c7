"""polars and `arrow-ipc convert`, both ways.

- What polars writes (`write_ipc` uncompressed, `write_ipc_stream`) survives `convert` to either
  format: polars and pyarrow read the output equal to the source.
- What our writer makes from a pyarrow source, polars reads equal to `pl.from_arrow(source)`.

polars writes view types (string_view, binary_view) unless told `compat_level=CompatLevel.oldest()`;
both levels are tested (test_layouts.py tests view types in depth).
"""

from __future__ import annotations

import datetime
import inspect
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pytest
from polars.testing import assert_frame_equal

from interop_support import EXTENSION, FORMATS, assert_same_contents, read_ipc, write_ipc
from interop_tables import random_batch, split

OLDEST = pl.CompatLevel.oldest()


def polars_frame(seed: int, rows: int) -> pl.DataFrame:
    """A seeded frame of the dtypes polars users write most, with nulls in every column."""
    rng = np.random.default_rng(seed)

    def nulls(values: list) -> list:
        mask = rng.random(len(values)) < 0.15
        return [None if m else v for v, m in zip(values, mask)]

    ints = rng.integers(-(2**40), 2**40, size=rows).tolist()
    base = datetime.datetime(2000, 1, 1)
    words = ["alpha", "beta", "γάμμα", "δ", "", "comma, and \"quote\"", "line\nbreak", "😀"]
    frame = pl.DataFrame(
        {
            "i8": pl.Series(nulls(rng.integers(-128, 127, size=rows).tolist()), dtype=pl.Int8),
            "i16": pl.Series(nulls(rng.integers(-(2**15), 2**15 - 1, size=rows).tolist()), dtype=pl.Int16),
            "i32": pl.Series(nulls(rng.integers(-(2**31), 2**31 - 1, size=rows).tolist()), dtype=pl.Int32),
            "i64": pl.Series(nulls(ints), dtype=pl.Int64),
            "u8": pl.Series(nulls(rng.integers(0, 255, size=rows).tolist()), dtype=pl.UInt8),
            "u16": pl.Series(nulls(rng.integers(0, 2**16 - 1, size=rows).tolist()), dtype=pl.UInt16),
            "u32": pl.Series(nulls(rng.integers(0, 2**32 - 1, size=rows).tolist()), dtype=pl.UInt32),
            "u64": pl.Series(nulls([int(x) for x in rng.integers(0, 2**63, size=rows)]), dtype=pl.UInt64),
            "f32": pl.Series(nulls(rng.standard_normal(rows).tolist()), dtype=pl.Float32),
            "f64": pl.Series(nulls((rng.standard_normal(rows) * 1e10).tolist()), dtype=pl.Float64),
            "str": pl.Series(nulls([words[i] for i in rng.integers(0, len(words), size=rows)]), dtype=pl.String),
            "bool": pl.Series(nulls((rng.random(rows) < 0.5).tolist()), dtype=pl.Boolean),
            "date": pl.Series(
                nulls([datetime.date(1970, 1, 1) + datetime.timedelta(days=int(d)) for d in rng.integers(-20000, 20000, size=rows)]),
                dtype=pl.Date,
            ),
            "datetime_us": pl.Series(
                nulls([base + datetime.timedelta(microseconds=int(x)) for x in rng.integers(-(2**45), 2**45, size=rows)]),
                dtype=pl.Datetime("us"),
            ),
            "datetime_ms_utc": pl.Series(
                nulls([base + datetime.timedelta(milliseconds=int(x)) for x in rng.integers(-(2**40), 2**40, size=rows)]),
                dtype=pl.Datetime("ms"),
            ).dt.replace_time_zone("UTC"),
            "datetime_ns_paris": pl.Series(
                nulls([base + datetime.timedelta(seconds=int(x)) for x in rng.integers(-(2**30), 2**30, size=rows)]),
                dtype=pl.Datetime("ns"),
            ).dt.replace_time_zone("UTC").dt.convert_time_zone("Europe/Paris"),
            "duration": pl.Series(nulls([datetime.timedelta(seconds=int(x)) for x in ints]), dtype=pl.Duration("us")),
            "time": pl.Series(
                nulls([datetime.time(int(h), int(m), int(s)) for h, m, s in zip(rng.integers(0, 24, rows), rng.integers(0, 60, rows), rng.integers(0, 60, rows))]),
                dtype=pl.Time,
            ),
            "binary": pl.Series(nulls([bytes(rng.integers(0, 256, size=int(k)).astype(np.uint8)) for k in rng.integers(0, 9, rows)]), dtype=pl.Binary),
            "list_i64": pl.Series(nulls([nulls(rng.integers(0, 100, size=int(k)).tolist()) for k in rng.integers(0, 5, rows)]), dtype=pl.List(pl.Int64)),
            "list_str": pl.Series(nulls([[words[int(j)] for j in rng.integers(0, len(words), size=int(k))] for k in rng.integers(0, 4, rows)]), dtype=pl.List(pl.String)),
            "array_f64": pl.Series(nulls([rng.standard_normal(3).tolist() for _ in range(rows)]), dtype=pl.Array(pl.Float64, 3)),
            "struct": pl.Series(
                nulls([{"x": int(a), "y": words[int(b)], "z": nulls([1.5, 2.5])} for a, b in zip(rng.integers(0, 9, rows), rng.integers(0, len(words), rows))]),
                dtype=pl.Struct({"x": pl.Int32, "y": pl.String, "z": pl.List(pl.Float64)}),
            ),
            "decimal": pl.Series(nulls([f"{int(x)}.{int(y):02d}" for x, y in zip(rng.integers(-9999, 9999, rows), rng.integers(0, 99, rows))]), dtype=pl.String).str.to_decimal(scale=2),
            "null": pl.Series([None] * rows, dtype=pl.Null),
        }
    )
    return frame


def _write_polars(frame: pl.DataFrame, path: Path, fmt: str, batch_size: int | None, compat_level) -> None:
    if fmt == "file":
        frame.write_ipc(path, compression="uncompressed", compat_level=compat_level, record_batch_size=batch_size)
    else:
        assert batch_size is None
        frame.write_ipc_stream(path, compression="uncompressed", compat_level=compat_level)


def read_polars(path: Path, fmt: str) -> pl.DataFrame:
    """polars' own reader for the format, not memory-mapped where polars offers the choice."""
    reader = pl.read_ipc if fmt == "file" else pl.read_ipc_stream
    if "memory_map" in inspect.signature(reader).parameters:
        return reader(path, memory_map=False)
    return reader(path)


POLARS_SOURCES = [
    # (source format, rows, record batch size for polars' file writer)
    ("file", 300, None),
    ("file", 300, 64),
    ("file", 0, None),
    ("stream", 300, None),
    ("stream", 1, None),
]


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize(
    "src_fmt, rows, batch_size", POLARS_SOURCES, ids=[f"{f}-{r}rows-batch{b or 'default'}" for f, r, b in POLARS_SOURCES]
)
def test_polars_written_survives_convert(cli, tmp_path, src_fmt, rows, batch_size, dst_fmt):
    frame = polars_frame(seed=rows + (batch_size or 0), rows=rows)
    source = tmp_path / f"polars.{EXTENSION[src_fmt]}"
    _write_polars(frame, source, src_fmt, batch_size, OLDEST)
    output = tmp_path / f"converted.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    converted = read_ipc(output)
    assert converted.format == dst_fmt
    assert_same_contents(read_ipc(source), converted)
    assert_frame_equal(read_polars(output, dst_fmt), frame)


def test_polars_sliced_frame_survives_convert(cli, tmp_path):
    frame = polars_frame(seed=5, rows=500).slice(37, 301)
    source = tmp_path / "sliced.arrow"
    _write_polars(frame, source, "file", 50, OLDEST)
    output = tmp_path / "converted.arrows"
    cli.ok("convert", source, output)
    assert_same_contents(read_ipc(source), read_ipc(output))
    assert_frame_equal(read_polars(output, "stream"), frame)


@pytest.mark.parametrize("src_fmt", FORMATS)
def test_polars_newest_compat_level_survives_convert(cli, tmp_path, src_fmt):
    frame = polars_frame(seed=9, rows=100)
    source = tmp_path / f"polars.{EXTENSION[src_fmt]}"
    _write_polars(frame, source, src_fmt, None, pl.CompatLevel.newest())
    assert "string_view" in str(read_ipc(source).schema)
    output = tmp_path / f"converted.{EXTENSION[src_fmt]}"
    cli.ok("convert", source, output)
    assert_same_contents(read_ipc(source), read_ipc(output))
    assert_frame_equal(read_polars(output, src_fmt), frame)


# pyarrow types that polars reads (and converts to its own dtypes the same way from a file as from
# memory), used to check that polars reads our writer's files.
POLARS_READABLE = pa.schema(
    [
        ("int8", pa.int8()),
        ("int16", pa.int16()),
        ("int32", pa.int32()),
        ("int64", pa.int64()),
        ("uint8", pa.uint8()),
        ("uint16", pa.uint16()),
        ("uint32", pa.uint32()),
        ("uint64", pa.uint64()),
        ("float32", pa.float32()),
        ("float64", pa.float64()),
        ("bool", pa.bool_()),
        ("string", pa.string()),
        ("large_string", pa.large_string()),
        ("binary", pa.binary()),
        ("large_binary", pa.large_binary()),
        ("date32", pa.date32()),
        ("timestamp_ms", pa.timestamp("ms")),
        ("timestamp_us_utc", pa.timestamp("us", tz="UTC")),
        ("timestamp_ns_tz", pa.timestamp("ns", tz="America/New_York")),
        ("duration_us", pa.duration("us")),
        ("time64_ns", pa.time64("ns")),
        ("decimal128", pa.decimal128(20, 4)),
        ("list", pa.list_(pa.int32())),
        ("large_list", pa.large_list(pa.string())),
        ("fixed_size_list", pa.list_(pa.float64(), 2)),
        ("struct", pa.struct([("a", pa.int64()), ("b", pa.list_(pa.string())), ("c", pa.struct([("d", pa.bool_())]))])),
        ("list_of_struct", pa.list_(pa.struct([("k", pa.string()), ("v", pa.float32())]))),
        ("null", pa.null()),
    ],
    metadata={"source": "pyarrow"},
)


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize("null_probability", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("batch_size", [None, 50])
def test_polars_reads_our_output(cli, tmp_path, dst_fmt, null_probability, batch_size):
    rng = np.random.default_rng(40 + int(null_probability * 10))
    table = pa.Table.from_batches([random_batch(POLARS_READABLE, 200, rng, null_probability)])
    source = tmp_path / "source.arrows"
    write_ipc(source, table.schema, split(table, batch_size), "stream")
    output = tmp_path / f"ours.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    assert_same_contents(read_ipc(source), read_ipc(output))
    assert_frame_equal(read_polars(output, dst_fmt), pl.from_arrow(table))


@pytest.mark.parametrize("dst_fmt", FORMATS)
def test_polars_reads_our_sliced_output(cli, tmp_path, dst_fmt):
    rng = np.random.default_rng(44)
    table = pa.Table.from_batches([random_batch(POLARS_READABLE, 300, rng, 0.3)]).slice(11, 250)
    source = tmp_path / "source.arrow"
    write_ipc(source, table.schema, table.to_batches(max_chunksize=33), "file")
    output = tmp_path / f"ours.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    # polars' from_arrow trips on sliced fixed-size lists in memory, so the expectation comes from
    # the source as pyarrow reads it back (the same values, unsliced).
    assert_frame_equal(read_polars(output, dst_fmt), pl.from_arrow(read_ipc(source).table))
