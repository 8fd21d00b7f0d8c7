/// How readers treat their input, and the limits that keep a hostile input from taking more
/// memory or time than its size justifies.
///
/// Whatever the options, a malformed input is an ``ArrowError``, never a crash. The limits
/// bound what the input's own numbers would otherwise decide: no allocation is made for a
/// declared size before it is checked against what the input can hold (a buffer inside its
/// message body, a compressed buffer within what its codec can produce from its bytes).
public struct ArrowReadOptions: Sendable {
    /// How much checking each decoded batch gets; see ``ValidationLevel``.
    public var validation: ValidationLevel
    /// Whether ``ValidationLevel/full`` validation also checks that every decimal value fits
    /// its type's precision (|value| < 10^precision). Off by default, as in nanoarrow and
    /// pyarrow's reader: real files (from older writers and casts) break it, and such values
    /// still read and print correctly.
    public var checksDecimalPrecision: Bool
    /// The largest message metadata (flatbuffer) accepted, in bytes: 64 MiB by default.
    public var maxMetadataSize: Int
    /// The deepest nesting of fields accepted, top-level fields counting as depth 1: 64 by
    /// default (as Arrow C++), which is also the most allowed (``ArrayData/maximumNestingDepth``).
    /// A schema nested deeper is an error naming the field.
    public var maxNestingDepth: Int
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
    /// produce from its compressed bytes (LZ4 256 times, ZSTD 32768 times their size).
    /// By default the machine's physical memory: every buffer a writer could have compressed
    /// from memory reads back, and what its codec cannot justify is refused whatever the limit.
    public var maxDecompressedBufferSize: Int
    /// The most bytes the buffers of one compressed message body may inflate to in all. By
    /// default the machine's physical memory; lower it to bound what one batch of a highly
    /// compressible (or lying) input may take.
    public var maxDecompressedBodySize: Int
    /// Whether the buffers of a compressed batch are decompressed on several threads at once.
    /// On by default.
    public var parallel: Bool
    /// Whether readers opened on a URL memory-map a regular file (on by default): batches then
    /// point into the mapping and nothing is copied. A mapped file must not shrink while its
    /// batches are in use — the system stops a program that reads a page past the file's new
    /// end. Off, readers read each message into memory of their own with ordinary reads, and a
    /// file that shrinks or is replaced while read is an ``ArrowError/io(_:)`` naming it: the
    /// choice for files another process may rewrite, and for reading a file once, front to back.
    public var memoryMapsFiles: Bool

    /// The defaults: structural validation (without decimal precision), metadata up to
    /// 64 MiB, fields nested up to 64 deep, conversion to the native byte order, compressed
    /// buffers and message bodies up to the machine's memory, decompressed in parallel,
    /// files memory-mapped.
    public init(
        validation: ValidationLevel = .default, checksDecimalPrecision: Bool = false,
        maxMetadataSize: Int = 64 << 20, maxNestingDepth: Int = ArrayData.maximumNestingDepth,
        ensureNativeByteOrder: Bool = true,
        maxDecompressedBufferSize: Int = machineMemorySize, maxDecompressedBodySize: Int = machineMemorySize,
        parallel: Bool = true, memoryMapsFiles: Bool = true
    ) {
        self.validation = validation
        self.checksDecimalPrecision = checksDecimalPrecision
        self.maxMetadataSize = maxMetadataSize
        self.maxNestingDepth = maxNestingDepth
        self.ensureNativeByteOrder = ensureNativeByteOrder
        self.maxDecompressedBufferSize = maxDecompressedBufferSize
        self.maxDecompressedBodySize = maxDecompressedBodySize
        self.parallel = parallel
        self.memoryMapsFiles = memoryMapsFiles
    }

    /// Returns a copy with `validation` set.
    public func validation(_ level: ValidationLevel) -> ArrowReadOptions {
        var copy = self
        copy.validation = level
        return copy
    }

    /// Returns a copy with ``checksDecimalPrecision`` set.
    public func checksDecimalPrecision(_ check: Bool) -> ArrowReadOptions {
        var copy = self
        copy.checksDecimalPrecision = check
        return copy
    }

    /// Returns a copy with ``maxMetadataSize`` set.
    public func maxMetadataSize(_ bytes: Int) -> ArrowReadOptions {
        var copy = self
        copy.maxMetadataSize = bytes
        return copy
    }

    /// Returns a copy with ``maxNestingDepth`` set.
    public func maxNestingDepth(_ depth: Int) -> ArrowReadOptions {
        var copy = self
        copy.maxNestingDepth = depth
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

    /// Returns a copy with ``memoryMapsFiles`` set.
    public func memoryMapsFiles(_ enabled: Bool) -> ArrowReadOptions {
        var copy = self
        copy.memoryMapsFiles = enabled
        return copy
    }

    /// Throws ``ArrowError/invalidArgument(_:)`` naming the first option outside its range;
    /// readers call it before reading anything.
    func check() throws {
        guard (1...ArrayData.maximumNestingDepth).contains(maxNestingDepth) else {
            throw ArrowError.invalidArgument(
                "maxNestingDepth is \(maxNestingDepth); it must be in 1...\(ArrayData.maximumNestingDepth)")
        }
        // Metadata lengths are 32-bit in the format.
        guard (0...Int(Int32.max)).contains(maxMetadataSize) else {
            throw ArrowError.invalidArgument("maxMetadataSize is \(maxMetadataSize); it must be in 0...\(Int32.max)")
        }
        for (name, value) in [
            ("maxDecompressedBufferSize", maxDecompressedBufferSize), ("maxDecompressedBodySize", maxDecompressedBodySize),
        ] where value < 0 {
            throw ArrowError.invalidArgument("\(name) is \(value); it must not be negative")
        }
    }
}
