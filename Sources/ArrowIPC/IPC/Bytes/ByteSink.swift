import Foundation

/// Where the writers put their bytes.
protocol ByteSink: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Makes everything written so far reach its destination.
    func flush() throws
}

extension ByteSink {
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

/// Collects the bytes in memory.
final class MemorySink: ByteSink {
    private(set) var data = Data()

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        data.append(contentsOf: bytes)
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
