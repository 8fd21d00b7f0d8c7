/// How writers lay out their output.
public struct ArrowWriteOptions: Sendable {
    /// The alignment of every buffer in a message body and of every message start: 8 or 64.
    public var alignment: Int

    /// The defaults: 64-byte alignment, which suits vectorized readers and memory mapping.
    public init(alignment: Int = 64) {
        self.alignment = alignment
    }

    /// Returns a copy with `alignment` set.
    public func alignment(_ bytes: Int) -> ArrowWriteOptions {
        var copy = self
        copy.alignment = bytes
        return copy
    }

    func validated() throws -> ArrowWriteOptions {
        guard alignment == 8 || alignment == 64 else {
            throw ArrowError.invalidArgument("alignment must be 8 or 64 bytes, not \(alignment)")
        }
        return self
    }
}
