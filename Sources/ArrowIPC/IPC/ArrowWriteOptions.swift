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

    /// The defaults: 64-byte alignment, which suits vectorized readers and memory mapping, and
    /// replacement dictionaries in streams.
    public init(alignment: Int = 64, emitDictionaryDeltas: Bool = false) {
        self.alignment = alignment
        self.emitDictionaryDeltas = emitDictionaryDeltas
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

    func validated() throws -> ArrowWriteOptions {
        guard alignment == 8 || alignment == 64 else {
            throw ArrowError.invalidArgument("alignment must be 8 or 64 bytes, not \(alignment)")
        }
        return self
    }
}
