"""`arrow-ipc recover`: a file or stream pyarrow wrote, cut anywhere, gives back its leading batches.

pyarrow writes a file and a stream of several compressed batches with a dictionary column and
metadata; each is cut at every message boundary and in the middle of every message. pyarrow
refuses the cut input (a file without its footer, a stream that ends inside a message), which is
the point of recovering it; `arrow-ipc recover` writes every batch before the cut, which pyarrow
then reads equal to the same leading batches of the original, metadata included.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, IPCContents, assert_same_contents, read_ipc

COMPRESSIONS = ("zstd", "lz4")
BATCH_ROWS = (40, 0, 25, 60, 33)


def _batches(fmt: str) -> tuple[pa.Schema, list[pa.RecordBatch]]:
    """Batches of ints, floats with nulls, strings and a dictionary column. A stream gets a new
    dictionary in each batch (replacements); a file, which allows one dictionary, slices of one."""
    rng = np.random.default_rng(14)
    schema = pa.schema(
        [
            pa.field("id", pa.int64()),
            pa.field("x", pa.float64(), metadata={"unit": "m"}),
            pa.field("name", pa.string()),
            pa.field("kind", pa.dictionary(pa.int32(), pa.string())),
        ],
        metadata={"origin": "test_recover"},
    )
    shared = pa.array(["alpha", "beta", "gamma", "delta"])
    batches = []
    first = 0
    for number, rows in enumerate(BATCH_ROWS):
        x = rng.normal(size=rows)
        dictionary = shared if fmt == "file" else pa.array([f"k{number}-{i}" for i in range(3 + number)])
        indices = pa.array(rng.integers(0, len(dictionary), size=rows), type=pa.int32())
        batches.append(
            pa.record_batch(
                [
                    pa.array(np.arange(first, first + rows)),
                    pa.array(x, mask=rng.random(rows) < 0.2),
                    pa.array([f"row {first + i}" * (i % 4) for i in range(rows)]),
                    pa.DictionaryArray.from_arrays(indices, dictionary),
                ],
                schema=schema,
            )
        )
        first += rows
    return schema, batches


def _write(path: Path, fmt: str, compression: str) -> IPCContents:
    schema, batches = _batches(fmt)
    options = pa.ipc.IpcWriteOptions(compression=compression)
    if fmt == "file":
        writer = pa.ipc.new_file(str(path), schema, options=options, metadata={"footer": "yes"})
    else:
        writer = pa.ipc.new_stream(str(path), schema, options=options)
    with writer:
        for number, batch in enumerate(batches):
            writer.write_batch(batch, custom_metadata={"batch": str(number)} if number % 2 == 0 else None)
    return read_ipc(path)


def _message_ends(data: bytes, fmt: str) -> list[tuple[str, int]]:
    """(type, end offset) of every message before the end-of-stream marker, as pyarrow frames them."""
    reader = pa.BufferReader(pa.py_buffer(data))
    if fmt == "file":
        reader.seek(8)
    ends = []
    while True:
        try:
            message = pa.ipc.read_message(reader)
        except EOFError:
            return ends
        ends.append((message.type, reader.tell()))


def _cuts(data: bytes, ends: list[tuple[str, int]]) -> list[int]:
    """Every message boundary, the middle of every message, and the middle of what follows."""
    starts = [8 if data[:6] == b"ARROW1" else 0] + [end for _, end in ends]
    cuts = set(end for _, end in ends)
    cuts.update((start + end) // 2 for start, end in zip(starts, starts[1:] + [len(data)]))
    return sorted(cut for cut in cuts if 0 < cut < len(data))


def _pyarrow_refuses(data: bytes, fmt: str) -> bool:
    try:
        if fmt == "file":
            pa.ipc.open_file(pa.py_buffer(data)).read_all()
        else:
            pa.ipc.open_stream(pa.py_buffer(data)).read_all()
    except (pa.ArrowInvalid, OSError, EOFError):
        return True
    return False


def _leading(original: IPCContents, count: int) -> IPCContents:
    """The first `count` batches of `original`, without footer metadata (the footer is cut off)."""
    return IPCContents(original.format, original.schema, original.batches[:count], original.batch_metadata[:count], None)


@pytest.mark.parametrize("compression", COMPRESSIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cut_input_gives_back_its_leading_batches(cli, tmp_path, fmt, compression):
    source = tmp_path / f"source.{EXTENSION[fmt]}"
    original = _write(source, fmt, compression)
    data = source.read_bytes()
    ends = _message_ends(data, fmt)
    schema_end = ends[0][1]
    for cut in _cuts(data, ends):
        broken = tmp_path / f"broken.{EXTENSION[fmt]}"
        broken.write_bytes(data[:cut])
        at_boundary = any(cut == end for _, end in ends)
        # A file without its footer is refused wherever it is cut; a stream that ends between
        # two messages is a valid stream without its end-of-stream marker.
        if fmt == "file" or not at_boundary:
            assert _pyarrow_refuses(data[:cut], fmt), f"pyarrow read {fmt} cut at {cut}"
        fixed = tmp_path / f"fixed-{cut}.{EXTENSION[fmt]}"
        if cut < schema_end:
            proc = cli.fails("recover", broken, fixed, code=1)
            assert b"nothing can be recovered without the schema" in proc.stderr
            assert not fixed.exists()
            continue
        proc = cli.ok("recover", broken, fixed)
        kept = sum(1 for kind, end in ends if kind == "record batch" and end <= cut)
        report = proc.stdout.decode()
        assert f"recovered {kept} batch" in report, report
        if fmt == "stream" and at_boundary:
            assert "whole stream" in report, report
        else:
            last_end = max([end for _, end in ends if end <= cut])
            assert f"breaks at byte {last_end} " in report, report
        recovered = read_ipc(fixed)
        assert recovered.format == fmt
        assert_same_contents(_leading(original, kept), recovered, footer=True)


@pytest.mark.parametrize("dst_fmt", FORMATS)
@pytest.mark.parametrize("src_fmt", FORMATS)
def test_into_either_format(cli, tmp_path, src_fmt, dst_fmt):
    source = tmp_path / f"source.{EXTENSION[src_fmt]}"
    original = _write(source, src_fmt, "zstd")
    data = source.read_bytes()
    ends = _message_ends(data, src_fmt)
    # In the middle of the fourth record batch message.
    batch_ends = [end for kind, end in ends if kind == "record batch"]
    cut = (batch_ends[2] + batch_ends[3]) // 2
    broken = tmp_path / "broken.bin"
    broken.write_bytes(data[:cut])
    fixed = tmp_path / "fixed.bin"
    cli.ok("recover", broken, fixed, "--format", dst_fmt, "--compression", "lz4")
    recovered = read_ipc(fixed)
    assert recovered.format == dst_fmt
    # A file keeps one dictionary per column, so the stream's replacements are unified: compare
    # the decoded values.
    expected = pa.Table.from_batches(original.batches[:3], schema=original.schema)
    assert _decoded(recovered.table).equals(_decoded(expected), check_metadata=True)
    assert [b.num_rows for b in recovered.batches] == list(BATCH_ROWS[:3])
    assert recovered.batch_metadata == original.batch_metadata[:3]


def _decoded(table: pa.Table) -> pa.Table:
    columns = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.Table.from_arrays(columns, schema=pa.schema(
        [f.with_type(f.type.value_type) if pa.types.is_dictionary(f.type) else f for f in table.schema],
        metadata=table.schema.metadata,
    ))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_whole_input_is_copied_whole(cli, tmp_path, fmt):
    source = tmp_path / f"source.{EXTENSION[fmt]}"
    original = _write(source, fmt, "lz4")
    fixed = tmp_path / f"fixed.{EXTENSION[fmt]}"
    proc = cli.ok("recover", source, fixed)
    assert f"recovered {len(BATCH_ROWS)} batches, {sum(BATCH_ROWS)} rows of a whole {fmt}" in proc.stdout.decode()
    assert_same_contents(original, read_ipc(fixed), footer=True)


def test_a_file_without_its_footer_is_recovered_from_its_messages(cli, tmp_path):
    source = tmp_path / "source.arrow"
    original = _write(source, "file", "zstd")
    data = source.read_bytes()
    ends = _message_ends(data, "file")
    # The footer's flatbuffer overwritten: pyarrow cannot open the file at all.
    footer_start = ends[-1][1] + 8
    damaged = data[:footer_start] + b"\xff" * (len(data) - footer_start - 10) + data[-10:]
    broken = tmp_path / "broken.arrow"
    broken.write_bytes(damaged)
    assert _pyarrow_refuses(damaged, "file")
    fixed = tmp_path / "fixed.arrow"
    proc = cli.ok("recover", broken, fixed)
    assert f"breaks at byte {ends[-1][1]} (message {len(ends)})" in proc.stdout.decode()
    assert_same_contents(_leading(original, len(BATCH_ROWS)), read_ipc(fixed), footer=True)


def test_what_is_not_arrow_has_nothing_to_recover(cli, tmp_path):
    broken = tmp_path / "broken.arrow"
    broken.write_bytes(b"id,name\n1,a\n")
    fixed = tmp_path / "fixed.arrow"
    proc = cli.fails("recover", broken, fixed, code=1)
    assert b"not an Arrow IPC stream or file" in proc.stderr
    assert not fixed.exists()
    cli.fails("recover", "-", fixed, code=2)
