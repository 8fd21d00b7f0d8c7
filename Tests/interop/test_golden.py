"""The official Arrow golden files against arrow-ipc, judged by pyarrow.

Every case of every set under arrow-ipc-stream/integration is tested (the folders are listed,
so a case added upstream is not forgotten), the compressed 2.0.0-compression set included:

- What we write from each golden JSON (`integration --mode json-to-arrow`) pyarrow reads equal
  to the golden `.arrow_file` that Arrow C++ wrote from the same JSON — and it is little-endian,
  whatever the golden file's byte order.
- `integration --mode validate` accepts each golden file against its JSON, and the file
  `stream-to-file` makes from each golden stream.
- `file-to-stream` and `stream-to-file` turn the golden files into each other's format equal.
- A schema from a future metadata version (forward-compatibility/schema_v6.arrow) is refused
  with an error that names the version.
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
# The sets expected at least, so that a misplaced data folder shows.
KNOWN_SETS = {
    "0.14.1", "0.17.1", "1.0.0-bigendian", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict", "cpp-21.0.0",
}


def _cases() -> list[str]:
    if not INTEGRATION.is_dir():
        return []
    return [
        f"{folder.name}/{json.name[len('generated_'):-len('.json.gz')]}"
        for folder in sorted(INTEGRATION.iterdir())
        if folder.is_dir()
        for json in sorted(folder.glob("generated_*.json.gz"))
    ]


GOLDEN = _cases()
SCHEMA_V6 = DATA / "forward-compatibility" / "schema_v6.arrow"

pytestmark = pytest.mark.skipif(
    not INTEGRATION.is_dir(), reason=f"the Arrow golden files are absent ({DATA}); set ARROW_TESTING_DATA"
)


def golden(case: str, suffix: str) -> Path:
    set_, name = case.split("/")
    return INTEGRATION / set_ / f"generated_{name}.{suffix}"


# Read as written, without conversion: only little-endian data then reads back right.
AS_WRITTEN = ipc.IpcReadOptions(ensure_native_endian=False)


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


def test_every_set_is_found():
    sets = {case.split("/")[0] for case in GOLDEN}
    assert KNOWN_SETS <= sets, f"missing golden sets: {sorted(KNOWN_SETS - sets)}"
    assert len(GOLDEN) >= 87
    for case in GOLDEN:
        assert golden(case, "arrow_file").is_file() and golden(case, "stream").is_file(), case


@pytest.mark.parametrize("case", GOLDEN)
def test_json_to_arrow_equals_the_golden_file(cli, tmp_path, case):
    ours = tmp_path / "ours.arrow"
    cli.ok("integration", "--mode", "json-to-arrow", "--json", golden(case, "json.gz"), "--arrow", ours)
    # pyarrow converts a big-endian golden file to native order: the JSON's values.
    with ipc.open_file(golden(case, "arrow_file")) as theirs_reader:
        theirs = theirs_reader.read_all()
        batch_count = theirs_reader.num_record_batches
    with ipc.open_file(ours, options=AS_WRITTEN) as ours_reader:
        written = ours_reader.read_all()
        assert ours_reader.num_record_batches == batch_count
    assert canonical_maps(written).equals(canonical_maps(theirs), check_metadata=True), case


@pytest.mark.parametrize("case", GOLDEN)
def test_integration_validate_accepts_the_golden_file(cli, case):
    cli.ok("integration", "--mode", "validate", "--json", golden(case, "json.gz"), "--arrow", golden(case, "arrow_file"))


@pytest.mark.parametrize("case", GOLDEN)
def test_golden_stream_read_equals_its_json(cli, tmp_path, case):
    converted = tmp_path / "from-stream.arrow"
    cli.ok("integration", "--mode", "stream-to-file", "--arrow", converted, stdin=golden(case, "stream").read_bytes())
    cli.ok("integration", "--mode", "validate", "--json", golden(case, "json.gz"), "--arrow", converted)


@pytest.mark.parametrize("case", GOLDEN)
def test_file_to_stream_and_back(cli, tmp_path, case):
    stream = cli.ok("integration", "--mode", "file-to-stream", "--arrow", golden(case, "arrow_file")).stdout
    expected = ipc.open_file(golden(case, "arrow_file")).read_all()
    assert ipc.open_stream(stream, options=AS_WRITTEN).read_all().equals(expected, check_metadata=True)
    back = tmp_path / "back.arrow"
    cli.ok("integration", "--mode", "stream-to-file", "--arrow", back, stdin=golden(case, "stream").read_bytes())
    assert ipc.open_file(back, options=AS_WRITTEN).read_all().equals(
        ipc.open_stream(golden(case, "stream")).read_all(), check_metadata=True
    )


@pytest.mark.parametrize(
    "command",
    [("validate",), ("validate", "--full"), ("inspect",), ("cat", "--output", "jsonl"), ("convert", "{out}")],
    ids=lambda command: " ".join(command[:2]),
)
def test_future_metadata_version_is_refused_by_name(cli, tmp_path, command):
    assert SCHEMA_V6.is_file(), f"{SCHEMA_V6} is missing from the golden data"
    output = tmp_path / "out.arrows"
    args = [command[0], SCHEMA_V6, *(str(output) if a == "{out}" else a for a in command[1:])]
    message = cli.fails(*args, code=1).stderr.decode("utf-8", errors="replace")
    assert "V6" in message, f"the error does not name the metadata version: {message!r}"
    assert not output.exists(), "no output is left behind"
