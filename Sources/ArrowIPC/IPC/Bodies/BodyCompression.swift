/// The buffer-level compression of message bodies (`BodyCompression` with method `BUFFER`):
/// each non-empty buffer is an 8-byte little-endian uncompressed length followed by one
/// compressed frame, or `-1` followed by the bytes as they are. Empty buffers stay empty.
struct BodyCompressor: Sendable {
    let codec: CompressionCodec
    let level: Int
    let parallel: Bool
    /// The frames' memory, reused from batch to batch (see ``recycle(_:)``).
    private let frames = FramePool()

    /// Fails when the codec's library is missing or the level is not one it accepts.
    init(codec: CompressionCodec, level: CompressionLevel, parallel: Bool) throws {
        self.codec = codec
        self.level = try codec.level(level)
        self.parallel = parallel
    }

    /// The stored form of each of `buffers`, in order; a buffer whose frame would be no
    /// smaller than itself is stored raw, written from its own memory. The bytes do not
    /// depend on `parallel`.
    func compress(_ buffers: [ArrowBuffer]) throws -> [BodyBuffer] {
        let items = buffers.indices.filter { buffers[$0].count > 0 }.sorted { buffers[$0].count > buffers[$1].count }
        let totalCount = items.reduce(0) { $0 + buffers[$1].count }
        // The frames' memory is found here, on the calling thread: allocated by the workers,
        // it would come from per-thread heaps that give it back to the system when freed.
        let bounds = try codec.makeSession()
        let taken = self.frames.take(try items.map { try bounds.compressedBound(buffers[$0].count) })
        var frames = [HeapAllocation?](repeating: nil, count: buffers.count)
        for (index, frame) in zip(items, taken) {
            frames[index] = frame
        }
        nonisolated(unsafe) var frameLengths = [Int](repeating: 0, count: buffers.count)
        try frameLengths.withUnsafeMutableBufferPointer { frameLengths in
            // Each slot is written by the one thread that compresses its buffer.
            nonisolated(unsafe) let frameLengths = frameLengths
            try runConcurrently(
                items, parallel: parallel && totalCount >= Self.parallelThreshold, makeState: codec.makeSession
            ) { index, session in
                guard let frame = frames[index] else { return }
                do {
                    frameLengths[index] = try buffers[index].withUnsafeBytes { source in
                        try session.compress(
                            source, into: UnsafeMutableRawBufferPointer(start: frame.pointer, count: frame.byteCount), level: level)
                    }
                } catch ArrowError.invalidArgument(let reason) {
                    throw ArrowError.invalidArgument("buffer \(index) (\(buffers[index].count) bytes): \(reason)")
                }
            }
        }
        var unused: [HeapAllocation] = []
        let body = buffers.indices.map { index in
            let buffer = buffers[index]
            guard let frame = frames[index] else { return BodyBuffer(lengthPrefix: nil, bytes: buffer) }
            guard frameLengths[index] < buffer.count else {
                unused.append(frame)
                return BodyBuffer(lengthPrefix: -1, bytes: buffer)
            }
            return BodyBuffer(
                lengthPrefix: Int64(buffer.count),
                bytes: ArrowBuffer(owner: frame, baseAddress: UnsafeRawPointer(frame.pointer), count: frameLengths[index]))
        }
        self.frames.keep(unused)
        return body
    }

    /// Takes back the frames of `body` (made by ``compress(_:)``) once they are written and
    /// nothing refers to them any more, for the next batch.
    func recycle(_ body: [BodyBuffer]) {
        frames.keep(body.compactMap { buffer in
            guard let prefix = buffer.lengthPrefix, prefix >= 0 else { return nil }
            return buffer.bytes.owner as? HeapAllocation
        })
    }

    /// Below this many bytes in a batch, threads cost more than they save.
    static let parallelThreshold = 256 << 10
}

/// The buffers of a compressed message body, made readable.
enum BodyDecompressor {
    /// A buffer as the decoder gets it: a new allocation holding the decompressed bytes, or a
    /// slice of the body for a buffer stored raw, with its offset in the body.
    struct Buffer {
        var bytes: ArrowBuffer
        var rawOffset: Int?
    }

    /// Decompresses the buffers at `selected` positions of `ranges` (those of the columns being
    /// decoded), after checking every length prefix against the body, the codec,
    /// `options.maxDecompressedBufferSize` and `options.maxDecompressedBodySize`, so that no lie
    /// decides an allocation.
    /// `describe(index)` names a buffer in errors, e.g. `buffer 4 (column 1 'name')`.
    static func decompress(
        body: ArrowBuffer, ranges: [BufferRange], selected: [Int], codec: CompressionCodec,
        options: ArrowReadOptions, context: String, describe: (Int) -> String
    ) throws -> [Int: Buffer] {
        var result: [Int: Buffer] = [:]
        var jobs: [(index: Int, frame: ArrowBuffer, length: Int)] = []
        var firstIndexOfRange: [BufferRange: Int] = [:]
        var sharingRange: [(index: Int, original: Int)] = []
        var totalLength = 0
        for index in selected where index < ranges.count {
            let range = ranges[index]
            func failure(_ reason: String) -> ArrowError {
                .invalidData("\(context): \(describe(index)): \(reason)")
            }
            guard range.offset >= 0, range.length >= 0, range.offset <= Int64(body.count),
                  range.length <= Int64(body.count) - range.offset,
                  let stored = body.slice(offset: Int(range.offset), length: Int(range.length))
            else {
                throw failure("spans bytes \(range.offset)..<\(range.offset &+ range.length), outside the body of \(body.count) bytes")
            }
            if stored.count == 0 {
                result[index] = Buffer(bytes: .empty, rawOffset: nil)
                continue
            }
            // Writers never point two buffers at the same bytes; where a file does, they
            // share one decompression rather than each inflating the same frame again.
            if let original = firstIndexOfRange[range] {
                sharingRange.append((index, original))
                continue
            }
            firstIndexOfRange[range] = index
            guard stored.count >= 8 else {
                throw failure("has \(stored.count) bytes, too few for the 8-byte uncompressed length that starts a compressed buffer")
            }
            let declared = Int64(littleEndian: stored.baseAddress.loadUnaligned(as: Int64.self))
            let frame = stored.slice(offset: 8, length: stored.count - 8) ?? .empty
            if declared == -1 {
                result[index] = Buffer(bytes: frame, rawOffset: Int(range.offset) + 8)
                continue
            }
            guard declared >= 0 else {
                throw failure("declares an uncompressed length of \(declared); only -1 (stored raw) or a length is valid")
            }
            if declared == 0 {
                // Arrow Java writes an empty buffer as a zero length and no frame.
                result[index] = Buffer(bytes: .empty, rawOffset: nil)
                continue
            }
            guard declared <= Int64(options.maxDecompressedBufferSize) else {
                throw failure(
                    "declares an uncompressed length of \(declared) bytes, more than the limit of \(options.maxDecompressedBufferSize) (ArrowReadOptions.maxDecompressedBufferSize, arrow-ipc --max-buffer-size)")
            }
            let length = Int(declared)
            guard length <= codec.maxDecompressedSize(compressedCount: frame.count) else {
                throw failure(
                    "declares an uncompressed length of \(length) bytes, more than a \(frame.count)-byte \(codec.displayName) frame can hold")
            }
            totalLength += length
            guard totalLength <= options.maxDecompressedBodySize else {
                throw failure(
                    "the buffers declare \(totalLength) uncompressed bytes in all, more than the limit of \(options.maxDecompressedBodySize) for one message (ArrowReadOptions.maxDecompressedBodySize, arrow-ipc --max-body-size)")
            }
            guard totalLength <= codec.maxDecompressedSize(compressedCount: body.count) else {
                throw failure(
                    "the buffers declare \(totalLength) uncompressed bytes in all, more than a \(body.count)-byte \(codec.displayName) body can hold")
            }
            jobs.append((index, frame, length))
        }
        if !jobs.isEmpty {
            do {
                _ = try codec.makeSession()
            } catch let error as ArrowError {
                throw ArrowError.notSupported("\(context) is compressed with \(codec.displayName): \(error.reason)")
            }
            let items = jobs.indices.sorted { jobs[$0].length > jobs[$1].length }
            // Allocated on the calling thread, for the reason BodyCompressor.compress gives.
            let targets = try jobs.map {
                try HeapAllocation(inputSized: $0.length, purpose: "\(context): decompressing \(describe($0.index))")
            }
            try runConcurrently(
                items, parallel: options.parallel && totalLength >= BodyCompressor.parallelThreshold,
                makeState: codec.makeSession
            ) { job, session in
                let (index, frame, length) = jobs[job]
                do {
                    try frame.withUnsafeBytes { source in
                        try session.decompress(source, into: UnsafeMutableRawBufferPointer(start: targets[job].pointer, count: length))
                    }
                } catch ArrowError.invalidData(let reason) {
                    throw ArrowError.invalidData("\(context): \(describe(index)): \(reason)")
                }
            }
            for (job, target) in zip(jobs, targets) {
                let bytes = ArrowBuffer(owner: target, baseAddress: UnsafeRawPointer(target.pointer), count: job.length)
                result[job.index] = Buffer(bytes: bytes, rawOffset: nil)
            }
        }
        for (index, original) in sharingRange {
            result[index] = result[original]
        }
        return result
    }
}
