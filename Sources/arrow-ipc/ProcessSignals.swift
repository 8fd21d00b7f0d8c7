import ArrowIPC
import Foundation

/// How the tool answers signals, set up before anything else runs.
///
/// - `SIGINT`, `SIGTERM` and `SIGHUP` are taken by a thread that waits for them: it removes
///   the temporary files of unfinished outputs (``UnfinishedOutputFiles``), then lets the
///   signal end the process as it would have, so the exit status still tells the shell.
/// - `SIGPIPE` keeps its default: a reader of standard output that goes away (`| head`)
///   ends the process quietly, as with other Unix tools.
/// - `SIGXFSZ` is ignored, so that a file-size limit (`ulimit -f`) is a write error the
///   tool reports, not a crash.
enum ProcessSignals {
    private static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func install() {
        signal(SIGPIPE, SIG_DFL)
        signal(SIGXFSZ, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopping { sigaddset(&set, signal) }
        // Blocked here, before any other thread starts, so that every thread inherits the
        // mask and only the waiting thread receives them.
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let mask = set
        let waiter = Thread {
            var set = mask
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            UnfinishedOutputFiles.removeAll()
            signal(received, SIG_DFL)
            var only = sigset_t()
            sigemptyset(&only)
            sigaddset(&only, received)
            pthread_sigmask(SIG_UNBLOCK, &only, nil)
            raise(received)
        }
        waiter.start()
    }
}
