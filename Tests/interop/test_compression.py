"""Compressed IPC (LZ4 frame and ZSTD) against pyarrow and polars, both ways.

- What pyarrow writes compressed (`IpcWriteOptions(compression=...)` at several levels, and
  `feather.write_feather` with its defaults) and what polars writes compressed (`write_ipc`,
  `write_ipc_stream`), `arrow-ipc` reads: `validate --full` accepts it, and `convert` to a plain
  file keeps every value.
- What `arrow-ipc convert --compression CODEC --level N` writes, for every codec, format, level and
  type family, pyarrow reads equal to the source, and polars too for the families it knows. Its
  bodies are no larger than pyarrow's at the same codec and level.
- `inspect` reports the codec and the body sizes; corrupt frames and lying length prefixes end in
  an error that names the batch and the buffer.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather
import pyarrow.ipc as ipc
import pytest
from polars.testing import assert_frame_equal

from interop_support import EXTENSION, FORMATS, assert_same_table, read_ipc
from interop_tables import classic_schema, random_batch

CODECS = ("lz4", "zstd")
# None: the codec's default (1 for both, in pyarrow and in arrow-ipc).
LEVELS = {"lz4": (None, 1, 9), "zstd": (None, 1, 7, -5)}
ROWS = 3000


def _texts(rng: random.Random, n: int) -> list[str | None]:
    words = ["alpha", "beta", "gamma", "a somewhat longer value past twelve bytes", "", "é中😀"]
    return [None if rng.random() < 0.1 else rng.choice(words) + str(rng.randrange(20)) for _ in range(n)]


def _family(name: str) -> pa.Table:
    """A seeded table of one type family, in three batches."""
    rng = random.Random(name)
    n = ROWS
    if name == "classic":
        schema = classic_schema()
        table = pa.Table.from_batches([random_batch(schema, n, np.random.default_rng(7), 0.1)])
    elif name == "dictionary":
        texts = _texts(rng, n)
        table = pa.table({
            "words": pa.array(texts).dictionary_encode(),
            "numbers": pa.array([rng.randrange(5) for _ in range(n)], pa.int64()).dictionary_encode(),
        })
    elif name == "views":
        texts = _texts(rng, n)
        table = pa.table({
            "string_view": pa.array(texts, pa.string_view()),
            "binary_view": pa.array([None if t is None else t.encode() for t in texts], pa.binary_view()),
            "list_view": pa.ListViewArray.from_arrays(
                pa.array(list(range(0, 2 * n, 2)), pa.int32()), pa.array([2] * n, pa.int32()),
                pa.array(range(2 * n), pa.int64())),
        })
    elif name == "unions_and_runs":
        types = pa.array([rng.randrange(2) for _ in range(n)], pa.int8())
        sparse = pa.UnionArray.from_sparse(
            types, [pa.array(range(n), pa.int64()), pa.array(_texts(rng, n))], ["i", "s"])
        runs = pc.run_end_encode(pa.array([rng.randrange(3) // 2 for _ in range(n)], pa.int32()))
        table = pa.table({"sparse": sparse, "runs": runs})
    elif name == "nested":
        table = pa.table({
            "list_of_struct": pa.array(
                [[{"x": rng.random(), "y": rng.choice(["a", None, "bb"])} for _ in range(rng.randrange(3))]
                 for _ in range(n)],
                pa.list_(pa.struct([("x", pa.float64()), ("y", pa.string())]))),
            "map": pa.array([[("k", rng.randrange(9))] if rng.random() < 0.8 else None for _ in range(n)],
                            pa.map_(pa.string(), pa.int32())),
        })
    else:
        raise ValueError(name)
    return pa.Table.from_batches(table.combine_chunks().to_batches(max_chunksize=n // 3 + 1))


FAMILIES = ("classic", "dictionary", "views", "unions_and_runs", "nested")
# Columns of the classic family that polars reads (it has no unions, run-end encoding, list
# views, or time zones given as offsets).
POLARS_COLUMNS = ["int64", "uint8", "float64", "string", "large_binary", "bool", "date32", "timestamp_us",
                  "duration_ms", "decimal128", "list", "large_list", "struct", "list_of_struct"]


def _polars_frame() -> pl.DataFrame:
    """The polars-readable classic columns and a categorical (dictionary) column."""
    frame = pl.from_arrow(_family("classic").select(POLARS_COLUMNS))
    words = _texts(random.Random("categories"), frame.height)
    return frame.with_columns(pl.Series("category", words, dtype=pl.Categorical))


def _write_pyarrow(table: pa.Table, path: Path, fmt: str, codec: str | None, level: int | None = None) -> None:
    options = ipc.IpcWriteOptions(compression=pa.Codec(codec, compression_level=level) if codec else None)
    new = ipc.new_file if fmt == "file" else ipc.new_stream
    with new(path, table.schema, options=options) as writer:
        for batch in table.to_batches():
            writer.write_batch(batch)


def _inspect(cli, path: Path) -> dict:
    return json.loads(cli.ok("inspect", "--json", path).stdout)


# --- we read theirs ------------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("codec", CODECS)
def test_we_read_pyarrow_compressed(cli, tmp_path, family, fmt, codec):
    table = _family(family)
    for level in LEVELS[codec]:
        source = tmp_path / f"pyarrow-{level}.{EXTENSION[fmt]}"
        _write_pyarrow(table, source, fmt, codec, level)
        cli.ok("validate", "--full", source)
        info = _inspect(cli, source)
        assert info["compression"] == codec
        assert info["bodyBytes"] < info["uncompressedBodyBytes"] or family == "unions_and_runs"
        plain = tmp_path / f"plain-{level}.arrow"
        cli.ok("convert", source, plain)
        assert _inspect(cli, plain)["compression"] is None
        assert_same_table(table, read_ipc(plain).table)


@pytest.mark.parametrize("compression", [None, "lz4", "zstd"])
def test_we_read_feather_files(cli, tmp_path, compression):
    table = _family("classic").combine_chunks()
    path = tmp_path / "data.feather"
    if compression is None:
        feather.write_feather(table, path)  # pyarrow's default: LZ4 frame
    else:
        feather.write_feather(table, path, compression=compression, compression_level=3 if compression == "zstd" else None)
    info = _inspect(cli, path)
    assert info["compression"] == (compression or "lz4")
    cli.ok("validate", "--full", path)
    plain = tmp_path / "plain.arrow"
    cli.ok("convert", path, plain)
    assert_same_table(table, read_ipc(plain).table)


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_we_read_polars_compressed(cli, tmp_path, codec, fmt):
    frame = _polars_frame()
    source = tmp_path / f"polars.{EXTENSION[fmt]}"
    if fmt == "file":
        frame.write_ipc(source, compression=codec)
    else:
        frame.write_ipc_stream(source, compression=codec)
    assert _inspect(cli, source)["compression"] == codec
    cli.ok("validate", "--full", source)
    plain = tmp_path / "plain.arrow"
    cli.ok("convert", source, plain)
    assert_frame_equal(pl.read_ipc(plain), frame)


# --- they read ours ------------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("codec", CODECS)
def test_pyarrow_reads_ours(cli, tmp_path, family, fmt, codec):
    table = _family(family)
    source = tmp_path / "source.arrow"
    _write_pyarrow(table, source, "file", None)
    for level in LEVELS[codec]:
        ours = tmp_path / f"ours-{level}.{EXTENSION[fmt]}"
        args = ["convert", source, ours, "--compression", codec, "--format", fmt]
        if level is not None:
            args += ["--level", level]
        cli.ok(*args)
        assert _inspect(cli, ours)["compression"] == codec
        assert_same_table(table, read_ipc(ours).table)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("codec", CODECS)
def test_polars_reads_ours(cli, tmp_path, fmt, codec):
    frame = _polars_frame()
    source = tmp_path / "polars.arrow"
    frame.write_ipc(source, compression="uncompressed")
    for level in LEVELS[codec]:
        ours = tmp_path / f"ours-{level}.{EXTENSION[fmt]}"
        args = ["convert", source, ours, "--compression", codec, "--format", fmt]
        if level is not None:
            args += ["--level", level]
        cli.ok(*args)
        read = pl.read_ipc if fmt == "file" else pl.read_ipc_stream
        assert_frame_equal(read(ours), frame)


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("codec", CODECS)
def test_our_bodies_are_no_larger_than_pyarrows(cli, tmp_path, family, codec):
    table = _family(family)
    source = tmp_path / "source.arrow"
    _write_pyarrow(table, source, "file", None)
    for level in LEVELS[codec]:
        theirs = tmp_path / f"pyarrow-{level}.arrow"
        _write_pyarrow(table, theirs, "file", codec, level)
        ours = tmp_path / f"ours-{level}.arrow"
        args = ["convert", source, ours, "--compression", codec, "--alignment", 8]
        if level is not None:
            args += ["--level", level]
        cli.ok(*args)
        ours_bytes, theirs_bytes = _inspect(cli, ours)["bodyBytes"], _inspect(cli, theirs)["bodyBytes"]
        assert ours_bytes <= theirs_bytes, f"level {level}: ours {ours_bytes} bytes, pyarrow {theirs_bytes}"


def test_incompressible_buffers_are_stored_raw(cli, tmp_path):
    noise = np.random.default_rng(3).integers(-(2**63), 2**63 - 1, size=50_000, dtype=np.int64)
    table = pa.table({"noise": noise, "zeros": np.zeros(50_000, dtype=np.int64)})
    source = tmp_path / "source.arrow"
    _write_pyarrow(table, source, "file", None)
    for codec in CODECS:
        ours = tmp_path / f"ours-{codec}.arrow"
        cli.ok("convert", source, ours, "--compression", codec)
        info = _inspect(cli, ours)
        # The noise is stored raw (8 bytes of prefix more), the zeros shrink to almost nothing.
        assert 400_000 + 8 <= info["bodyBytes"] < 400_000 + 2_000
        assert info["uncompressedBodyBytes"] == 800_000
        assert_same_table(table, read_ipc(ours).table)


# --- errors --------------------------------------------------------------------------------------


def _first_body_offset(path: Path) -> int:
    """The file offset of the body of the first record batch of a file without dictionaries."""
    with pa.memory_map(str(path)) as source:
        source.seek(8)  # the magic and its padding
        ipc.read_message(source)  # the schema
        message = ipc.read_message(source)
        assert message.type == "record batch"
        return source.tell() - message.body.size


@pytest.mark.parametrize("codec", CODECS)
def test_corrupt_frames_and_lying_lengths_are_errors(cli, tmp_path, codec):
    values = np.arange(20_000, dtype=np.int64) % 100
    table = pa.table({"v": values})
    path = tmp_path / "good.arrow"
    _write_pyarrow(table, path, "file", codec)
    body_offset = _first_body_offset(path)
    good = path.read_bytes()
    prefix = int.from_bytes(good[body_offset:body_offset + 8], "little", signed=True)
    # Buffer 0, the validity bitmap of a column without nulls, is empty: buffer 1 starts the body.
    assert prefix == 160_000
    cases = {
        "longer": (body_offset, (160_001).to_bytes(8, "little")),
        "shorter": (body_offset, (159_999).to_bytes(8, "little")),
        "bomb": (body_offset, (1 << 40).to_bytes(8, "little")),
        "negative": (body_offset, (-7).to_bytes(8, "little", signed=True)),
        "frame": (body_offset + 8 + 4, b"\xff\xff\xff\xff"),
    }
    for name, (offset, patch) in cases.items():
        broken = bytearray(good)
        broken[offset:offset + len(patch)] = patch
        bad = tmp_path / f"{name}.arrow"
        bad.write_bytes(bytes(broken))
        for command in (["validate", "--full", bad], ["cat", bad]):
            proc = cli.fails(*command, code=1)
            message = proc.stderr.decode()
            assert "record batch 0" in message and "buffer 1" in message, (name, message)
