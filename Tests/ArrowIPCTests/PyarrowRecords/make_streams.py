"""Writes the streams and files in streams/ beside this script: inputs as pyarrow writes them,
which PushDecoderTests.swift pushes into ArrowStreamDecoder in chunks of every size and compares
with what the readers give for the same bytes.

They cover every classic type (interop_tables.CLASSIC_TYPES, with nulls) and the newer types pyarrow
writes (views, run-end encoded, unions, uuid, dictionaries nested in lists), uncompressed and
compressed with LZ4 and ZSTD, dictionaries extended by deltas and replaced, empty batches, no
batches at all and no columns, as streams (`.arrows`) and files (`.arrow`).

Run from anywhere with a Python that has pyarrow and numpy (the interop suite's .venv has them):
    .venv/bin/python Tests/ArrowIPCTests/PyarrowRecords/make_streams.py
Everything is derived from fixed seeds; the tests need no particular values, only what the readers
read.
"""

import sys
import uuid
from pathlib import Path

import numpy as np
import pyarrow as pa

HERE = Path(__file__).resolve().parent
OUT = HERE / "streams"
sys.path.insert(0, str(HERE.parents[1] / "interop"))

import interop_tables  # noqa: E402  (after the path is set)

WORDS = ["alpha", "beta", "γάμμα", "", "delta", "😀", "epsilon", "zeta", "eta", "theta"]


def classic() -> list[pa.RecordBatch]:
    """Every classic type with 20 % nulls, in batches of 17, 0 and 23 rows."""
    rng = np.random.default_rng(14)
    schema = interop_tables.classic_schema(metadata={"case": "push decoder"})
    return [interop_tables.random_batch(schema, n, rng, 0.2) for n in (17, 0, 23)]


def newer() -> list[pa.RecordBatch]:
    """Views, run-end encoded, unions, uuid and a dictionary inside a list, two batches."""
    def batch(offset: int) -> pa.RecordBatch:
        n = 6
        strings = [None if i % 4 == 3 else f"value {i + offset} " + "x" * (i * 3) for i in range(n)]
        ints = pa.array([i + offset for i in range(n)], pa.int32())
        sparse = pa.UnionArray.from_sparse(
            pa.array([0, 1, 0, 1, 1, 0], pa.int8()),
            [pa.array([1.5, None, -2.0, 0.0, 3.0, 4.0]), pa.array(["a", "b", None, "d", "e", "f"])], ["f", "s"])
        dense = pa.UnionArray.from_dense(
            pa.array([0, 1, 1, 0, 0, 1], pa.int8()), pa.array([0, 0, 1, 1, 2, 2], pa.int32()),
            [pa.array([10, 11, None], pa.int64()), pa.array([b"p", b"", b"qq"], pa.binary())], ["i", "b"])
        words = pa.DictionaryArray.from_arrays(pa.array([i % 3 for i in range(9)], pa.int16()), pa.array(WORDS[:3]))
        listed = pa.ListArray.from_arrays(pa.array([0, 2, 2, 5, 6, 9, 9], pa.int32()), words)
        return pa.record_batch({
            "string_view": pa.array(strings, pa.string_view()),
            "binary_view": pa.array([None if s is None else s.encode() for s in reversed(strings)], pa.binary_view()),
            "list_view": pa.ListViewArray.from_arrays(pa.array([0, 2, 1, 4, 0, 5], pa.int32()), pa.array([2, 0, 3, 2, 1, 1], pa.int32()), ints),
            "large_list_view": pa.LargeListViewArray.from_arrays(pa.array([5, 0, 1, 1, 3, 0], pa.int64()), pa.array([1, 6, 2, 0, 3, 1], pa.int64()), ints),
            "run_end_encoded": pa.RunEndEncodedArray.from_arrays(pa.array([2, 3, 6], pa.int32()), pa.array(["run", None, "end"])),
            "sparse_union": sparse,
            "dense_union": dense,
            "uuid": pa.array([uuid.UUID(int=i * 7919 + offset).bytes for i in range(n)], pa.uuid()),
            "list_of_dictionary": listed,
        })
    return [batch(0), batch(1)]


def growing() -> list[pa.RecordBatch]:
    """Two dictionary columns (int8 and uint32 indices) whose dictionaries grow batch by batch."""
    batches = []
    for size in (2, 2, 5, 8, 10):
        dictionary = pa.array(WORDS[:size])
        indices = [i % size for i in range(10)] + [None]
        batches.append(pa.record_batch({
            "word": pa.DictionaryArray.from_arrays(pa.array(indices, pa.int8()), dictionary),
            "reversed": pa.DictionaryArray.from_arrays(pa.array(indices[::-1], pa.uint32()), pa.array(WORDS[::-1][:size])),
        }))
    return batches


def replaced() -> list[pa.RecordBatch]:
    """A dictionary column whose dictionary changes (overlapping, reordered) from batch to batch."""
    batches = []
    for start in (0, 3, 6, 0):
        dictionary = WORDS[start:start + 4]
        indices = [None if i % 5 == 4 else (i * 7) % len(dictionary) for i in range(12)]
        column = pa.DictionaryArray.from_arrays(pa.array(indices, pa.int16()), pa.array(dictionary))
        batches.append(pa.record_batch({"word": column, "row": pa.array(range(12), pa.int32())}))
    return batches


def empty_batches() -> list[pa.RecordBatch]:
    rng = np.random.default_rng(3)
    schema = pa.schema([("i", pa.int32()), ("s", pa.string()), ("l", pa.list_(pa.int8()))])
    return [interop_tables.random_batch(schema, n, rng, 0.3) for n in (0, 3, 0, 0, 5, 0)]


def write_stream(name: str, batches: list[pa.RecordBatch], schema: pa.Schema | None = None, **options) -> None:
    with pa.ipc.new_stream(str(OUT / f"{name}.arrows"), schema or batches[0].schema,
                           options=pa.ipc.IpcWriteOptions(**options)) as writer:
        for batch in batches:
            writer.write_batch(batch)


def write_file(name: str, batches: list[pa.RecordBatch], schema: pa.Schema | None = None, **options) -> None:
    with pa.ipc.new_file(str(OUT / f"{name}.arrow"), schema or batches[0].schema,
                         options=pa.ipc.IpcWriteOptions(**options)) as writer:
        for batch in batches:
            writer.write_batch(batch)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for path in OUT.iterdir():
        path.unlink()
    for name, batches in [("classic", classic()), ("newer", newer())]:
        write_stream(name, batches)
        write_file(name, batches)
        write_stream(f"{name}-lz4", batches, compression="lz4")
        write_file(f"{name}-zstd", batches, compression="zstd")
    write_stream("dictionary-deltas", growing(), emit_dictionary_deltas=True)
    write_stream("dictionary-deltas-zstd", growing(), emit_dictionary_deltas=True, compression="zstd")
    write_file("dictionary-deltas", growing(), emit_dictionary_deltas=True)
    write_stream("dictionary-replacements", replaced())
    write_stream("empty-batches", empty_batches())
    write_file("empty-batches", empty_batches())
    schema_only = interop_tables.classic_schema(metadata={"only": "a schema"})
    write_stream("no-batches", [], schema=schema_only)
    write_file("no-batches", [], schema=schema_only)
    no_columns = pa.schema([])
    write_stream("no-columns", [pa.RecordBatch.from_pylist([], schema=no_columns)] * 2, schema=no_columns)


if __name__ == "__main__":
    main()
