"""The layouts beyond the classic ones — unions, views, list views, run-end encoded — as pyarrow
and polars write them, through `arrow-ipc`.

For every case below (each layout alone, and nested in the others where Arrow allows) pyarrow
writes a file and a stream of two batches: the whole table, then a slice of it (so sliced
unions, views and runs are written too). Then:

- `cat --output jsonl` prints what pyarrow reads, under the jsonl conventions (README.md): a
  union as its chosen child's value, a run-end encoded value as its run's value, a dictionary
  entry as its value, views as their classic forms (strings, binary as lowercase hex), list
  views as arrays, maps as arrays of {"key", "value"} objects;
- `validate --full` accepts it;
- `convert` to either format writes what pyarrow reads back equal, schema and metadata included.

polars writes string and binary columns as views at its newest compat level: we read that, and
polars reads what we write from view-typed sources.
"""

from __future__ import annotations

import inspect
import json
import random
from pathlib import Path
from typing import Callable

import numpy as np
import polars as pl
import pyarrow as pa
import pytest
from polars.testing import assert_frame_equal

from interop_support import EXTENSION, FORMATS, assert_same_contents, read_ipc, write_ipc

ROWS = 50
_ALPHABET = "abcdefghijklmnopqrstuvwxyz 0123456789-éß中😀"


# ---------------------------------------------------------------------------------------------
# Building blocks


def _text(pyrng: random.Random) -> str:
    """Half short enough to sit inside a view (up to 12 bytes), half longer."""
    if pyrng.random() < 0.5:
        return "".join(pyrng.choice("abcdefghij") for _ in range(pyrng.randint(0, 12)))
    return "".join(pyrng.choice(_ALPHABET) for _ in range(pyrng.randint(13, 60)))


def _texts(pyrng: random.Random, n: int, null_probability: float = 0.2) -> list[str | None]:
    return [None if pyrng.random() < null_probability else _text(pyrng) for _ in range(n)]


def _blobs(pyrng: random.Random, n: int, null_probability: float = 0.2) -> list[bytes | None]:
    return [
        None if pyrng.random() < null_probability else bytes(pyrng.randrange(256) for _ in range(pyrng.choice([0, 3, 12, 13, 40])))
        for _ in range(n)
    ]


def _ints(pyrng: random.Random, n: int, null_probability: float = 0.2, bound: int = 2**40) -> list[int | None]:
    return [None if pyrng.random() < null_probability else pyrng.randrange(-bound, bound) for _ in range(n)]


def views(values: list, type_: pa.DataType, chunks: int = 4) -> pa.Array:
    """A view array made by concatenating `chunks` arrays: one variadic data buffer per chunk."""
    size = max(1, -(-len(values) // chunks))
    parts = [pa.array(values[i : i + size], type_) for i in range(0, len(values), size)] or [pa.array([], type_)]
    array = pa.concat_arrays(parts)
    if any(v is not None and len(v) > 12 for v in values):
        assert len(array.buffers()) > 2 + 1, "expected several variadic buffers"
    return array


def _mask(pyrng: random.Random, n: int, null_probability: float = 0.2) -> pa.Array:
    return pa.array([pyrng.random() < null_probability for _ in range(n)], pa.bool_())


def list_views(pyrng: random.Random, n: int, values: pa.Array, large: bool = False) -> pa.Array:
    """List views over `values` with offsets out of order and overlapping ranges, and nulls."""
    offsets, sizes = [], []
    for _ in range(n):
        size = pyrng.randint(0, min(4, len(values)))
        offsets.append(pyrng.randint(0, len(values) - size))
        sizes.append(size)
    cls = pa.LargeListViewArray if large else pa.ListViewArray
    index = pa.int64() if large else pa.int32()
    return cls.from_arrays(pa.array(offsets, index), pa.array(sizes, index), values, mask=_mask(pyrng, n))


def runs(pyrng: random.Random, n: int, values: Callable[[int], pa.Array], run_end_type: pa.DataType) -> pa.Array:
    """`n` logical values in runs of 1 to 5; `values(k)` gives the k run values."""
    ends, end = [], 0
    while end < n:
        end = min(n, end + pyrng.randint(1, 5))
        ends.append(end)
    return pa.RunEndEncodedArray.from_arrays(pa.array(ends, run_end_type), values(len(ends)))


def sparse_union(pyrng: random.Random, n: int, children: list[pa.Array], names: list[str], codes: list[int]) -> pa.Array:
    types = pa.array([pyrng.choice(codes) for _ in range(n)], pa.int8())
    return pa.UnionArray.from_sparse(types, children, names, codes)


def dense_union(pyrng: random.Random, n: int, make_children: list[Callable[[int], pa.Array]], names: list[str],
                codes: list[int]) -> pa.Array:
    chosen = [pyrng.randrange(len(codes)) for _ in range(n)]
    counts = [0] * len(codes)
    offsets = []
    for child in chosen:
        offsets.append(counts[child])
        counts[child] += 1
    children = [make(count) for make, count in zip(make_children, counts)]
    return pa.UnionArray.from_dense(
        pa.array([codes[c] for c in chosen], pa.int8()), pa.array(offsets, pa.int32()), children, names, codes
    )


# ---------------------------------------------------------------------------------------------
# Cases: name -> table of ROWS rows


def _unions(pyrng: random.Random) -> dict[str, pa.Array]:
    n = ROWS
    return {
        "sparse": sparse_union(
            pyrng, n, [pa.array(_ints(pyrng, n, bound=2**31), pa.int32()), pa.array(_texts(pyrng, n)),
                       pa.array([pyrng.random() for _ in range(n)], pa.float64())],
            ["i", "s", "f"], [5, 2, 7],
        ),
        "dense": dense_union(
            pyrng, n, [lambda k: pa.array(_ints(pyrng, k, bound=2**31), pa.int32()), lambda k: pa.array(_texts(pyrng, k)),
                       lambda k: pa.array(_blobs(pyrng, k), pa.binary())],
            ["i", "s", "b"], [5, 2, 7],
        ),
        "dense_one_child": dense_union(pyrng, n, [lambda k: pa.array(_ints(pyrng, k), pa.int64())], ["only"], [3]),
    }


def _views(pyrng: random.Random) -> dict[str, pa.Array]:
    return {
        "string_view": views(_texts(pyrng, ROWS), pa.string_view()),
        "binary_view": views(_blobs(pyrng, ROWS), pa.binary_view(), chunks=5),
        "string_view_one_chunk": pa.array(_texts(pyrng, ROWS), pa.string_view()),
        "string_view_all_inline": pa.array(["x" * (i % 13) for i in range(ROWS)], pa.string_view()),
    }


def _list_views(pyrng: random.Random) -> dict[str, pa.Array]:
    return {
        "list_view": list_views(pyrng, ROWS, pa.array(_ints(pyrng, 30), pa.int64())),
        "large_list_view": list_views(pyrng, ROWS, pa.array(_texts(pyrng, 25)), large=True),
        "list_view_empty_values": list_views(pyrng, ROWS, pa.array([], pa.int16())),
    }


def _run_end_encoded(pyrng: random.Random) -> dict[str, pa.Array]:
    return {
        "ree_int16_string": runs(pyrng, ROWS, lambda k: pa.array(_texts(pyrng, k)), pa.int16()),
        "ree_int32_int64": runs(pyrng, ROWS, lambda k: pa.array(_ints(pyrng, k), pa.int64()), pa.int32()),
        "ree_int64_float": runs(pyrng, ROWS, lambda k: pa.array([pyrng.random() for _ in range(k)], pa.float64()), pa.int64()),
        "ree_of_list": runs(
            pyrng, ROWS,
            lambda k: pa.array([None if pyrng.random() < 0.2 else _ints(pyrng, pyrng.randint(0, 3), bound=2**31) for _ in range(k)],
                               pa.list_(pa.int32())),
            pa.int32(),
        ),
    }


def _nested(pyrng: random.Random) -> dict[str, pa.Array]:
    n = ROWS
    union_values = sparse_union(
        pyrng, 80, [pa.array(_ints(pyrng, 80), pa.int64()), pa.array(_texts(pyrng, 80), pa.string_view())], ["n", "t"], [9, 4]
    )
    offsets = sorted(pyrng.randint(0, 80) for _ in range(n - 1))
    list_of_union = pa.ListArray.from_arrays(pa.array([0, *offsets, 80], pa.int32()), union_values)
    struct_with_views = pa.StructArray.from_arrays(
        [views(_texts(pyrng, n), pa.string_view()), views(_blobs(pyrng, n), pa.binary_view()),
         list_views(pyrng, n, pa.array(_texts(pyrng, 20), pa.string_view()))],
        ["s", "b", "lv"], mask=_mask(pyrng, n),
    )
    union_of_list_views = dense_union(
        pyrng, n, [lambda k: list_views(pyrng, k, pa.array(_ints(pyrng, 15, bound=100), pa.int32())),
                   lambda k: list_views(pyrng, k, pa.array(_texts(pyrng, 15)), large=True)],
        ["lv", "llv"], [1, 0],
    )
    sparse_of_list_views = sparse_union(
        pyrng, n, [list_views(pyrng, n, pa.array(_ints(pyrng, 10), pa.int64())), pa.array(_texts(pyrng, n), pa.string_view())],
        ["lv", "sv"], [0, 1],
    )
    ree_of_struct = runs(
        pyrng, n,
        lambda k: pa.StructArray.from_arrays([pa.array(_ints(pyrng, k, bound=1000), pa.int32()), pa.array(_texts(pyrng, k))],
                                             ["a", "b"], mask=_mask(pyrng, k)),
        pa.int32(),
    )
    struct_of_ree = pa.StructArray.from_arrays(
        [runs(pyrng, n, lambda k: pa.array(_texts(pyrng, k)), pa.int16()), pa.array(_ints(pyrng, n), pa.int64())], ["r", "i"]
    )
    map_offsets = sorted(pyrng.randint(0, 60) for _ in range(n - 1))
    keys = pa.array([f"k{i}" for i in range(60)])
    map_with_views = pa.MapArray.from_arrays(
        pa.array([0, *map_offsets, 60], pa.int32()), keys, views(_texts(pyrng, 60), pa.string_view())
    )
    list_view_of_views = list_views(pyrng, n, views(_texts(pyrng, 40), pa.string_view()))
    return {
        "list_of_union": list_of_union,
        "struct_with_views": struct_with_views,
        "union_of_list_views": union_of_list_views,
        "sparse_union_of_list_views": sparse_of_list_views,
        "ree_of_struct": ree_of_struct,
        "struct_of_ree": struct_of_ree,
        "map_with_view_values": map_with_views,
        "list_view_of_string_view": list_view_of_views,
    }


def _dictionaries_of_layouts(pyrng: random.Random) -> dict[str, pa.Array]:
    n = ROWS

    def indices(size: int) -> pa.Array:
        return pa.array([None if pyrng.random() < 0.2 else pyrng.randrange(size) for _ in range(n)], pa.int16())

    return {
        "dictionary_of_string_view": pa.DictionaryArray.from_arrays(
            indices(6), views([_text(pyrng) for _ in range(6)], pa.string_view(), chunks=2)
        ),
        "dictionary_of_binary_view": pa.DictionaryArray.from_arrays(
            indices(5), views([bytes([i]) * (5 * i) for i in range(5)], pa.binary_view(), chunks=2)
        ),
        "list_view_of_dictionary": list_views(
            pyrng, n, pa.DictionaryArray.from_arrays(pa.array([i % 3 for i in range(20)], pa.int8()), pa.array(["x", "yy", "zzz"]))
        ),
    }


CASE_BUILDERS: dict[str, Callable[[random.Random], dict[str, pa.Array]]] = {
    "unions": _unions,
    "views": _views,
    "list_views": _list_views,
    "run_end_encoded": _run_end_encoded,
    "nested": _nested,
    "dictionaries_of_layouts": _dictionaries_of_layouts,
}


def case_batches(name: str) -> tuple[pa.Schema, list[pa.RecordBatch]]:
    """The case's whole batch, then a slice of it; both valid by pyarrow's full check."""
    columns = CASE_BUILDERS[name](random.Random(name))
    schema = pa.schema([pa.field(key, array.type) for key, array in columns.items()], metadata={"case": name})
    batch = pa.RecordBatch.from_arrays(list(columns.values()), schema=schema)
    batches = [batch, batch.slice(7, 30)]
    for b in batches:
        b.validate(full=True)
    return schema, batches


@pytest.fixture(scope="module", params=list(CASE_BUILDERS))
def case(request) -> str:
    return request.param


def _source(tmp_path: Path, name: str, fmt: str) -> Path:
    schema, batches = case_batches(name)
    path = tmp_path / f"{name}.{EXTENSION[fmt]}"
    write_ipc(path, schema, batches, fmt)
    return path


# ---------------------------------------------------------------------------------------------
# jsonl expectations


def expected_json(scalar: pa.Scalar):
    """A pyarrow scalar as README.md says `cat --output jsonl` writes it."""
    t = scalar.type
    if pa.types.is_union(t):
        return None if scalar.value is None else expected_json(scalar.value)
    if pa.types.is_dictionary(t) or pa.types.is_run_end_encoded(t):
        return None if scalar.value is None else expected_json(scalar.value)
    if isinstance(t, pa.ExtensionType):
        return expected_json(scalar.value)
    if not scalar.is_valid:
        return None
    if pa.types.is_struct(t):
        return {t.field(i).name: expected_json(scalar[i]) for i in range(t.num_fields)}
    if pa.types.is_map(t):
        return [{"key": expected_json(entry[0]), "value": expected_json(entry[1])} for entry in scalar.values]
    if (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t)
            or pa.types.is_list_view(t) or pa.types.is_large_list_view(t)):
        return [expected_json(item) for item in scalar.values]
    value = scalar.as_py()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _parse_jsonl(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").split("\n") if line.strip()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_cat_jsonl_matches_pyarrow(cli, tmp_path, case, fmt):
    source = _source(tmp_path, case, fmt)
    table = read_ipc(source).table
    rows = _parse_jsonl(cli.ok("cat", source, "--output", "jsonl").stdout)
    assert len(rows) == table.num_rows
    for c, name in enumerate(table.column_names):
        column = table.column(c)
        for r in range(table.num_rows):
            want = expected_json(column[r])
            got = rows[r][name]
            if isinstance(want, float) and isinstance(got, (int, float)):
                assert float(got) == want, f"row {r}, column {name!r}: expected {want!r}, got {got!r}"
            else:
                assert got == want, f"row {r}, column {name!r}: expected {want!r}, got {got!r}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_full_accepts(cli, tmp_path, case, fmt):
    cli.ok("validate", _source(tmp_path, case, fmt), "--full")


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize("src_fmt", FORMATS)
def test_convert_writes_what_pyarrow_reads_equal(cli, tmp_path, case, src_fmt, dst_fmt):
    source = _source(tmp_path, case, src_fmt)
    output = tmp_path / f"converted.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    converted = read_ipc(output)
    assert converted.format == dst_fmt
    assert_same_contents(read_ipc(source), converted)
    cli.ok("validate", output, "--full")


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_column_alone(cli, tmp_path, case, fmt):
    """Selecting one column decodes only it: the others' nodes and buffers are skipped right."""
    source = _source(tmp_path, case, fmt)
    table = read_ipc(source).table
    for c, name in enumerate(table.column_names):
        rows = _parse_jsonl(cli.ok("cat", source, "--columns", str(c), "--output", "jsonl").stdout)
        assert [list(row) for row in rows] == [[name]] * table.num_rows
        column = table.column(c)
        assert [row[name] for row in rows] == [expected_json(column[r]) for r in range(table.num_rows)], name


# ---------------------------------------------------------------------------------------------
# polars


def polars_view_frame(rows: int = 200) -> pl.DataFrame:
    pyrng = random.Random(7)
    return pl.DataFrame(
        {
            "text": pl.Series(_texts(pyrng, rows), dtype=pl.String),
            "blob": pl.Series(_blobs(pyrng, rows), dtype=pl.Binary),
            "words": pl.Series([None if pyrng.random() < 0.2 else _texts(pyrng, pyrng.randint(0, 3)) for _ in range(rows)],
                               dtype=pl.List(pl.String)),
            "rec": pl.Series([{"s": _text(pyrng), "n": pyrng.randrange(100)} for _ in range(rows)],
                             dtype=pl.Struct({"s": pl.String, "n": pl.Int32})),
            "n": pl.Series(_ints(pyrng, rows), dtype=pl.Int64),
        }
    )


def _write_polars(frame: pl.DataFrame, path: Path, fmt: str) -> None:
    newest = pl.CompatLevel.newest()
    if fmt == "file":
        frame.write_ipc(path, compression="uncompressed", compat_level=newest)
    else:
        frame.write_ipc_stream(path, compression="uncompressed", compat_level=newest)


def _read_polars(path: Path, fmt: str) -> pl.DataFrame:
    """polars' own reader for the format, not memory-mapped where polars offers the choice."""
    reader = pl.read_ipc if fmt == "file" else pl.read_ipc_stream
    if "memory_map" in inspect.signature(reader).parameters:
        return reader(path, memory_map=False)
    return reader(path)


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize("src_fmt", FORMATS)
def test_polars_views_are_read_and_converted(cli, tmp_path, src_fmt, dst_fmt):
    frame = polars_view_frame()
    source = tmp_path / f"polars.{EXTENSION[src_fmt]}"
    _write_polars(frame, source, src_fmt)
    written = read_ipc(source)
    assert pa.types.is_string_view(written.schema.field("text").type), written.schema
    assert pa.types.is_binary_view(written.schema.field("blob").type), written.schema
    cli.ok("validate", source, "--full")
    rows = _parse_jsonl(cli.ok("cat", source, "--output", "jsonl").stdout)
    table = written.table
    for c, name in enumerate(table.column_names):
        column = table.column(c)
        assert [row[name] for row in rows] == [expected_json(column[r]) for r in range(table.num_rows)], name
    output = tmp_path / f"converted.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    assert_same_contents(written, read_ipc(output))
    assert_frame_equal(_read_polars(output, dst_fmt), frame)


@pytest.mark.parametrize("dst_fmt", FORMATS)
def test_polars_reads_our_views(cli, tmp_path, dst_fmt):
    pyrng = random.Random(8)
    table = pa.table(
        {
            "text": views(_texts(pyrng, ROWS), pa.string_view()),
            "blob": views(_blobs(pyrng, ROWS), pa.binary_view()),
            "n": pa.array(_ints(pyrng, ROWS), pa.int64()),
        }
    )
    source = tmp_path / "views.arrows"
    write_ipc(source, table.schema, table.to_batches(), "stream")
    output = tmp_path / f"ours.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt)
    assert_same_contents(read_ipc(source), read_ipc(output))
    assert_frame_equal(_read_polars(output, dst_fmt), pl.from_arrow(table))
