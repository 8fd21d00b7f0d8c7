/// How writers lay out their output.
public struct ArrowWriteOptions: Sendable {
    /// The alignment of every buffer in a message body and of every message start: 8 or 64.
    public var alignment: Int
    /// Whether a stream writer sends a dictionary that extends the one it wrote for the same
    /// id as a delta (only the new values, `isDelta` set) rather than as a replacement (the
    /// whole dictionary), as pyarrow's `emit_dictionary_deltas`. Off by default, since some
    /// readers do not handle deltas. File writers always write deltas, as the file format
    /// cannot replace a dictionary.
    public var emitDictionaryDeltas: Bool
    /// The codec that compresses the buffers of every record batch and dictionary batch, or
    /// `nil` (the default) for uncompressed bodies. A buffer that compression does not make
    /// smaller is stored as it is.
    public var compression: CompressionCodec?
    /// The compression level: ``CompressionLevel/automatic`` (the default: the codec's
    /// default, 1 for both codecs, as in Arrow C++), a fraction from 0 to 1 of the codec's
    /// range (`0.5`), or one of its own levels (`3`; see ``CompressionCodec/levelRange()``).
    public var compressionLevel: CompressionLevel
    /// Whether the buffers of a batch are compressed on several threads at once. The output
    /// is the same bytes either way. On by default.
    public var parallel: Bool
    /// Which layouts the writer may use; see ``CompatibilityLevel``. `newest` by default.
    public var compatibility: CompatibilityLevel
    /// The metadata version written in every message and in the file footer: `v5` (the
    /// default) or `v4`, for readers older than Arrow 1.0. Data of types added since Arrow 1.0
    /// cannot be written as V4, nor can compressed bodies.
    public var metadataVersion: MetadataVersion
    /// Whether a writer on a URL flushes the file to disk (`fsync`), and its folder after
    /// naming it, when it finishes. On by default: the file then survives a crash or power
    /// loss whole. Off, the file still appears whole or not at all to every program, but the
    /// system may lose it, or leave it empty, if it crashes before writing its cache to disk
    /// — as with most writers (pyarrow's, polars'); for scratch files and benchmarks.
    public var syncsToDisk: Bool

    /// The defaults: 64-byte alignment, which suits vectorized readers and memory mapping,
    /// replacement dictionaries in streams, no compression, parallel compression when
    /// compression is chosen, the newest layouts, metadata V5, and files flushed to disk.
    public init(
        alignment: Int = 64, emitDictionaryDeltas: Bool = false, compression: CompressionCodec? = nil,
        compressionLevel: CompressionLevel = .automatic, parallel: Bool = true, compatibility: CompatibilityLevel = .newest,
        metadataVersion: MetadataVersion = .v5, syncsToDisk: Bool = true
    ) {
        self.syncsToDisk = syncsToDisk
        self.alignment = alignment
        self.emitDictionaryDeltas = emitDictionaryDeltas
        self.compression = compression
        self.compressionLevel = compressionLevel
        self.parallel = parallel
        self.compatibility = compatibility
        self.metadataVersion = metadataVersion
    }

    /// Returns a copy with ``syncsToDisk`` set.
    public func syncsToDisk(_ enabled: Bool) -> ArrowWriteOptions {
        var copy = self
        copy.syncsToDisk = enabled
        return copy
    }

    /// Returns a copy with `alignment` set.
    public func alignment(_ bytes: Int) -> ArrowWriteOptions {
        var copy = self
        copy.alignment = bytes
        return copy
    }

    /// Returns a copy with `emitDictionaryDeltas` set.
    public func emitDictionaryDeltas(_ enabled: Bool) -> ArrowWriteOptions {
        var copy = self
        copy.emitDictionaryDeltas = enabled
        return copy
    }

    /// Returns a copy with ``compression`` and ``compressionLevel`` set.
    public func compression(_ codec: CompressionCodec?, level: CompressionLevel = .automatic) -> ArrowWriteOptions {
        var copy = self
        copy.compression = codec
        copy.compressionLevel = level
        return copy
    }

    /// Returns a copy with ``parallel`` set.
    public func parallel(_ enabled: Bool) -> ArrowWriteOptions {
        var copy = self
        copy.parallel = enabled
        return copy
    }

    /// Returns a copy with ``compatibility`` set.
    public func compatibility(_ level: CompatibilityLevel) -> ArrowWriteOptions {
        var copy = self
        copy.compatibility = level
        return copy
    }

    /// Returns a copy with ``metadataVersion`` set.
    public func metadataVersion(_ version: MetadataVersion) -> ArrowWriteOptions {
        var copy = self
        copy.metadataVersion = version
        return copy
    }

    func validated() throws -> ArrowWriteOptions {
        guard alignment == 8 || alignment == 64 else {
            throw ArrowError.invalidArgument("alignment must be 8 or 64 bytes, not \(alignment)")
        }
        guard metadataVersion == .v4 || metadataVersion == .v5 else {
            throw ArrowError.invalidArgument("the metadata version written must be V4 or V5, not V\(metadataVersion.rawValue + 1)")
        }
        if let compression, metadataVersion != .v5 {
            throw ArrowError.invalidArgument(
                "\(compression.displayName) compression needs metadata version V5: readers of V4 (Arrow 0.17 and older) do not know compressed bodies")
        }
        if compression == nil, compressionLevel != .automatic {
            throw ArrowError.invalidArgument("a compression level (\(compressionLevel)) needs a compression codec")
        }
        return self
    }
}
