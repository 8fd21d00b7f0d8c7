import ArrowIPC
import Foundation

/// How the tool answers signals, set up before anything else runs.
///
/// - `SIGINT`, `SIGTERM` and `SIGHUP` (unless the tool started with them ignored, as under
///   `nohup`) are caught by a handler that only writes the signal's number to a pipe; a thread
///   reading that pipe removes the temporary files of unfinished outputs
///   (``UnfinishedOutputFiles``), then lets the signal end the process as it would have, so
///   the exit status still tells the shell. Nothing is blocked, so a program the tool starts
///   (`gzip`) gets the signals as usual.
/// - `SIGPIPE` keeps its default: a reader of standard output that goes away (`| head`)
///   ends the process quietly, as with other Unix tools.
/// - `SIGXFSZ` is ignored, so that a file-size limit (`ulimit -f`) is a write error the
///   tool reports, not a crash.
enum ProcessSignals {
    private static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        signal(SIGPIPE, SIG_DFL)
        signal(SIGXFSZ, SIG_IGN)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        signalPipe = ends[1]
        let reading = ends[0]
        let waiter = Thread {
            var number: UInt8 = 0
            while read(reading, &number, 1) < 0 && errno == EINTR {}
            let received = Int32(number)
            UnfinishedOutputFiles.removeAll()
            signal(received, SIG_DFL)
            raise(received)
        }
        waiter.start()
        for stop in stopping {
            // (`signal` here keeps the handler and restarts interrupted calls, as BSD's does.)
            let previous = signal(stop, forwardToPipe)
            // A signal the tool was started with ignored stays ignored.
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(stop, SIG_IGN)
            }
        }
    }
}

/// The writing end of the pipe the signal handler writes to.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// The handler: one `write(2)`, which is safe in a signal handler.
private func forwardToPipe(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipe, &byte, 1)
}
