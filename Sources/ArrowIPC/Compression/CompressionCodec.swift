/// A codec for the buffers of a message body (`BodyCompression.codec` in Message.fbs).
///
/// Each buffer is compressed on its own: an 8-byte little-endian uncompressed length, then one
/// compressed frame, or `-1` and the bytes as they are when compressing does not make the
/// buffer smaller.
public enum CompressionCodec: String, Sendable, Hashable, CaseIterable {
    /// The LZ4 frame format (`LZ4_FRAME`), bound to the system's `liblz4.so.1`: fast, modest
    /// ratios. What pyarrow's `write_feather` uses by default.
    case lz4Frame = "lz4"
    /// Zstandard (`ZSTD`), bound to the system's `libzstd.so.1`: better ratios at a higher cost.
    case zstd
}
