"""Hostile circumstances (issue 11): the CLI fails cleanly when the world around it misbehaves.

Not bad bytes (test_validate_and_errors.py covers those) but bad surroundings: standard output on
a full device, closed, or a pipe nobody reads; limits given on the command line; outputs killed
half-written, symlinked, FIFOs or devices; inputs that are FIFOs, devices or directories; a file
that shrinks while it is read; big inputs that must not be held in memory at once; a full disk.

The cases are numbered as in the issue; each test names the case it covers. The expectations:

- a failure is exit code 1 and ONE line on stderr starting with `arrow-ipc: `;
- a reader that goes away (broken pipe) ends the tool quietly: SIGPIPE or exit 0, nothing on stderr;
- the tool is never killed by a signal of its own making (SIGILL from a Swift trap, SIGBUS from a
  shrunken mapping, SIGXFSZ, ...), and a signal sent to it leaves no partial output behind.

Some tests spawn the binary with `subprocess` directly instead of the `cli` fixture, because they
need signals, FIFOs, closed descriptors, resource limits or memory measurements. Data is made
with pyarrow and numpy in temporary folders (big data in /dev/shm when it exists).
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

import numpy as np
import pyarrow as pa
import pytest

from interop_support import assert_same_contents, read_ipc, read_ipc_bytes

# Signals whose default action dumps core: the tool must never end with one of these.
CORE_SIGNALS = {
    signal.SIGQUIT, signal.SIGILL, signal.SIGTRAP, signal.SIGABRT, signal.SIGBUS,
    signal.SIGFPE, signal.SIGSEGV, signal.SIGSYS, signal.SIGXCPU, signal.SIGXFSZ,
}
# How long a small operation may take before the test calls it a hang.
SHORT_TIMEOUT = 10
# How long failing on an endless input (/dev/zero) may take: reading it up to a size limit is
# allowed, reading it forever is not.
ENDLESS_INPUT_SECONDS = 8
# Virtual memory cap for runs against endless inputs (/dev/zero), so a tool that slurps
# them fails the test instead of exhausting the machine.
ENDLESS_INPUT_ADDRESS_SPACE = 8 << 30


# ---------------------------------------------------------------------------------------------
# Running the binary by hand


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _how_it_ended(returncode: int) -> str:
    return f"killed by {_signal_name(-returncode)}" if returncode < 0 else f"exit code {returncode}"


def _child_setup(rlimits: dict[int, int] | None = None) -> Callable[[], None]:
    """A preexec_fn: default dispositions for the signals the tests send (a shell may have
    started pytest with SIGINT ignored, which exec would pass on), nothing blocked, limits set."""

    def setup() -> None:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        for which, limit in (rlimits or {}).items():
            _, hard = resource.getrlimit(which)
            resource.setrlimit(which, (limit, hard))

    return setup


def _spawn(binary: Path, *args: object, rlimits: dict[int, int] | None = None, **popen) -> subprocess.Popen:
    popen.setdefault("stdin", subprocess.DEVNULL)
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([str(binary), *map(str, args)], preexec_fn=_child_setup(rlimits), **popen)


def _finish(proc: subprocess.Popen, timeout: float, what: str) -> tuple[bytes, bytes]:
    """communicate() with a deadline; a hang kills the process and fails the test."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(
            f"{what} did not finish within {timeout} s (a hang); stderr so far:\n"
            f"{err.decode('utf-8', 'replace')[-2000:]}"
        ) from None
    return out or b"", err or b""


def _run(binary: Path, *args: object, timeout: float = SHORT_TIMEOUT, **spawn) -> subprocess.CompletedProcess:
    """Runs the binary to the end (or fails the test on a hang) and returns what it did."""
    what = "arrow-ipc " + " ".join(map(str, args))
    proc = _spawn(binary, *args, **spawn)
    out, err = _finish(proc, timeout, what)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _report(proc: subprocess.CompletedProcess | subprocess.Popen, stderr: bytes, stdout: bytes = b"") -> str:
    args = proc.args if isinstance(proc.args, (list, tuple)) else [proc.args]
    text = stderr.decode("utf-8", "replace")
    return (
        f"command: {' '.join(map(str, args))}\n{_how_it_ended(proc.returncode)}\n"
        f"stderr:\n{text[-3000:]}\nstdout ({len(stdout)} bytes): {stdout[:300]!r}"
    )


def _assert_not_crashed(proc, stderr: bytes, stdout: bytes = b"") -> None:
    rc = proc.returncode
    assert not (rc < 0 and -rc in CORE_SIGNALS), "arrow-ipc crashed\n" + _report(proc, stderr, stdout)
    assert rc <= 2, "arrow-ipc exited with a code above 2 (a crash?)\n" + _report(proc, stderr, stdout)


def _one_error_line(proc, stderr: bytes, *keywords: str, code: int = 1) -> str:
    """Exit `code`, and stderr is exactly one `arrow-ipc: ` line holding every keyword."""
    _assert_not_crashed(proc, stderr)
    assert proc.returncode == code, f"expected exit code {code}\n" + _report(proc, stderr)
    lines = stderr.decode("utf-8", "replace").splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {len(lines)}\n" + _report(proc, stderr)
    line = lines[0]
    assert line.startswith("arrow-ipc: "), f"the message should start with 'arrow-ipc: ': {line!r}"
    for keyword in keywords:
        assert keyword.lower() in line.lower(), f"the message should mention {keyword!r}: {line!r}"
    return line


def _entries(directory: Path) -> list[str]:
    """Everything in a folder, dot files included."""
    return sorted(os.listdir(directory))


# ---------------------------------------------------------------------------------------------
# Data


def _write(path: Path, table: pa.Table, fmt: str, *, max_chunksize: int | None = None, **options) -> Path:
    write_options = pa.ipc.IpcWriteOptions(**options) if options else None
    opener = pa.ipc.new_file if fmt == "file" else pa.ipc.new_stream
    with opener(str(path), table.schema, options=write_options) as writer:
        writer.write_table(table, max_chunksize=max_chunksize)
    return path


def _small_table() -> pa.Table:
    n = 1000
    return pa.table({"i": pa.array(np.arange(n, dtype=np.int64)), "s": pa.array([f"row {k}" for k in range(n)])})


@pytest.fixture(scope="module")
def big_dir() -> Iterator[Path]:
    """A scratch folder for big data, in memory (/dev/shm) when possible."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    directory = Path(tempfile.mkdtemp(prefix="arrow-ipc-faults-", dir=base))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fault-data")


@pytest.fixture(scope="module")
def small(data_dir) -> Path:
    """1000 rows (int64 and string) in 10 batches, file format."""
    return _write(data_dir / "small.arrow", _small_table(), "file", max_chunksize=100)


@pytest.fixture(scope="module")
def small_stream(data_dir) -> Path:
    return _write(data_dir / "small.arrows", _small_table(), "stream", max_chunksize=100)


@pytest.fixture(scope="module")
def many_rows(data_dir) -> Path:
    """200k rows in 20 batches: several MB of text when printed."""
    n = 200_000
    table = pa.table({"i": pa.array(np.arange(n, dtype=np.int64)), "s": pa.array([f"row {k}" for k in range(n)])})
    return _write(data_dir / "many.arrow", table, "file", max_chunksize=10_000)


SLOW_CONVERT = ("--compression", "zstd", "--level", "19")
SLOW_ROWS = 650_000  # ~10 MB: about 1.5 s of zstd level 19 in a debug build
SLOW_TARGET_SECONDS = 1.2


def _slow_table(rows: int) -> pa.Table:
    """Data that zstd level 19 compresses well but slowly."""
    rng = np.random.default_rng(11)
    return pa.table({
        "a": pa.array(rng.integers(0, 1000, rows)),
        "b": pa.array(np.repeat(np.arange(rows // 100 + 1), 100)[:rows]),
    })


@pytest.fixture(scope="module")
def slow_input(arrow_ipc, data_dir) -> tuple[Path, Path, float]:
    """The slow-to-compress input of cases 3 and 6 (file and stream, batches of 25 000 rows) and
    how long the conversion of the file takes here undisturbed. The size is grown (up to 8 times)
    until that takes over SLOW_TARGET_SECONDS, so the kills below land mid-run on fast builds too."""
    rows = SLOW_ROWS
    for _ in range(3):
        path = _write(data_dir / "big.arrow", _slow_table(rows), "file", max_chunksize=25_000)
        out = data_dir / "baseline-out.arrow"
        start = time.monotonic()
        proc = _run(arrow_ipc, "convert", path, out, *SLOW_CONVERT, timeout=120)
        elapsed = time.monotonic() - start
        assert proc.returncode == 0, "the slow conversion fails even undisturbed\n" + _report(proc, proc.stderr)
        assert_same_contents(read_ipc(path), read_ipc(out))
        out.unlink()
        if elapsed >= SLOW_TARGET_SECONDS or rows >= 8 * SLOW_ROWS:
            break
        rows = min(8 * SLOW_ROWS, int(rows * 1.5 * SLOW_TARGET_SECONDS / max(elapsed, 0.01)))
    assert elapsed > 0.5, f"the slow conversion of {rows} rows took only {elapsed:.2f} s"
    stream = _write(data_dir / "big.arrows", _slow_table(rows), "stream", max_chunksize=25_000)
    return path, stream, elapsed


@pytest.fixture(scope="module")
def slow(slow_input) -> Path:
    return slow_input[0]


@pytest.fixture(scope="module")
def slow_stream(slow_input) -> Path:
    return slow_input[1]


@pytest.fixture(scope="module")
def slow_convert_seconds(slow_input) -> float:
    return slow_input[2]


# ---------------------------------------------------------------------------------------------
# 1. Output failures

STDOUT_COMMANDS = {
    "cat": lambda src: ("cat", src),
    "inspect": lambda src: ("inspect", src),
    "validate": lambda src: ("validate", src),
    "convert-to-stdout": lambda src: ("convert", src, "-"),
}


# Case 1: standard output on /dev/full -> exit 1 and one `arrow-ipc:` line, never a trap.
@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_stdout_on_a_full_device(arrow_ipc, small, command):
    with open("/dev/full", "wb") as full:
        proc = _run(arrow_ipc, *STDOUT_COMMANDS[command](small), stdout=full)
    _one_error_line(proc, proc.stderr, "No space left on device")


# Case 1: standard output closed -> exit 1 and one `arrow-ipc:` line (Bad file descriptor).
@pytest.mark.parametrize("command", STDOUT_COMMANDS)
def test_stdout_closed(arrow_ipc, small, command):
    argv = [str(a) for a in STDOUT_COMMANDS[command](small)]
    proc = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" >&-', str(arrow_ipc), *argv],
        stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=SHORT_TIMEOUT,
        preexec_fn=_child_setup(),
    )
    _one_error_line(proc, proc.stderr, "Bad file descriptor")


# Case 1: the reader of standard output goes away -> SIGPIPE or exit 0, and silence on stderr.
@pytest.mark.parametrize("when", ["before-reading", "after-64KiB"])
@pytest.mark.parametrize(
    "command",
    [("cat",), ("cat", "--output", "jsonl"), ("cat", "--output", "csv"), ("convert", "-")],
    ids=["cat", "cat-jsonl", "cat-csv", "convert-to-stdout"],
)
def test_broken_pipe_is_quiet(arrow_ipc, many_rows, command, when):
    args = (command[0], many_rows, *command[1:])
    proc = _spawn(arrow_ipc, *args)
    try:
        if when == "after-64KiB":
            got = 0
            while got < 65536:
                chunk = proc.stdout.read(65536 - got)
                assert chunk, "arrow-ipc wrote less than 64 KiB\n" + _report(proc, b"")
                got += len(chunk)
        proc.stdout.close()
        _, err = _finish(proc, 60, "arrow-ipc " + " ".join(map(str, args)))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, -signal.SIGPIPE), (
        "a broken pipe should end the tool by SIGPIPE or with exit code 0\n" + _report(proc, err)
    )
    assert err == b"", "a broken pipe is not an error to report\n" + _report(proc, err)


# ---------------------------------------------------------------------------------------------
# 2. Limits exposed in the CLI


@pytest.fixture(scope="module")
def zstd_file(data_dir) -> Path:
    """A zstd-compressed file (pyarrow) with one int64 column of 10 000 rows: an 80 KB buffer
    that compresses to a few hundred bytes."""
    table = pa.table({"x": pa.array(np.arange(10_000, dtype=np.int64) % 7)})
    return _write(data_dir / "zstd.arrow", table, "file", compression="zstd")


@pytest.fixture(scope="module")
def struct_file(data_dir) -> Path:
    table = pa.table({"s": pa.array([{"a": 1, "b": "x"}, {"a": 2, "b": None}, None])})
    return _write(data_dir / "struct.arrow", table, "file")


def _command(name: str, source: Path, tmp_path: Path) -> tuple:
    if name in ("convert", "recover"):
        return (name, source, tmp_path / f"{name}ed.arrow")
    return (name, source)


COMMANDS = ["inspect", "cat", "convert", "validate", "recover"]


# Case 2: all four limit options are accepted by every command that reads; generous limits
# change nothing.
@pytest.mark.parametrize("command", COMMANDS)
def test_limit_options_are_accepted(cli, tmp_path, zstd_file, command):
    cli.ok(
        *_command(command, zstd_file, tmp_path),
        "--max-buffer-size", "64M", "--max-body-size", "8G",
        "--max-metadata-size", "1M", "--max-nesting-depth", "64",
    )


# Case 2: a decompressed buffer over --max-buffer-size is refused, and the message names the limit.
@pytest.mark.parametrize("command", ["cat", "convert", "validate"])
def test_max_buffer_size_refuses_a_big_buffer(cli, tmp_path, zstd_file, command):
    proc = cli.fails(*_command(command, zstd_file, tmp_path), "--max-buffer-size", "1K", code=1)
    message = proc.stderr.decode("utf-8", "replace")
    assert "1024" in message, f"the message should name the limit (1024 bytes): {message!r}"
    assert not (tmp_path / "converted.arrow").exists(), "a refused conversion should leave no output"


# Case 2: SIZE is a byte count with an optional binary suffix K, M, G or T.
@pytest.mark.parametrize("size, code", [
    ("1M", 0), ("2048K", 0), ("1048576", 0), ("8G", 0), ("1T", 0),
    ("80000", 0),  # exactly the buffer's size: the limit is inclusive
    ("123", 1), ("79999", 1),  # plain byte counts below the 80 000-byte buffer
])
def test_max_buffer_size_parses_sizes(cli, zstd_file, size, code):
    if code == 0:
        cli.ok("validate", zstd_file, "--max-buffer-size", size)
    else:
        cli.fails("validate", zstd_file, "--max-buffer-size", size, code=1)


# Case 2: a size that is not a byte count is a usage error (exit 2), for every size option.
@pytest.mark.parametrize("option", ["--max-buffer-size", "--max-body-size", "--max-metadata-size"])
@pytest.mark.parametrize("size", ["lots", "-5", "12Q", "K"])
def test_bad_sizes_are_usage_errors(cli, small, option, size):
    cli.fails("validate", small, option, size, code=2)


# Case 2: --max-body-size refuses a message whose body decompresses to more than the limit.
# (An uncompressed body is bounded by the input itself, so the limit need not apply to it.)
def test_max_body_size_refuses_a_big_body(cli, zstd_file):
    proc = cli.fails("validate", zstd_file, "--max-body-size", "1K", code=1)
    message = proc.stderr.decode("utf-8", "replace")
    assert "1024" in message, f"the message should name the limit (1024 bytes): {message!r}"
    cli.ok("validate", zstd_file, "--max-body-size", "1M")


# Case 2: no Arrow file has metadata of 16 bytes or less, so --max-metadata-size 16 always fails.
@pytest.mark.parametrize("command", COMMANDS)
def test_max_metadata_size_16_refuses_any_file(cli, tmp_path, small, command):
    cli.fails(*_command(command, small, tmp_path), "--max-metadata-size", "16", code=1)


# Case 2: depth 1 allows flat columns only; a struct column is deeper.
@pytest.mark.parametrize("command", COMMANDS)
def test_max_nesting_depth_1_refuses_a_struct(cli, tmp_path, struct_file, command):
    cli.fails(*_command(command, struct_file, tmp_path), "--max-nesting-depth", "1", code=1)


def test_max_nesting_depth_1_allows_flat_columns(cli, small):
    cli.ok("validate", small, "--max-nesting-depth", "1")


@pytest.mark.parametrize("depth", ["0", "-1", "deep"])
def test_bad_nesting_depth_is_a_usage_error(cli, small, depth):
    cli.fails("validate", small, "--max-nesting-depth", depth, code=2)


# Case 2: recover reads regular files only, so it has no --input-timeout: a usage error.
def test_recover_has_no_input_timeout(cli, tmp_path, small):
    cli.fails("recover", small, tmp_path / "out.arrow", "--input-timeout", "5", code=2)
    assert not (tmp_path / "out.arrow").exists()


# ---------------------------------------------------------------------------------------------
# 3. Atomic outputs


KILL_SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP]


def _kill_convert(arrow_ipc: Path, source: Path, out: Path, sig: int, delay: float) -> tuple[subprocess.Popen, bool, bytes]:
    """Starts the slow conversion, sends `sig` after `delay` s; says whether it was still running."""
    proc = _spawn(arrow_ipc, "convert", source, out, *SLOW_CONVERT, stdout=subprocess.DEVNULL)
    try:
        time.sleep(delay)
        landed = proc.poll() is None
        if landed:
            proc.send_signal(sig)
        _, err = _finish(proc, 120, f"arrow-ipc convert after {_signal_name(sig)}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc, landed, err


def _delays(seed: int, baseline: float, count: int) -> list[float]:
    """Seeded delays spread over the first half of an undisturbed run."""
    rng = random.Random(seed)
    return [round(baseline * rng.uniform(0.05, 0.5), 3) for _ in range(count)]


def _assert_killed_run_left(proc, err: bytes, sig: int, outdir: Path, expected, old: bytes | None) -> None:
    _assert_not_crashed(proc, err)
    allowed = {0, -signal.SIGKILL} if sig == signal.SIGKILL else {0, -sig, 1}
    assert proc.returncode in allowed, f"after {_signal_name(sig)}: unexpected end\n" + _report(proc, err)
    entries = _entries(outdir)
    if proc.returncode == 0:
        assert entries == ["out.arrow"], f"a finished conversion left {entries} in the output folder"
        assert_same_contents(expected, read_ipc(outdir / "out.arrow"))
    elif old is None:
        assert entries == [], (
            f"sent {_signal_name(sig)} ({_how_it_ended(proc.returncode)}), the conversion left "
            f"{entries} in the output folder (it should leave nothing)"
        )
    else:
        assert entries == ["out.arrow"], f"after {_signal_name(sig)} the output folder holds {entries}"
        assert (outdir / "out.arrow").read_bytes() == old, (
            f"killed by {_signal_name(sig)}, the conversion changed the existing output"
        )


# Case 3: a conversion killed at any moment leaves no file (not even a hidden temporary one).
@pytest.mark.parametrize("sig", KILL_SIGNALS, ids=_signal_name)
def test_killed_conversion_leaves_nothing(arrow_ipc, tmp_path, slow, slow_convert_seconds, sig):
    expected = read_ipc(slow)
    landed = 0
    for attempt, delay in enumerate(_delays(1000 + sig, slow_convert_seconds, 3)):
        outdir = tmp_path / f"attempt{attempt}"
        outdir.mkdir()
        proc, hit, err = _kill_convert(arrow_ipc, slow, outdir / "out.arrow", sig, delay)
        landed += hit and proc.returncode != 0
        _assert_killed_run_left(proc, err, sig, outdir, expected, None)
    assert landed, f"no {_signal_name(sig)} landed while the conversion ran (the machine is too fast?)"


# Case 3: killing a conversion over an existing file leaves the old file exactly as it was.
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=_signal_name)
def test_killed_conversion_keeps_the_old_output(arrow_ipc, tmp_path, slow, small, slow_convert_seconds, sig):
    expected = read_ipc(slow)
    old = small.read_bytes()
    landed = 0
    for attempt, delay in enumerate(_delays(2000 + sig, slow_convert_seconds, 2)):
        outdir = tmp_path / f"attempt{attempt}"
        outdir.mkdir()
        (outdir / "out.arrow").write_bytes(old)
        proc, hit, err = _kill_convert(arrow_ipc, slow, outdir / "out.arrow", sig, delay)
        landed += hit and proc.returncode != 0
        _assert_killed_run_left(proc, err, sig, outdir, expected, old)
    assert landed, f"no {_signal_name(sig)} landed while the conversion ran (the machine is too fast?)"


# Case 3: a conversion that fails on a corrupt input leaves nothing in the output folder.
@pytest.mark.parametrize("fmt", ["file", "stream"])
def test_failed_conversion_leaves_nothing(arrow_ipc, tmp_path, fmt):
    indir, outdir = tmp_path / "in", tmp_path / "out"
    indir.mkdir()
    outdir.mkdir()
    whole = _write(indir / "whole", _small_table(), fmt, max_chunksize=100).read_bytes()
    broken = indir / "broken"
    broken.write_bytes(whole[: len(whole) // 2 + 3])
    proc = _run(arrow_ipc, "convert", broken, outdir / "out.arrow")
    _one_error_line(proc, proc.stderr)
    assert _entries(outdir) == [], f"a failed conversion left {_entries(outdir)} in the output folder"


# ---------------------------------------------------------------------------------------------
# 4. Symlinked and special outputs


# Case 4: converting onto a symlink writes through it; the link stays a link.
@pytest.mark.parametrize("link_kind", ["relative", "absolute"])
@pytest.mark.parametrize("target_exists", [True, False], ids=["existing-target", "dangling"])
def test_output_through_a_symlink(cli, tmp_path, small, link_kind, target_exists):
    links, real = tmp_path / "links", tmp_path / "real"
    links.mkdir()
    real.mkdir()
    target = real / "target.arrow"
    if target_exists:
        target.write_bytes(b"old content, not Arrow\n")
    link = links / "link.arrow"
    link.symlink_to("../real/target.arrow" if link_kind == "relative" else target)
    cli.ok("convert", small, link)
    assert link.is_symlink(), "the symlink was replaced by a file"
    assert os.readlink(link) == ("../real/target.arrow" if link_kind == "relative" else str(target))
    assert target.is_file(), "the symlink's target was not written"
    assert_same_contents(read_ipc(small), read_ipc(target))
    assert _entries(links) == ["link.arrow"], f"stray files beside the link: {_entries(links)}"
    assert _entries(real) == ["target.arrow"], f"stray files beside the target: {_entries(real)}"


def _read_fifo_while(proc: subprocess.Popen, fd: int, deadline: float) -> bytes:
    """Reads a FIFO (opened O_RDONLY|O_NONBLOCK before the writer started) until the writer
    closes it, or until the process is gone and nothing more comes."""
    data = bytearray()
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    exited_at = None
    while time.monotonic() < deadline:
        events = poller.poll(100)
        if events:
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                chunk = None
            if chunk:
                data += chunk
                continue
            if chunk == b"" and events[0][1] & select.POLLHUP:
                break  # the writer closed its end
        if proc.poll() is not None:
            exited_at = exited_at or time.monotonic()
            if time.monotonic() - exited_at > 0.5:
                break  # the tool is gone and never (or no longer) writes the FIFO
    return bytes(data)


# Case 4: a FIFO as the output gets the whole stream and stays a FIFO.
def test_output_to_a_fifo(arrow_ipc, tmp_path, small):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        proc = _spawn(arrow_ipc, "convert", small, fifo, "--format", "stream")
        try:
            data = _read_fifo_while(proc, fd, time.monotonic() + SHORT_TIMEOUT)
            _, err = _finish(proc, SHORT_TIMEOUT, "arrow-ipc convert to a FIFO")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    finally:
        os.close(fd)
    _assert_not_crashed(proc, err)
    assert proc.returncode == 0, "conversion to a FIFO failed\n" + _report(proc, err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert data, "nothing came through the FIFO"
    actual = read_ipc_bytes(data)
    assert actual.format == "stream"
    assert_same_contents(read_ipc(small), actual)
    assert _entries(tmp_path) == ["fifo"], f"stray files beside the FIFO: {_entries(tmp_path)}"


# Case 4: a character device as the output is written to, and stays a device. First a private
# copy of /dev/null, so that a tool that renames a file over its output cannot break the real
# one; then, once that passed, /dev/null itself.
def test_output_to_dev_null(arrow_ipc, tmp_path, small):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        with open(device, "wb") as probe:
            probe.write(b"x")
    except OSError as error:
        pytest.skip(f"cannot make a private /dev/null here ({error}); run as root on a filesystem without nodev")
    proc = _run(arrow_ipc, "convert", small, device)
    assert proc.returncode == 0, "conversion to /dev/null failed\n" + _report(proc, proc.stderr)
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device was replaced by a regular file"
    assert _entries(tmp_path) == ["null"], f"stray files beside the device: {_entries(tmp_path)}"
    # Safe now that the tool is known to write into a device rather than replace it.
    proc = _run(arrow_ipc, "convert", small, "/dev/null")
    assert proc.returncode == 0, "conversion to /dev/null failed\n" + _report(proc, proc.stderr)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode), "/dev/null is no longer a device"


# ---------------------------------------------------------------------------------------------
# 5. Inputs of every kind


def _read_stderr_line(proc: subprocess.Popen, timeout: float) -> bytes:
    """The first line the process writes to stderr, or what came within `timeout` s."""
    fd = proc.stderr.fileno()
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


# Case 5: a FIFO nobody writes: with --input-timeout the tool gives up with one error line
# (after, at most, the one notice line that it waits for a writer).
def test_fifo_input_without_writer_times_out(arrow_ipc, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    start = time.monotonic()
    proc = _run(arrow_ipc, "validate", fifo, "--input-timeout", "1", timeout=5)
    elapsed = time.monotonic() - start
    lines = proc.stderr.decode("utf-8", "replace").splitlines(keepends=True)
    if len(lines) == 2 and "waiting" in lines[0].lower():
        lines = lines[1:]  # the notice that it waits; the error is the line after it
    line = _one_error_line(proc, "".join(lines).encode())
    assert any(word in line.lower() for word in ("writer", "timed out", "timeout", "no input")), (
        f"the message should say no writer came in time: {line!r}"
    )
    assert elapsed < 5, f"gave up only after {elapsed:.1f} s"


# Case 5: without --input-timeout the tool says it waits for a writer, and keeps waiting.
def test_fifo_input_without_writer_says_it_waits(arrow_ipc, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = _spawn(arrow_ipc, "validate", fifo)
    try:
        line = _read_stderr_line(proc, 5)
        still_running = proc.poll() is None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    text = line.decode("utf-8", "replace")
    assert "writer" in text.lower() and "wait" in text.lower(), (
        f"within 5 s the tool should say on stderr that it waits for a writer; it said {text!r}"
    )
    assert still_running, f"the tool should keep waiting, but it ended ({_how_it_ended(proc.returncode)})"


class _FifoWriter:
    """Writes bytes into a FIFO from a thread; never leaves the thread blocked behind."""

    def __init__(self, fifo: Path, data: bytes):
        self.fifo, self.data, self.error = fifo, data, None
        self.unblocked_by_test = False  # True when no reader ever took the data
        self.thread = threading.Thread(target=self._write, daemon=True)
        self.thread.start()

    def _write(self) -> None:
        try:
            with open(self.fifo, "wb") as f:  # blocks until a reader opens the FIFO
                for start in range(0, len(self.data), 8192):
                    f.write(self.data[start : start + 8192])
        except OSError as error:  # e.g. the reader went away early
            self.error = error

    def close(self) -> None:
        """Unblocks the writer if no reader ever came (or the reader left), then joins it."""
        deadline = time.monotonic() + 5
        self.thread.join(0.2)
        self.unblocked_by_test = self.thread.is_alive()
        while self.thread.is_alive() and time.monotonic() < deadline:
            try:
                fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
            except OSError:
                break
            try:
                while self.thread.is_alive() and time.monotonic() < deadline:
                    try:
                        os.read(fd, 1 << 16)
                    except BlockingIOError:
                        pass
                    self.thread.join(0.05)
            finally:
                os.close(fd)
        self.thread.join(1)


def _through_fifo(arrow_ipc: Path, tmp_path: Path, data: bytes, *args: object) -> tuple[subprocess.Popen, bytes, bytes]:
    """Runs `arrow-ipc args[0] FIFO args[1:]` while a thread writes `data` into the FIFO; fails
    unless the tool took all the data."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = _spawn(arrow_ipc, args[0], fifo, *args[1:])  # before the thread: preexec_fn and threads mix badly
    writer = _FifoWriter(fifo, data)
    try:
        out, err = _finish(proc, SHORT_TIMEOUT, f"arrow-ipc {args[0]} on a FIFO")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        writer.close()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    _assert_not_crashed(proc, err, out)
    assert not writer.unblocked_by_test and writer.error is None, (
        f"arrow-ipc did not read all {len(data)} bytes from the FIFO "
        f"({writer.error or 'the writer was left waiting'})\n" + _report(proc, err, out)
    )
    return proc, out, err


# Case 5: a FIFO with a writer is read like any stream, whether it carries a stream or a file.
@pytest.mark.parametrize("fmt", ["stream", "file"])
def test_fifo_input_validate(arrow_ipc, tmp_path, small, small_stream, fmt):
    data = (small_stream if fmt == "stream" else small).read_bytes()
    proc, out, err = _through_fifo(arrow_ipc, tmp_path, data, "validate")
    _assert_not_crashed(proc, err, out)
    assert proc.returncode == 0, f"validate of a {fmt} through a FIFO failed\n" + _report(proc, err, out)


@pytest.mark.parametrize("fmt", ["stream", "file"])
def test_fifo_input_cat(arrow_ipc, tmp_path, small, small_stream, fmt):
    data = (small_stream if fmt == "stream" else small).read_bytes()
    proc, out, err = _through_fifo(arrow_ipc, tmp_path, data, "cat", "--output", "jsonl")
    _assert_not_crashed(proc, err, out)
    assert proc.returncode == 0, f"cat of a {fmt} through a FIFO failed\n" + _report(proc, err, out)
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert rows == _small_table().to_pylist(), f"cat printed {len(rows)} rows, not the 1000 rows written"


# Case 5: /dev/null is an empty stream: one line, exit 1, no hang.
def test_dev_null_input(arrow_ipc):
    proc = _run(arrow_ipc, "validate", "/dev/null")
    _one_error_line(proc, proc.stderr)


# Case 5: /dev/zero is endless: the tool must fail quickly, not read forever.
def test_dev_zero_input(arrow_ipc):
    start = time.monotonic()
    proc = _run(arrow_ipc, "validate", "/dev/zero", timeout=SHORT_TIMEOUT,
                rlimits={resource.RLIMIT_AS: ENDLESS_INPUT_ADDRESS_SPACE})
    elapsed = time.monotonic() - start
    _one_error_line(proc, proc.stderr)
    assert elapsed < ENDLESS_INPUT_SECONDS, f"failing on /dev/zero took {elapsed:.1f} s"


# Case 5: a directory as input is refused with a message saying so.
@pytest.mark.parametrize("command", COMMANDS)
def test_directory_input(arrow_ipc, tmp_path, command):
    folder = tmp_path / "folder"
    folder.mkdir()
    outdir = tmp_path / "out"
    outdir.mkdir()
    proc = _run(arrow_ipc, *_command(command, folder, outdir))
    _one_error_line(proc, proc.stderr, "directory")
    assert _entries(outdir) == []


# ---------------------------------------------------------------------------------------------
# 6. A file that shrinks while it is read


def _mid_message_cut(size: int) -> int:
    """About half of `size`, and never on an 8-byte boundary, so never between two messages."""
    return size // 2 // 8 * 8 + 3


# Case 6: cat of a file truncated under it ends with exit 1 naming the file, not with SIGBUS.
@pytest.mark.parametrize("output", ["table", "jsonl"])
@pytest.mark.parametrize("fmt", ["file", "stream"])
def test_cat_of_a_shrinking_file(arrow_ipc, tmp_path, slow, slow_stream, fmt, output):
    path = tmp_path / f"big.{'arrow' if fmt == 'file' else 'arrows'}"
    shutil.copyfile(slow if fmt == "file" else slow_stream, path)
    proc = _spawn(arrow_ipc, "cat", path, *(() if output == "table" else ("--output", output)))
    try:
        got = 0
        while got < 65536:
            chunk = proc.stdout.read(65536 - got)
            assert chunk, "cat wrote less than 64 KiB\n" + _report(proc, b"")
            got += len(chunk)
        os.truncate(path, _mid_message_cut(path.stat().st_size))
        out, err = _finish(proc, 60, "cat of a shrinking file")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _assert_not_crashed(proc, err)
    assert proc.returncode == 1, "cat of a file cut in half under it should fail\n" + _report(proc, err)
    text = err.decode("utf-8", "replace")
    assert str(path) in text, f"the message should name {path}: {text!r}"
    assert text.startswith("arrow-ipc: "), f"the message should start with 'arrow-ipc: ': {text!r}"


# Case 6: a conversion whose input is cut in half after 0.3 s fails cleanly and leaves nothing.
@pytest.mark.parametrize("fmt", ["file", "stream"])
def test_convert_of_a_shrinking_file(arrow_ipc, tmp_path, slow, slow_stream, fmt):
    source = slow if fmt == "file" else slow_stream
    path = tmp_path / "in" / source.name
    path.parent.mkdir()
    shutil.copyfile(source, path)
    outdir = tmp_path / "out"
    outdir.mkdir()
    proc = _spawn(arrow_ipc, "convert", path, outdir / "out.arrow", *SLOW_CONVERT, stdout=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        was_running = proc.poll() is None
        os.truncate(path, _mid_message_cut(path.stat().st_size))
        _, err = _finish(proc, 120, "convert of a shrinking file")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _assert_not_crashed(proc, err)
    assert proc.returncode in (0, 1), "unexpected end\n" + _report(proc, err)
    if proc.returncode == 0:
        assert not was_running, "the conversion succeeded although its input was cut in half while it ran"
        assert _entries(outdir) == ["out.arrow"]
        assert_same_contents(read_ipc(source), read_ipc(outdir / "out.arrow"))
    else:
        _one_error_line(proc, err, str(path))
        assert _entries(outdir) == [], f"a failed conversion left {_entries(outdir)} in the output folder"


# ---------------------------------------------------------------------------------------------
# 7. Bounded memory


# Runs argv[2:] in a process forked from this small interpreter, writes its peak resident
# memory (KiB) to the file argv[1], and ends the way it ended. Linux counts the memory a process
# had before exec in its peak, so the tool must not be forked from pytest, whose own memory
# grows with the suite's fixtures.
_MEASURING_LAUNCHER = """
import os, signal, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
if os.WIFSIGNALED(status):
    signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_measuring_rss(
    binary: Path, *args: object, feed: Callable[[BinaryIO], None] | None = None, timeout: float = 120
) -> tuple[subprocess.Popen, bytes, bytes, int]:
    """Runs the binary (standard input fed by `feed` in a thread, if given) and returns it with
    its stdout, stderr and peak resident memory in bytes (from wait4, for the tool alone)."""
    report = tempfile.NamedTemporaryFile(prefix="rss-", delete=False)
    report.close()
    try:
        proc = _spawn(
            sys.executable, "-c", _MEASURING_LAUNCHER, report.name, binary, *args,
            stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
        )
        proc, out, err, _ = _wait_measuring(proc, feed, timeout, args)
        text = Path(report.name).read_text()
        assert text, "the measuring launcher reported no peak memory\n" + _report(proc, err, out)
        peak = int(text) * 1024
    finally:
        os.unlink(report.name)
    return proc, out, err, peak


def _wait_measuring(
    proc: subprocess.Popen, feed: Callable[[BinaryIO], None] | None, timeout: float, args: tuple
) -> tuple[subprocess.Popen, bytes, bytes, int]:
    """Feeds and drains `proc` until it ends; returns it with its output and wait4's peak."""
    if feed:
        try:  # fewer, larger writes into the pipe: the tool's memory is what is measured
            fcntl.fcntl(proc.stdin.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        except (AttributeError, OSError):
            pass
    results: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        results[name] = stream.read()

    def feeder() -> None:
        try:
            feed(proc.stdin)
        except (BrokenPipeError, OSError):
            pass  # the tool stopped reading; its exit status tells why
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    threads = [threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
               threading.Thread(target=drain, args=("err", proc.stderr), daemon=True)]
    if feed:
        threads.append(threading.Thread(target=feeder, daemon=True))
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    hung = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            hung = True
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join(10)
    err = results.get("err", b"")
    assert not hung, f"arrow-ipc {' '.join(map(str, args))} did not finish within {timeout} s (a hang)"
    return proc, results.get("out", b""), err, usage.ru_maxrss * 1024


BIG_STREAM_BATCHES = 30
BIG_STREAM_ROWS = 420_000  # per batch: three int64 columns, about 10 MB


@pytest.fixture(scope="module")
def big_stream(big_dir) -> tuple[Path, list[dict]]:
    """A ~300 MB stream of 30 batches, and its last two rows."""
    path = big_dir / "big.arrows"
    rng = np.random.default_rng(7)
    schema = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("c", pa.int64())])
    with pa.ipc.new_stream(str(path), schema) as writer:
        for k in range(BIG_STREAM_BATCHES):
            start = k * BIG_STREAM_ROWS
            batch = pa.record_batch([
                pa.array(np.arange(start, start + BIG_STREAM_ROWS, dtype=np.int64)),
                pa.array(rng.integers(-(1 << 62), 1 << 62, BIG_STREAM_ROWS)),
                pa.array(rng.integers(0, 1000, BIG_STREAM_ROWS)),
            ], schema=schema)
            writer.write_batch(batch)
    last_two = pa.Table.from_batches([batch.slice(BIG_STREAM_ROWS - 2)]).to_pylist()
    return path, last_two


# Case 7: the last two rows of a 300 MB stream, from a path or a pipe, in a fraction of its size.
@pytest.mark.parametrize("how", ["path", "stdin-pipe"])
def test_tail_of_a_big_stream_in_bounded_memory(arrow_ipc, big_stream, how):
    path, last_two = big_stream
    size = path.stat().st_size

    def feed(stdin: BinaryIO) -> None:
        with open(path, "rb") as source:
            shutil.copyfileobj(source, stdin, 1 << 20)

    source = path if how == "path" else "-"
    proc, out, err, peak = _run_measuring_rss(
        arrow_ipc, "cat", "--rows", "-2:", source, "--output", "jsonl", feed=feed if how != "path" else None
    )
    _assert_not_crashed(proc, err, out)
    assert proc.returncode == 0, "cat --rows -2: failed\n" + _report(proc, err, out)
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert rows == last_two, f"expected the last two rows {last_two}, got {rows}"
    assert peak < size / 3, (
        f"peak resident memory {peak / 2**20:.0f} MiB for a {size / 2**20:.0f} MiB stream "
        f"(should stay below a third of it: one batch, about {size / BIG_STREAM_BATCHES / 2**20:.0f} MiB, at a time)"
    )


# Case 7: a single 512 MiB batch piped to validate costs at most 1.5 times the message.
def test_one_huge_batch_on_stdin_in_bounded_memory(arrow_ipc):
    values = np.arange(64 << 20, dtype=np.int64)  # 512 MiB
    schema = pa.schema([("x", pa.int64())])
    batch = pa.record_batch([pa.array(values)], schema=schema)
    message_size = batch.nbytes

    def feed(stdin: BinaryIO) -> None:
        with pa.ipc.new_stream(stdin, schema) as writer:
            writer.write_batch(batch)

    proc, out, err, peak = _run_measuring_rss(arrow_ipc, "validate", "-", feed=feed)
    _assert_not_crashed(proc, err, out)
    assert proc.returncode == 0, "validate of a 512 MiB batch on stdin failed\n" + _report(proc, err, out)
    assert peak < 1.5 * message_size, (
        f"peak resident memory {peak / 2**20:.0f} MiB for a {message_size / 2**20:.0f} MiB message "
        f"(should stay below 1.5 times it)"
    )


# ---------------------------------------------------------------------------------------------
# 8. integration with an endless JSON input


# Case 8: --json /dev/zero fails quickly, and not with a bogus "permission" message.
def test_integration_json_from_dev_zero(arrow_ipc, small):
    start = time.monotonic()
    proc = _run(arrow_ipc, "integration", "--mode", "validate", "--json", "/dev/zero", "--arrow", small,
                rlimits={resource.RLIMIT_AS: ENDLESS_INPUT_ADDRESS_SPACE})
    elapsed = time.monotonic() - start
    line = _one_error_line(proc, proc.stderr)
    assert "permission" not in line.lower(), f"/dev/zero is readable; the message misleads: {line!r}"
    assert elapsed < ENDLESS_INPUT_SECONDS, f"failing on /dev/zero took {elapsed:.1f} s"


# ---------------------------------------------------------------------------------------------
# 9. A full disk


@pytest.fixture(scope="module")
def incompressible(data_dir) -> Path:
    """~10 MB of random int64 in 10 batches."""
    rng = np.random.default_rng(9)
    table = pa.table({"x": pa.array(rng.integers(-(1 << 62), 1 << 62, 1_250_000))})
    return _write(data_dir / "incompressible.arrow", table, "file", max_chunksize=125_000)


# Case 9: converting into a 2 MiB tmpfs fails with ENOSPC in one line and leaves the folder empty.
def test_convert_onto_a_full_disk(arrow_ipc, tmp_path, incompressible):
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mountpoint)],
                           capture_output=True, text=True)
    if mount.returncode != 0:
        pytest.skip(
            f"cannot mount a small tmpfs ({mount.stderr.strip()}); run the suite as root with "
            "CAP_SYS_ADMIN to test a full disk (test_convert_hits_the_file_size_limit still runs)"
        )
    try:
        proc = _run(arrow_ipc, "convert", incompressible, mountpoint / "out.arrow", timeout=60)
        _one_error_line(proc, proc.stderr, "No space left on device")
        assert _entries(mountpoint) == [], f"the full disk still holds {_entries(mountpoint)}"
    finally:
        subprocess.run(["umount", str(mountpoint)], capture_output=True)


# Case 9 without root: RLIMIT_FSIZE makes writes fail with EFBIG (once SIGXFSZ is ignored).
def test_convert_hits_the_file_size_limit(arrow_ipc, tmp_path, incompressible):
    outdir = tmp_path / "out"
    outdir.mkdir()
    proc = _run(arrow_ipc, "convert", incompressible, outdir / "out.arrow", timeout=60,
                rlimits={resource.RLIMIT_FSIZE: 1 << 20})
    _one_error_line(proc, proc.stderr, "File too large")
    assert _entries(outdir) == [], f"the failed conversion left {_entries(outdir)}"


# ---------------------------------------------------------------------------------------------
# Regressions found in review


# --input-timeout bounds the wait for the first input only: a conversion whose input arrived in
# time is not stopped later, even while the writer holds the FIFO open past the timeout.
def test_input_timeout_does_not_stop_a_conversion_under_way(arrow_ipc, tmp_path, small_stream):
    data = small_stream.read_bytes()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = tmp_path / "out.arrow"
    proc = _spawn(arrow_ipc, "convert", fifo, out, "--input-timeout", "1")

    def write_slowly() -> None:
        with open(fifo, "wb") as f:
            f.write(data[:-8])  # all but the end-of-stream marker now,
            f.flush()
            time.sleep(2.5)  # the rest after the timeout has passed
            f.write(data[-8:])

    writer = threading.Thread(target=write_slowly, daemon=True)
    writer.start()
    out_bytes, err = _finish(proc, SHORT_TIMEOUT, "arrow-ipc convert FIFO --input-timeout 1")
    writer.join(5)
    _assert_not_crashed(proc, err, out_bytes)
    assert proc.returncode == 0, "the timeout stopped a conversion whose input had arrived\n" + _report(proc, err, out_bytes)
    assert_same_contents(read_ipc(small_stream), read_ipc(out))


# A stream file cut exactly at a message boundary while it is read is an error, not a short
# stream that looks complete.
def test_stream_cut_at_a_message_boundary_while_read(arrow_ipc, tmp_path, slow_stream):
    path = tmp_path / "cut.arrows"
    shutil.copyfile(slow_stream, path)
    proc = _spawn(arrow_ipc, "cat", path, "--output", "jsonl")
    proc.stdout.read(64 << 10)  # the tool is under way, held back by the pipe
    os.truncate(path, 0)  # every message boundary from here on is the new end
    out, err = _finish(proc, SHORT_TIMEOUT * 3, "arrow-ipc cat of a stream cut while read")
    _assert_not_crashed(proc, err, out)
    assert proc.returncode == 1, "cat printed a cut stream as if whole\n" + _report(proc, err, out)
    _one_error_line(proc, err, str(path))


# A signal the tool was started with ignored (as under nohup) stays ignored.
def test_signals_ignored_at_start_stay_ignored(arrow_ipc, tmp_path, small):
    def ignore_hangup() -> None:
        _child_setup()()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [str(arrow_ipc), "validate", str(fifo)], stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=ignore_hangup)
    time.sleep(0.5)  # waiting for a writer
    proc.send_signal(signal.SIGHUP)
    time.sleep(0.3)
    assert proc.poll() is None, f"SIGHUP, ignored when the tool started, ended it ({_how_it_ended(proc.returncode)})"
    writer = _FifoWriter(fifo, small.read_bytes())
    out, err = _finish(proc, SHORT_TIMEOUT, "arrow-ipc validate FIFO")
    writer.close()
    assert proc.returncode == 0, _report(proc, err, out)


# /dev/stdout names the process's standard output, not a file to replace.
def test_output_to_dev_stdout(arrow_ipc, small):
    proc = _run(arrow_ipc, "convert", small, "/dev/stdout", "--format", "stream")
    assert proc.returncode == 0, _report(proc, proc.stderr, proc.stdout)
    assert_same_contents(read_ipc(small), read_ipc_bytes(proc.stdout))


# A writable file in a folder where no file may be made is refused, not overwritten in place.
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the tool as another user; run the suite as root")
def test_output_in_a_folder_without_write_permission(arrow_ipc, small):
    # In a folder of its own under /tmp: pytest's folders are closed to other users.
    base = Path(tempfile.mkdtemp(prefix="arrow-ipc-locked-"))
    try:
        base.chmod(0o755)
        source = base / "in.arrow"
        shutil.copyfile(small, source)
        source.chmod(0o644)
        folder = base / "locked"
        folder.mkdir(mode=0o755)
        target = folder / "out.arrow"
        target.write_bytes(b"old contents")
        target.chmod(0o666)

        def as_nobody() -> None:
            _child_setup()()
            os.setgid(65534)
            os.setuid(65534)

        proc = subprocess.Popen([str(arrow_ipc), "convert", str(source), str(target)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=as_nobody)
        out, err = _finish(proc, SHORT_TIMEOUT, "arrow-ipc convert into a locked folder")
        _assert_not_crashed(proc, err, out)
        assert proc.returncode == 1, _report(proc, err, out)
        _one_error_line(proc, err, "folder")
        assert target.read_bytes() == b"old contents"
        assert sorted(p.name for p in folder.iterdir()) == ["out.arrow"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


# Case 10: an input the user may not read says so, naming the file and what the system said.
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the tool as another user; run the suite as root")
@pytest.mark.parametrize("command", ["cat", "validate", "inspect"])
def test_unreadable_input_says_what_failed(arrow_ipc, small, command):
    base = Path(tempfile.mkdtemp(prefix="arrow-ipc-unreadable-"))
    try:
        base.chmod(0o755)
        source = base / "private.arrow"
        shutil.copyfile(small, source)
        source.chmod(0o600)

        def as_nobody() -> None:
            _child_setup()()
            os.setgid(65534)
            os.setuid(65534)

        proc = subprocess.Popen([str(arrow_ipc), command, str(source)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=as_nobody)
        out, err = _finish(proc, SHORT_TIMEOUT, f"arrow-ipc {command} of an unreadable file")
        _assert_not_crashed(proc, err, out)
        _one_error_line(proc, err, str(source), "Permission denied")
    finally:
        shutil.rmtree(base, ignore_errors=True)
