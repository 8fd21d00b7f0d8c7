"""The official Arrow golden files against arrow-ipc, judged by pyarrow.

- What we write from each golden JSON (`integration --mode json-to-arrow`) pyarrow reads equal
  to the golden `.arrow_file` that Arrow C++ wrote from the same JSON.
- `integration --mode validate` accepts each golden file against its JSON.
- `file-to-stream` and `stream-to-file` turn the golden files into each other's format equal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("ARROW_TESTING_DATA", REPO.parent / "shared" / "arrow-testing" / "data"))
INTEGRATION = DATA / "arrow-ipc-stream" / "integration"
SETS = ["cpp-21.0.0", "1.0.0-littleendian", "0.14.1"]
CASES = [
    "primitive", "primitive_no_batches", "primitive_zerolength", "primitive_large_offsets",
    "binary", "binary_no_batches", "binary_zerolength", "large_binary",
    "datetime", "decimal", "decimal32", "decimal64", "decimal256", "duration", "interval", "interval_mdn",
    "nested", "recursive_nested", "nested_large_offsets", "map", "map_non_canonical",
    "null", "null_trivial", "duplicate_fieldnames", "custom_metadata",
]
GOLDEN = [
    f"{set_}/{name}"
    for set_ in SETS
    for name in CASES
    if (INTEGRATION / set_ / f"generated_{name}.json.gz").exists()
]

pytestmark = pytest.mark.skipif(
    not INTEGRATION.is_dir(), reason=f"the Arrow golden files are absent ({DATA}); set ARROW_TESTING_DATA"
)


def golden(case: str, suffix: str) -> Path:
    set_, name = case.split("/")
    return INTEGRATION / set_ / f"generated_{name}.{suffix}"


def canonical_maps(table: pa.Table) -> pa.Table:
    """Arrow leaves map child names to the writer; C++ renames them in some golden files."""

    def fix(type_: pa.DataType) -> pa.DataType:
        if pa.types.is_map(type_):
            return pa.map_(fix(type_.key_type), pa.field("value", fix(type_.item_type), type_.item_field.nullable),
                           keys_sorted=type_.keys_sorted)
        if pa.types.is_struct(type_):
            return pa.struct([f.with_type(fix(f.type)) for f in type_])
        if pa.types.is_large_list(type_):
            return pa.large_list(type_.value_field.with_type(fix(type_.value_type)))
        if pa.types.is_fixed_size_list(type_):
            return pa.list_(type_.value_field.with_type(fix(type_.value_type)), type_.list_size)
        if pa.types.is_list(type_):
            return pa.list_(type_.value_field.with_type(fix(type_.value_type)))
        return type_

    schema = pa.schema([f.with_type(fix(f.type)) for f in table.schema], metadata=table.schema.metadata)
    return table.cast(schema) if schema != table.schema else table


def test_golden_cases_are_found():
    assert len(GOLDEN) >= 45


@pytest.mark.parametrize("case", GOLDEN)
def test_json_to_arrow_equals_the_golden_file(cli, tmp_path, case):
    ours = tmp_path / "ours.arrow"
    cli.ok("integration", "--mode", "json-to-arrow", "--json", golden(case, "json.gz"), "--arrow", ours)
    with ipc.open_file(golden(case, "arrow_file")) as theirs_reader, ipc.open_file(ours) as ours_reader:
        theirs = theirs_reader.read_all()
        written = ours_reader.read_all()
        assert ours_reader.num_record_batches == theirs_reader.num_record_batches
    assert canonical_maps(written).equals(canonical_maps(theirs), check_metadata=True), case


@pytest.mark.parametrize("case", GOLDEN)
def test_integration_validate_accepts_the_golden_file(cli, case):
    cli.ok("integration", "--mode", "validate", "--json", golden(case, "json.gz"), "--arrow", golden(case, "arrow_file"))


@pytest.mark.parametrize("case", [c for c in GOLDEN if c.startswith("cpp-21.0.0/")])
def test_file_to_stream_and_back(cli, tmp_path, case):
    stream = cli.ok("integration", "--mode", "file-to-stream", "--arrow", golden(case, "arrow_file")).stdout
    expected = ipc.open_file(golden(case, "arrow_file")).read_all()
    assert ipc.open_stream(stream).read_all().equals(expected, check_metadata=True)
    back = tmp_path / "back.arrow"
    cli.ok("integration", "--mode", "stream-to-file", "--arrow", back, stdin=golden(case, "stream").read_bytes())
    assert ipc.open_file(back).read_all().equals(ipc.open_stream(golden(case, "stream")).read_all(), check_metadata=True)
