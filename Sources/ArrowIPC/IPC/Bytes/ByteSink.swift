import Foundation

/// Where the writers put their bytes.
protocol ByteSink: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Appends the `count` bytes at `offset` of `source`.
    func copy(from source: any RandomAccessBytes, offset: Int, count: Int) throws
    /// Makes everything written so far reach its destination.
    func flush() throws
}

extension ByteSink {
    /// Appends the `count` bytes at `offset` of `source`, read a piece at a time.
    func copyByReading(from source: any RandomAccessBytes, offset: Int, count: Int) throws {
        var done = 0
        while done < count {
            let piece = min(count - done, copyPieceSize)
            let bytes = try source.read(offset: offset + done, count: piece, purpose: "bytes \(offset + done)..<\(offset + done + piece) to copy")
            try bytes.withUnsafeBytes { try write($0) }
            done += piece
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `count` zero bytes of padding.
    func writeZeros(_ count: Int) throws {
        var left = count
        while left > 0 {
            let chunk = min(left, zeroBlock.count)
            try zeroBlock.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0[0..<chunk])) }
            left -= chunk
        }
    }
}

private let zeroBlock = [UInt8](repeating: 0, count: 64)

/// How much a copy by reading reads at a time.
private let copyPieceSize = 1 << 22

/// Collects the bytes in memory.
final class MemorySink: ByteSink {
    private(set) var data = Data()

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        data.append(contentsOf: bytes)
    }

    func copy(from source: any RandomAccessBytes, offset: Int, count: Int) throws {
        try copyByReading(from: source, offset: offset, count: count)
    }

    func flush() throws {}
}

/// Writes to a file descriptor, gathering small writes and passing large buffers straight through.
final class FileDescriptorSink: ByteSink {
    private let descriptor: Int32
    private let name: String
    private var pending: [UInt8] = []
    private static let gatherLimit = 1 << 20

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        pending.reserveCapacity(Self.gatherLimit)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if pending.count + bytes.count <= Self.gatherLimit {
            pending.append(contentsOf: bytes)
            return
        }
        try flush()
        if bytes.count <= Self.gatherLimit {
            pending.append(contentsOf: bytes)
        } else {
            try writeAll(bytes)
        }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try writeAll($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Copies from an open regular file with `copy_file_range` where the system has it (the
    /// file system may then share the extents, and the bytes never pass through this
    /// process), else by reading; from memory by writing.
    func copy(from source: any RandomAccessBytes, offset: Int, count: Int) throws {
        guard count > 0 else { return }
        try flush()
        if let memory = source as? ArrowBuffer {
            guard let slice = memory.slice(offset: offset, length: count) else {
                throw ArrowError.invalidData("bytes \(offset)..<\(offset + count) to copy lie outside the \(memory.count) bytes of the input")
            }
            return try slice.withUnsafeBytes { try writeAll($0) }
        }
        var done = 0
        if let file = source as? InputFile, let copyRange = fileRangeCopy, kernelCopyWorks {
            while done < count {
                var from = Int64(offset + done)
                let copied = copyRange(file.descriptor, &from, descriptor, nil, count - done, 0)
                if copied > 0 {
                    done += copied
                    continue
                }
                if copied == 0 {
                    throw file.shrunk(at: offset + done, reading: "bytes to copy")
                }
                let failure = errno
                if failure == EINTR { continue }
                // Descriptors the system cannot copy between (a pipe, another file system, an
                // old kernel) are copied by reading, from here on.
                guard done == 0, [EXDEV, EINVAL, ENOSYS, EOPNOTSUPP, EBADF, ESPIPE, EPERM].contains(failure) else {
                    throw ArrowError.io("copying to \(name) failed: \(systemErrorDescription(failure))")
                }
                kernelCopyWorks = false
                break
            }
        }
        try copyByReading(from: source, offset: offset + done, count: count - done)
    }

    /// Whether `copy_file_range` is tried (it is, until it fails for these descriptors).
    private var kernelCopyWorks = true

    /// Writes `bytes` now, past anything gathered (which the caller has flushed).
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                throw ArrowError.io("writing to \(name) failed: \(systemErrorDescription())")
            }
            next += written
            left -= written
        }
    }
}

/// `copy_file_range(2)`, which the C library declares only under `_GNU_SOURCE`: looked up
/// once; `nil` where the system has none.
private let fileRangeCopy: FileRangeCopy? = {
    #if os(Linux)
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range") else { return nil }
    return unsafeBitCast(symbol, to: FileRangeCopy.self)
    #else
    return nil
    #endif
}()

private typealias FileRangeCopy = @convention(c) (
    Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32
) -> Int
