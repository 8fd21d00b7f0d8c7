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
    /// The largest buffer a compressed body may inflate to, in bytes. A buffer declaring more
    /// is refused before anything is allocated, as is one declaring more than its codec can
    /// produce from its compressed size. 2 GiB by default.
    public var maxDecompressedBufferSize: Int
    /// The most bytes the buffers of one compressed message body may inflate to in all,
    /// 8 GiB by default: a small file of highly compressible (or lying) buffers cannot take
    /// more memory than this per batch. Raise it to read batches larger than that.
    public var maxDecompressedBodySize: Int
    /// Whether the buffers of a compressed batch are decompressed on several threads at once.
    /// On by default.
    public var parallel: Bool

    /// The defaults: structural validation, metadata up to 64 MiB, conversion to the native
    /// byte order, compressed buffers up to 2 GiB each and 8 GiB per message, decompressed in
    /// parallel.
    public init(
        validation: ValidationLevel = .default, maxMetadataSize: Int = 64 << 20, ensureNativeByteOrder: Bool = true,
        maxDecompressedBufferSize: Int = 2 << 30, maxDecompressedBodySize: Int = 8 << 30, parallel: Bool = true
    ) {
        self.validation = validation
        self.maxMetadataSize = maxMetadataSize
        self.ensureNativeByteOrder = ensureNativeByteOrder
        self.maxDecompressedBufferSize = maxDecompressedBufferSize
        self.maxDecompressedBodySize = maxDecompressedBodySize
        self.parallel = parallel
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

    /// Returns a copy with ``maxDecompressedBufferSize`` set.
    public func maxDecompressedBufferSize(_ bytes: Int) -> ArrowReadOptions {
        var copy = self
        copy.maxDecompressedBufferSize = bytes
        return copy
    }

    /// Returns a copy with ``maxDecompressedBodySize`` set.
    public func maxDecompressedBodySize(_ bytes: Int) -> ArrowReadOptions {
        var copy = self
        copy.maxDecompressedBodySize = bytes
        return copy
    }

    /// Returns a copy with ``parallel`` set.
    public func parallel(_ enabled: Bool) -> ArrowReadOptions {
        var copy = self
        copy.parallel = enabled
        return copy
    }
}
