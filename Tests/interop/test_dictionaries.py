"""Dictionary-encoded columns between pyarrow, polars and `arrow-ipc`.

- Streams pyarrow writes with dictionary deltas (`emit_dictionary_deltas=True`) and with
  replacements (batches with different dictionaries) are read equal: converted back to a
  stream (deltas kept with `--emit-dictionary-deltas`, replacements otherwise) and to a file
  (replacements merged into one dictionary per column), pyarrow reads the same decoded values.
- Every index type, dictionaries inside lists and structs, and dictionaries of dictionaries.
- polars reads our dictionary files as Categorical columns (those without deltas: polars
  rejects delta dictionary batches); `cat --output jsonl` prints
  decoded values; `integration --mode json-to-arrow` writes the golden dictionary files so
  that pyarrow reads them equal to the Arrow C++ originals.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pytest

from interop_support import assert_same_contents, read_ipc

INDEX_TYPES = [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()]
WORDS = ["alpha", "beta", "γάμμα", "", "delta", "😀", "epsilon", "zeta", "eta", "theta"]


def _dictionary_array(indices: list[int | None], values: list, index_type: pa.DataType, value_type=pa.string()) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(indices, type=index_type), pa.array(values, type=value_type))


def _replacement_batches(index_type: pa.DataType, seed: int = 3) -> list[pa.RecordBatch]:
    """Batches whose dictionaries differ from one to the next (overlapping, reordered)."""
    rng = np.random.default_rng(seed)
    batches = []
    for start in (0, 3, 6, 0):
        dictionary = WORDS[start:start + 4] if start < 6 else WORDS[6:] + WORDS[:1]
        n = 12
        indices = [None if rng.random() < 0.2 else int(rng.integers(0, len(dictionary))) for _ in range(n)]
        column = _dictionary_array(indices, dictionary, index_type)
        batches.append(pa.record_batch([column, pa.array(range(n), type=pa.int32())], names=["word", "row"]))
    return batches


def _growing_batches(index_type: pa.DataType) -> list[pa.RecordBatch]:
    """Batches whose dictionary extends the previous one: pyarrow writes deltas for these."""
    batches = []
    for size in (2, 2, 5, 8):
        dictionary = WORDS[:size]
        indices = [i % size for i in range(10)] + [None]
        batches.append(pa.record_batch([_dictionary_array(indices, dictionary, index_type)], names=["word"]))
    return batches


def _write_stream(path: Path, batches: list[pa.RecordBatch], *, deltas: bool) -> None:
    options = pa.ipc.IpcWriteOptions(emit_dictionary_deltas=deltas)
    with pa.ipc.new_stream(str(path), batches[0].schema, options=options) as writer:
        for batch in batches:
            writer.write_batch(batch)


def _decoded(batches: list[pa.RecordBatch]) -> list[dict[str, list]]:
    """Each batch's columns as Python values, dictionaries decoded (at any depth)."""
    return [pa.Table.from_batches([batch]).to_pylist() for batch in batches]


def _stream_stats(path: Path) -> pa.ipc.ReadStats:
    with pa.ipc.open_stream(str(path)) as reader:
        reader.read_all()
        return reader.stats


@pytest.mark.parametrize("index_type", INDEX_TYPES, ids=str)
@pytest.mark.parametrize("kind", ["deltas", "replacements"])
def test_pyarrow_dictionary_streams_convert_to_stream_and_file(cli, tmp_path, index_type, kind):
    batches = _growing_batches(index_type) if kind == "deltas" else _replacement_batches(index_type)
    source = tmp_path / "source.arrows"
    _write_stream(source, batches, deltas=kind == "deltas")
    stats = _stream_stats(source)
    if kind == "deltas":
        assert stats.num_dictionary_deltas == 2, "pyarrow should have written deltas"
    else:
        assert stats.num_replaced_dictionaries == 3, "pyarrow should have written replacements"
    expected = _decoded(read_ipc(source).batches)

    # stream -> stream, deltas kept as deltas (or replacements as replacements).
    stream = tmp_path / "out.arrows"
    cli.ok("convert", source, stream, "--format", "stream", "--emit-dictionary-deltas")
    assert _decoded(read_ipc(stream).batches) == expected
    ours = _stream_stats(stream)
    assert (ours.num_dictionary_deltas, ours.num_replaced_dictionaries) == (
        stats.num_dictionary_deltas, stats.num_replaced_dictionaries)

    # stream -> stream without deltas: every change is a replacement.
    replacing = tmp_path / "replacing.arrows"
    cli.ok("convert", source, replacing, "--format", "stream")
    assert _decoded(read_ipc(replacing).batches) == expected
    assert _stream_stats(replacing).num_dictionary_deltas == 0

    # stream -> file: one dictionary per column, extended by deltas.
    file = tmp_path / "out.arrow"
    cli.ok("convert", source, file, "--format", "file")
    contents = read_ipc(file)
    assert contents.schema.field("word").type == pa.dictionary(index_type, pa.string())
    assert _decoded(contents.batches) == expected


@pytest.mark.parametrize("fmt", ["file", "stream"])
def test_dictionaries_inside_lists_and_structs(cli, tmp_path, fmt):
    inner = _dictionary_array([0, 1, None, 2, 1, 0], ["x", "y", "z"], pa.int16())
    lists = pa.ListArray.from_arrays(pa.array([0, 2, 2, 6], type=pa.int32()), inner)
    structs = pa.StructArray.from_arrays([inner.slice(0, 3), pa.array([1, 2, 3])], names=["d", "n"])
    # A dictionary whose values are lists of dictionary-encoded strings.
    nested = pa.DictionaryArray.from_arrays(pa.array([1, 0, None], type=pa.int8()), lists.slice(0, 2))
    batch = pa.record_batch([lists, structs, nested], names=["lists", "structs", "nested"])
    source = tmp_path / "source.arrow"
    with pa.ipc.new_file(str(source), batch.schema) as writer:
        writer.write_batch(batch)
        writer.write_batch(batch.slice(1, 2))
    output = tmp_path / f"out.{'arrow' if fmt == 'file' else 'arrows'}"
    cli.ok("convert", source, output, "--format", fmt)
    assert_same_contents(read_ipc(source), read_ipc(output))


@pytest.mark.parametrize("index_type", INDEX_TYPES, ids=str)
def test_polars_reads_our_dictionary_file(cli, tmp_path, index_type):
    # polars reads files whose dictionaries do not change (it rejects delta dictionary
    # batches), so the batches share one dictionary.
    dictionary = pa.array(WORDS)
    batches = [
        pa.record_batch([pa.DictionaryArray.from_arrays(pa.array(indices, type=index_type), dictionary)], names=["word"])
        for indices in ([0, 1, None, 9], [5, 5, 2], [])
    ]
    source = tmp_path / "source.arrows"
    _write_stream(source, batches, deltas=False)
    output = tmp_path / "out.arrow"
    cli.ok("convert", source, output)
    frame = pl.read_ipc(output)
    assert frame.schema["word"] == pl.Categorical
    expected = [row["word"] for batch in _decoded(batches) for row in batch]
    assert frame["word"].cast(pl.String).to_list() == expected


def test_cat_prints_decoded_values(cli, tmp_path):
    batches = _replacement_batches(pa.int8())
    source = tmp_path / "source.arrows"
    _write_stream(source, batches, deltas=False)
    lines = cli.ok("cat", source, "--output", "jsonl").stdout.decode("utf-8").splitlines()
    expected = [row for batch in _decoded(batches) for row in batch]
    assert [json.loads(line) for line in lines] == expected


def _golden_root() -> Path:
    root = os.environ.get("ARROW_TESTING_DATA")
    path = Path(root) if root else Path(__file__).resolve().parents[3] / "shared" / "arrow-testing" / "data"
    return path / "arrow-ipc-stream" / "integration"


GOLDEN = [
    "cpp-21.0.0/generated_dictionary",
    "cpp-21.0.0/generated_dictionary_unsigned",
    "cpp-21.0.0/generated_nested_dictionary",
    "4.0.0-shareddict/generated_shared_dict",
    "0.14.1/generated_dictionary",
]


@pytest.mark.parametrize("name", GOLDEN)
def test_json_to_arrow_writes_golden_dictionaries(cli, tmp_path, name):
    base = _golden_root() / name
    if not base.with_suffix(".json.gz").exists():
        pytest.skip(f"the golden files are not at {base.parent} (set ARROW_TESTING_DATA)")
    json_path = base.with_suffix(".json.gz")
    cli.ok("integration", "--mode", "validate", "--arrow", base.with_suffix(".arrow_file"), "--json", json_path)
    output = tmp_path / "written.arrow"
    cli.ok("integration", "--mode", "json-to-arrow", "--json", json_path, "--arrow", output)
    cli.ok("integration", "--mode", "validate", "--arrow", output, "--json", json_path)
    ours = pa.ipc.open_file(str(output)).read_all()
    ours.validate(full=True)
    theirs = pa.ipc.open_file(str(base.with_suffix(".arrow_file"))).read_all()
    assert ours.to_pylist() == theirs.to_pylist()
    assert ours.schema.equals(theirs.schema)
