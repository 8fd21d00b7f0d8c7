"""`arrow-ipc convert` writer options that pyarrow and polars must read back.

- `--compat oldest`: views become large strings and binaries, list views large lists, at any
  depth and inside dictionaries; the values are the same. `--compat newest` changes nothing.
- `--metadata-version v4`: every message says V4 (unions get their pre-V5 validity buffer), the
  file footer too; types newer than Arrow 1.0 are refused unless `--compat oldest` removes them.
- `--alignment 8` / the default 64: where messages start.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from polars.testing import assert_frame_equal

from interop_support import EXTENSION, FILE_MAGIC, FORMATS, assert_same_contents, read_ipc, write_ipc
from test_layouts import CASE_BUILDERS, case_batches, dense_union, polars_view_frame, sparse_union, views

V4 = pa.ipc.MetadataVersion.V4
V5 = pa.ipc.MetadataVersion.V5
END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"


# ---------------------------------------------------------------------------------------------
# Helpers


def classic_type(type_: pa.DataType) -> pa.DataType:
    """`type_` as `--compat oldest` writes it."""
    t = pa.types
    if t.is_string_view(type_):
        return pa.large_string()
    if t.is_binary_view(type_):
        return pa.large_binary()
    if t.is_list_view(type_) or t.is_large_list_view(type_):
        return pa.large_list(classic_field(type_.value_field))
    if t.is_large_list(type_):
        return pa.large_list(classic_field(type_.value_field))
    if t.is_fixed_size_list(type_):
        return pa.list_(classic_field(type_.value_field), type_.list_size)
    if t.is_map(type_):
        return pa.map_(classic_field(type_.key_field), classic_field(type_.item_field), keys_sorted=type_.keys_sorted)
    if t.is_list(type_):
        return pa.list_(classic_field(type_.value_field))
    if t.is_struct(type_):
        return pa.struct([classic_field(type_.field(i)) for i in range(type_.num_fields)])
    if t.is_union(type_):
        return pa.union([classic_field(type_.field(i)) for i in range(type_.num_fields)], type_.mode, type_.type_codes)
    if t.is_dictionary(type_):
        return pa.dictionary(type_.index_type, classic_type(type_.value_type), type_.ordered)
    if t.is_run_end_encoded(type_):
        return pa.run_end_encoded(type_.run_end_type, classic_type(type_.value_type))
    return type_


def classic_field(field: pa.Field) -> pa.Field:
    return field.with_type(classic_type(field.type))


def message_starts(data: bytes) -> list[tuple[int, pa.ipc.Message]]:
    """Where each message of a stream or file starts, with the message, up to end of stream."""
    return [(start, message) for start, _, message in _messages(data)]


def _messages(data: bytes) -> list[tuple[int, int, pa.ipc.Message]]:
    """Each message's start, its body's start and the message."""
    start = 8 if data[:6] == FILE_MAGIC else 0
    reader = pa.BufferReader(pa.py_buffer(data))
    reader.seek(start)
    found = []
    while data[reader.tell() : reader.tell() + 8] != END_OF_STREAM:
        position = reader.tell()
        message = pa.ipc.read_message(reader)
        body_size = message.body.size if message.body is not None else 0
        found.append((position, reader.tell() - body_size, message))
    return found


def footer_version(data: bytes) -> int:
    """The `version` field of an Arrow file's footer (a flatbuffer; absent means V1, 0)."""
    (length,) = struct.unpack_from("<i", data, len(data) - 10)
    footer = data[len(data) - 10 - length : len(data) - 10]
    (root,) = struct.unpack_from("<I", footer, 0)
    (vtable_back,) = struct.unpack_from("<i", footer, root)
    vtable = root - vtable_back
    (vtable_size,) = struct.unpack_from("<H", footer, vtable)
    if vtable_size <= 4:
        return 0
    (field,) = struct.unpack_from("<H", footer, vtable + 4)
    return struct.unpack_from("<h", footer, root + field)[0] if field else 0


def _write_table(path: Path, table: pa.Table, fmt: str) -> None:
    write_ipc(path, table.schema, table.to_batches(max_chunksize=40), fmt)


# ---------------------------------------------------------------------------------------------
# --compat


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize("name", list(CASE_BUILDERS))
def test_compat_oldest_writes_classic_layouts_pyarrow_reads(cli, tmp_path, name, dst_fmt):
    schema, batches = case_batches(name)
    source = tmp_path / f"{name}.arrows"
    write_ipc(source, schema, batches, "stream")
    output = tmp_path / f"oldest.{EXTENSION[dst_fmt]}"
    cli.ok("convert", source, output, "--format", dst_fmt, "--compat", "oldest")
    actual = read_ipc(output)  # validated in full by pyarrow
    expected_types = [classic_type(field.type) for field in schema]
    assert [field.type for field in actual.schema] == expected_types, actual.schema
    assert actual.schema.metadata == schema.metadata
    assert len(actual.batches) == len(batches)
    for index, (original, back) in enumerate(zip(batches, actual.batches)):
        assert back.num_rows == original.num_rows
        for column, field in enumerate(schema):
            assert back.column(column).to_pylist() == original.column(column).to_pylist(), (index, field.name)


@pytest.mark.parametrize("fmt", FORMATS)
def test_compat_oldest_views_read_as_large_types(cli, tmp_path, fmt):
    pyrng = random.Random(11)
    texts = [None if pyrng.random() < 0.2 else "x" * pyrng.randint(0, 40) for _ in range(200)]
    blobs = [None if pyrng.random() < 0.2 else bytes([pyrng.randrange(256)]) * pyrng.randint(0, 30) for _ in range(200)]
    table = pa.table(
        {
            "text": views(texts, pa.string_view()),
            "blob": views(blobs, pa.binary_view()),
            "lists": pa.ListViewArray.from_arrays(
                pa.array([(7 * i) % 180 for i in range(200)], pa.int32()), pa.array([i % 5 for i in range(200)], pa.int32()),
                views(texts, pa.string_view()),
            ),
        }
    )
    source = tmp_path / "views.arrows"
    _write_table(source, table, "stream")
    output = tmp_path / f"oldest.{EXTENSION[fmt]}"
    cli.ok("convert", source, output, "--compat", "oldest", "--format", fmt)
    actual = read_ipc(output).table
    assert actual.schema.field("text").type == pa.large_string()
    assert actual.schema.field("blob").type == pa.large_binary()
    assert actual.schema.field("lists").type == pa.large_list(pa.large_string())
    assert actual.column("text").to_pylist() == texts
    assert actual.column("blob").to_pylist() == blobs
    assert actual.column("lists").to_pylist() == table.column("lists").to_pylist()


@pytest.mark.parametrize("fmt", FORMATS)
def test_compat_oldest_is_read_by_polars(cli, tmp_path, fmt):
    frame = polars_view_frame()
    source = tmp_path / "polars.arrows"
    frame.write_ipc_stream(source, compression="uncompressed", compat_level=pl.CompatLevel.newest())
    assert pa.types.is_string_view(read_ipc(source).schema.field("text").type)
    output = tmp_path / f"oldest.{EXTENSION[fmt]}"
    cli.ok("convert", source, output, "--compat", "oldest", "--format", fmt)
    written = read_ipc(output)
    assert written.schema.field("text").type == pa.large_string()
    assert written.schema.field("blob").type == pa.large_binary()
    reader = pl.read_ipc if fmt == "file" else pl.read_ipc_stream
    assert_frame_equal(reader(output), frame)


@pytest.mark.parametrize("fmt", FORMATS)
def test_compat_newest_keeps_views(cli, tmp_path, fmt):
    schema, batches = case_batches("views")
    source = tmp_path / "views.arrows"
    write_ipc(source, schema, batches, "stream")
    output = tmp_path / f"newest.{EXTENSION[fmt]}"
    cli.ok("convert", source, output, "--compat", "newest", "--format", fmt)
    assert_same_contents(read_ipc(source), read_ipc(output))


# ---------------------------------------------------------------------------------------------
# --metadata-version


def _v4_table() -> pa.Table:
    pyrng = random.Random(4)
    n = 60
    texts = [None if pyrng.random() < 0.2 else "t" * pyrng.randint(0, 20) for _ in range(n)]
    return pa.table(
        {
            "sparse": sparse_union(
                pyrng, n, [pa.array([pyrng.randrange(100) for _ in range(n)], pa.int32()), pa.array(texts)], ["i", "s"], [3, 1]
            ),
            "dense": dense_union(
                pyrng, n, [lambda k: pa.array(list(range(k)), pa.int64()), lambda k: pa.array(["d"] * k)], ["n", "s"], [0, 1]
            ),
            "text": pa.array(texts),
            "lists": pa.array([None if i % 7 == 0 else list(range(i % 4)) for i in range(n)], pa.list_(pa.int16())),
            "dictionary": pa.DictionaryArray.from_arrays(pa.array([i % 3 for i in range(n)], pa.int8()), pa.array(["a", "b", "c"])),
            "decimal": pa.array([i * 3 for i in range(n)], pa.decimal128(10, 2)),
        }
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_metadata_v4_is_read_by_pyarrow(cli, tmp_path, fmt):
    table = _v4_table()
    source = tmp_path / "source.arrows"
    _write_table(source, table, "stream")
    output = tmp_path / f"v4.{EXTENSION[fmt]}"
    cli.ok("convert", source, output, "--metadata-version", "v4", "--format", fmt)
    data = output.read_bytes()
    messages = message_starts(data)
    assert [m.type for _, m in messages] == ["schema", "dictionary", "record batch", "record batch"]
    assert all(m.metadata_version == V4 for _, m in messages)
    if fmt == "file":
        assert footer_version(data) == int(V4)
    actual = read_ipc(output)
    assert actual.table.equals(table)

    default = tmp_path / f"v5.{EXTENSION[fmt]}"
    cli.ok("convert", source, default, "--format", fmt)
    assert all(m.metadata_version == V5 for _, m in message_starts(default.read_bytes()))
    if fmt == "file":
        assert footer_version(default.read_bytes()) == int(V5)


@pytest.mark.parametrize(
    "type_name, array",
    [
        ("string_view", pa.array(["a", "b"], pa.string_view())),
        ("run_end_encoded", pa.RunEndEncodedArray.from_arrays(pa.array([2], pa.int32()), pa.array([1], pa.int64()))),
        ("decimal256", pa.array([1, 2], pa.decimal256(40, 2))),
        ("month_day_nano_interval", pa.array([pa.scalar((1, 2, 3), pa.month_day_nano_interval())] * 2)),
    ],
)
def test_metadata_v4_refuses_newer_types(cli, tmp_path, type_name, array):
    source = tmp_path / "source.arrows"
    newer = pa.ListArray.from_arrays(pa.array([0, 1, 2], pa.int32()), array)
    table = pa.table({"plain": pa.array([1, 2]), "newer": newer})
    _write_table(source, table, "stream")
    output = tmp_path / "v4.arrow"
    proc = cli.fails("convert", source, output, "--metadata-version", "v4", code=2)  # the option does not fit the input: a usage error
    message = proc.stderr.decode()
    assert "newer.item" in message and type_name in message and "V5" in message, message
    assert not output.exists()


def test_metadata_v4_with_compat_oldest_writes_views_as_classic(cli, tmp_path):
    table = pa.table({"text": views(["short", None, "a string longer than twelve bytes"] * 10, pa.string_view())})
    source = tmp_path / "source.arrows"
    _write_table(source, table, "stream")
    output = tmp_path / "v4.arrow"
    cli.ok("convert", source, output, "--metadata-version", "v4", "--compat", "oldest")
    assert all(m.metadata_version == V4 for _, m in message_starts(output.read_bytes()))
    actual = read_ipc(output).table
    assert actual.schema.field("text").type == pa.large_string()
    assert actual.column("text").to_pylist() == table.column("text").to_pylist()


# ---------------------------------------------------------------------------------------------
# --alignment


@pytest.mark.parametrize("fmt", FORMATS)
def test_alignment(cli, tmp_path, fmt):
    table = _v4_table()
    source = tmp_path / "source.arrows"
    _write_table(source, table, "stream")
    sizes = {}
    for alignment in (8, 64):
        output = tmp_path / f"aligned{alignment}.{EXTENSION[fmt]}"
        args = ["--alignment", "8"] if alignment == 8 else []
        cli.ok("convert", source, output, "--format", fmt, *args)
        data = output.read_bytes()
        messages = _messages(data)
        assert len(messages) == 4
        # (In a file the schema message follows the 8 bytes of magic and padding, as in pyarrow's.)
        starts = [start for start, _, _ in messages[1:]]
        bodies = [body for _, body, _ in messages[1:]]
        assert all(position % alignment == 0 for position in starts + bodies), (alignment, starts, bodies)
        assert read_ipc(output).table.equals(table)
        sizes[alignment] = len(data)
    assert sizes[8] < sizes[64]
