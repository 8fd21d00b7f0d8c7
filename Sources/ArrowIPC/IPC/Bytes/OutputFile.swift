import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file a writer opened on a path writes to, which gets the path only when complete.
///
/// A regular file (or a name not yet taken) is written where no name points at it — an
/// unnamed file (`O_TMPFILE`) where the file system supports it, a hidden temporary name
/// beside it otherwise — then flushed to disk (`fsync`), given its name in one step (`link`
/// or `rename`), and its folder flushed too: the path holds the old file or the whole new
/// one, never part of one, even across a crash or power loss. A symbolic link is followed,
/// so its target is replaced and the link stays. A FIFO or a character device is
/// written directly, as a stream.
final class OutputFile {
    private enum Pending {
        /// Nothing to name: written directly (a FIFO or device), or already named.
        case direct
        /// An unnamed file in the target's folder, named by linking it.
        case unnamed
        /// A temporary name beside the target, renamed over it.
        case named(String)
    }

    let descriptor: Int32
    /// The path as the caller gave it, for messages.
    let path: String
    /// Where the file goes: `path` with symbolic links followed.
    private let target: String
    private var pending: Pending
    private var isClosed = false

    /// Creates the output for `path`. Throws when it cannot be created, naming the path.
    init(path: String) throws {
        self.path = path
        var info = stat()
        let exists = stat(path, &info) == 0
        let kind = info.st_mode & S_IFMT
        if exists && kind == S_IFDIR {
            throw ArrowError.io("cannot write to \(path): it is a directory")
        }
        // A FIFO or device, and the process's own descriptors (`/dev/stdout`, `/dev/fd/N`,
        // `/proc/self/fd/N`, whose links name no path), are written directly.
        if exists && kind != S_IFREG || Self.namesADescriptor(path) {
            descriptor = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw ArrowError.io("cannot open \(path) for writing: \(systemErrorDescription())")
            }
            target = path
            pending = .direct
            return
        }
        target = try Self.followingLinks(path)
        let folder = Self.folder(of: target)
        // Permission bits of a file being replaced carry over; a new file gets 0666 less the umask.
        let mode = exists ? info.st_mode & 0o7777 : 0o666
        let unnamed = Self.unnamedFileIsLinkable ? systemOpen(folder, unnamedFileFlag | O_WRONLY | O_CLOEXEC, mode) : -1
        if unnamed >= 0 {
            descriptor = unnamed
            pending = .unnamed
        } else {
            let (created, name) = try Self.createTemporary(beside: target, mode: mode, reportingAs: path, folder: folder)
            descriptor = created
            pending = .named(name)
        }
        if exists { fchmod(descriptor, mode) }
    }

    deinit {
        discard()
    }

    /// Flushes the file to disk (when `syncing`) and gives it its name, replacing what the
    /// path held; then flushes the folder too (when `syncing`).
    func commit(syncing: Bool) throws {
        guard !isClosed else { throw ArrowError.invalidArgument("the output \(path) is already closed") }
        defer { discard() }
        switch pending {
        case .direct:
            break
        case .unnamed:
            if syncing { try flushToDisk() }
            try linkUnnamed()
            if syncing { try flushFolder() }
        case .named(let temporary):
            if syncing { try flushToDisk() }
            try moveIntoPlace(temporary)
            if syncing { try flushFolder() }
        }
        isClosed = true
        guard close(descriptor) == 0 else {
            throw ArrowError.io("closing \(path) failed: \(systemErrorDescription())")
        }
    }

    /// Closes the file without naming it; a temporary name is removed. The path keeps what
    /// it held before. Does nothing after ``commit(syncing:)``.
    func discard() {
        if !isClosed {
            close(descriptor)
            isClosed = true
        }
        if case .named(let temporary) = pending {
            unlink(temporary)
            UnfinishedOutputFiles.forget(temporary)
            pending = .direct
        }
    }

    private func flushToDisk() throws {
        guard fsync(descriptor) == 0 else {
            throw ArrowError.io("flushing \(path) to disk failed: \(systemErrorDescription())")
        }
    }

    /// Gives the unnamed file the target's name: a link where the name is free, otherwise a
    /// link to a temporary name renamed over the target.
    private func linkUnnamed() throws {
        let source = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else {
            throw ArrowError.io("cannot give \(path) its name: \(systemErrorDescription())")
        }
        for _ in 0..<100 {
            let temporary = Self.temporaryName(beside: target)
            UnfinishedOutputFiles.remember(temporary)
            if linkat(AT_FDCWD, source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 {
                pending = .named(temporary)
                try moveIntoPlace(temporary)
                return
            }
            let failure = errno
            UnfinishedOutputFiles.forget(temporary)
            guard failure == EEXIST else {
                throw ArrowError.io("cannot give \(path) its name: \(systemErrorDescription(failure))")
            }
        }
        throw ArrowError.io("cannot give \(path) its name: no free temporary name beside it")
    }

    /// Renames the complete file at `temporary` over the target.
    private func moveIntoPlace(_ temporary: String) throws {
        guard rename(temporary, target) == 0 else {
            throw ArrowError.io("cannot move the finished output into place at \(path): \(systemErrorDescription())")
        }
        UnfinishedOutputFiles.forget(temporary)
        pending = .direct
    }

    /// Makes the new name itself survive a crash.
    private func flushFolder() throws {
        let folder = systemOpen(Self.folder(of: target), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        defer { close(folder) }
        // Some file systems cannot flush a folder (EINVAL); the rename is then as durable as they make it.
        guard fsync(folder) == 0 || errno == EINVAL else {
            throw ArrowError.io("flushing the folder of \(path) to disk failed: \(systemErrorDescription())")
        }
    }

    /// A new file under a hidden temporary name beside `target`, remembered for removal.
    private static func createTemporary(
        beside target: String, mode: mode_t, reportingAs path: String, folder: String
    ) throws -> (Int32, String) {
        for _ in 0..<100 {
            let name = temporaryName(beside: target)
            UnfinishedOutputFiles.remember(name)
            let created = systemOpen(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if created >= 0 { return (created, name) }
            let failure = errno
            UnfinishedOutputFiles.forget(name)
            if failure == EACCES || failure == EPERM || failure == EROFS {
                throw ArrowError.io(
                    "cannot write \(path): its folder \(folder) does not let a new file be made (\(systemErrorDescription(failure))), and the output is written to a new file, named only when complete, so that it is never seen half-written")
            }
            guard failure == EEXIST else {
                throw ArrowError.io("cannot create \(path): \(systemErrorDescription(failure))")
            }
        }
        throw ArrowError.io("cannot create \(path): no free temporary name beside it")
    }

    /// `.NAME.RANDOM.partial` in the folder of `target`.
    private static func temporaryName(beside target: String) -> String {
        let name = (target as NSString).lastPathComponent
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return (folder(of: target) as NSString).appendingPathComponent(".\(name).\(suffix).partial")
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// `path` with every symbolic link in its last component followed, so that writing
    /// replaces the link's target and keeps the link.
    private static func followingLinks(_ path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else {
                throw ArrowError.io("cannot follow the symbolic link \(current): \(systemErrorDescription())")
            }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/")
                ? destination : (folder(of: current) as NSString).appendingPathComponent(destination)
        }
        throw ArrowError.io("cannot write to \(path): too many levels of symbolic links")
    }

    /// Whether `path` names one of the process's open descriptors rather than a file.
    private static func namesADescriptor(_ path: String) -> Bool {
        ["/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/"].contains { path.hasPrefix($0) }
    }

    /// Whether an unnamed file can be given a name later: through `/proc/self/fd`, on Linux.
    private static let unnamedFileIsLinkable = unnamedFileFlag != 0 && access("/proc/self/fd", X_OK) == 0
}

#if os(Linux)
/// `O_TMPFILE`, which the C library defines through macros Swift does not import.
private let unnamedFileFlag: Int32 = 0o20000000 | O_DIRECTORY
#else
private let unnamedFileFlag: Int32 = 0
#endif

/// The temporary files of outputs being written, for a program that is stopped by a signal
/// to remove before it exits.
///
/// Writers opened on a path write where no name points at the file until it is complete
/// where the system allows (on Linux, an unnamed file): a program killed then leaves nothing.
/// Elsewhere the file has a hidden temporary name beside its destination
/// (`.NAME.RANDOM.partial`) until it is complete; a program that handles `SIGINT`, `SIGTERM`
/// or `SIGHUP` calls ``removeAll()`` before it exits so that none is left behind.
public enum UnfinishedOutputFiles {
    private static let paths = Locked<Set<String>>([])

    /// Removes the temporary file of every output not yet complete. Safe to call from any
    /// thread, though not from a signal handler itself: call it from a thread that waits
    /// for signals (`sigwait`).
    public static func removeAll() {
        paths.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }

    static func remember(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    static func forget(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }
}
