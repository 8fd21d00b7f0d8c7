/// One buffer of a message body as written: its bytes, after the 8-byte little-endian length
/// prefix that starts each non-empty buffer of a compressed body. The writer puts the two
/// side by side, so a buffer stored raw (`-1`) is written from its own memory, not copied.
struct BodyBuffer {
    /// The uncompressed length, or `-1` for bytes stored raw; `nil` in an uncompressed body.
    var lengthPrefix: Int64?
    /// The frame, or the buffer itself.
    var bytes: ArrowBuffer

    /// The bytes the buffer takes in the body, before padding.
    var count: Int { bytes.count + (lengthPrefix == nil ? 0 : 8) }
}
