/// How readers treat their input.
public struct ArrowReadOptions: Sendable {
    /// How much checking each decoded batch gets; see ``ValidationLevel``.
    public var validation: ValidationLevel
    /// The largest message metadata (flatbuffer) accepted, in bytes.
    public var maxMetadataSize: Int
    /// Whether data written in the other byte order (a big-endian file read on a little-endian
    /// machine) is converted to the native byte order as it is read: every multi-byte value is
    /// swapped into a new buffer. On by default, as pyarrow's `ensure_native_endian`.
    ///
    /// When off, such data is returned as it is in the file (see ``ArrowFileReader/byteOrder``
    /// and ``ArrowStreamReader/byteOrder``), for code that handles the byte order itself
    /// through ``ArrayData/buffers``. Its values, offsets included, then read wrongly through
    /// the typed arrays and everything built on them, and validation can check only what
    /// reads no values — lengths, null counts, buffer and child counts, buffer sizes, child
    /// types — whatever ``validation`` asks for (nothing when it is ``ValidationLevel/none``).
    /// Data in the native byte order is never copied, whatever this option says.
    public var ensureNativeByteOrder: Bool

    /// The defaults: structural validation, metadata up to 64 MiB, conversion to the native
    /// byte order.
    public init(validation: ValidationLevel = .default, maxMetadataSize: Int = 64 << 20, ensureNativeByteOrder: Bool = true) {
        self.validation = validation
        self.maxMetadataSize = maxMetadataSize
        self.ensureNativeByteOrder = ensureNativeByteOrder
    }

    /// Returns a copy with `validation` set.
    public func validation(_ level: ValidationLevel) -> ArrowReadOptions {
        var copy = self
        copy.validation = level
        return copy
    }

    /// Returns a copy with ``ensureNativeByteOrder`` set.
    public func ensureNativeByteOrder(_ convert: Bool) -> ArrowReadOptions {
        var copy = self
        copy.ensureNativeByteOrder = convert
        return copy
    }
}
