/// How readers treat their input.
public struct ArrowReadOptions: Sendable {
    /// How much checking each decoded batch gets; see ``ValidationLevel``.
    public var validation: ValidationLevel
    /// The largest message metadata (flatbuffer) accepted, in bytes.
    public var maxMetadataSize: Int

    /// The defaults: structural validation, metadata up to 64 MiB.
    public init(validation: ValidationLevel = .default, maxMetadataSize: Int = 64 << 20) {
        self.validation = validation
        self.maxMetadataSize = maxMetadataSize
    }

    /// Returns a copy with `validation` set.
    public func validation(_ level: ValidationLevel) -> ArrowReadOptions {
        var copy = self
        copy.validation = level
        return copy
    }
}
