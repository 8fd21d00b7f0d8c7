/// The working state of one codec on one thread: compression and decompression contexts of
/// the system library, reused from buffer to buffer. Not shared between threads; each worker
/// makes its own with ``CompressionCodec/makeSession()``.
protocol CodecSession: AnyObject {
    /// The most bytes compressing `count` bytes can produce.
    func compressedBound(_ count: Int) throws -> Int
    /// Compresses `source` into one frame in `target` (at least ``compressedBound(_:)`` bytes)
    /// at `level`; returns the frame's length.
    func compress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer, level: Int) throws -> Int
    /// Decompresses the frames of `source`, which must fill `target` exactly. Throws
    /// `ArrowError.invalidData` saying what is wrong with the frame, without context.
    func decompress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws
}

extension CompressionCodec {
    /// The name used in messages: `LZ4` or `ZSTD`.
    var displayName: String {
        switch self {
        case .lz4Frame: "LZ4"
        case .zstd: "ZSTD"
        }
    }

    /// The level used when none is given: 1 for both codecs, as Arrow C++ and pyarrow.
    var defaultLevel: Int { 1 }

    /// The most bytes a frame of `compressedCount` bytes can decompress to, from the codec's
    /// format: an LZ4 sequence grows by at most 255 bytes per input byte; the densest ZSTD
    /// block (a run of one byte) turns 4 bytes into 128 KiB. A length prefix declaring more
    /// is a lie, refused before anything is allocated.
    func maxDecompressedSize(compressedCount: Int) -> Int {
        let ratio = self == .lz4Frame ? 256 : 32_768
        let (product, overflow) = compressedCount.multipliedReportingOverflow(by: ratio)
        return overflow ? Int.max : product
    }

    /// A compression/decompression state for one thread; throws when the codec's system
    /// library is missing.
    func makeSession() throws -> any CodecSession {
        switch self {
        case .lz4Frame: LZ4FrameSession(library: try LZ4FrameLibrary.shared.get())
        case .zstd: ZstdSession(library: try ZstdLibrary.shared.get())
        }
    }
}
