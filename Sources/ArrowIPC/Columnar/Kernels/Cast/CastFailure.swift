/// A value that a strict cast could not convert: thrown as ``ArrowError/castFailed(_:)``.
///
/// ```
/// column 'Value', row 3: cannot cast '1.5x' to int64: not an integer
/// ```
public struct CastFailure: Sendable, Hashable, CustomStringConvertible {
    /// The column, when a ``RecordBatch`` was cast.
    public var column: String?
    /// The row (0-based) of the array or batch that was cast. A value inside a nested type
    /// (a list element, a struct field, a dictionary entry) names the row that holds it.
    public var row: Int
    /// The value that did not convert, as text: `300`, `1.5`, `'abc'`, `2024-02-30`.
    public var value: String
    /// The type it was cast to (the innermost, for a value inside a nested type).
    public var targetType: DataType
    /// Why it did not convert: `out of range (-128 to 127)`, `not an integer`, …
    public var reason: String

    /// A failure to convert `value` to `targetType` in `row`, because of `reason`.
    public init(column: String? = nil, row: Int, value: String, targetType: DataType, reason: String) {
        self.column = column
        self.row = row
        self.value = value
        self.targetType = targetType
        self.reason = reason
    }

    /// `[column 'NAME', ]row R: cannot cast VALUE to TYPE: REASON`.
    public var description: String {
        let place = column.map { "column '\($0)', row \(row)" } ?? "row \(row)"
        return "\(place): cannot cast \(value) to \(targetType): \(reason)"
    }
}

/// A slot of one array whose value did not convert in a strict cast: thrown inside the
/// kernels, where a nested cast moves it to its parent's slot, and turned into a
/// ``CastFailure`` at the top.
struct SlotFailure: Error {
    /// The slot, relative to the array being cast at this level.
    var slot: Int
    var value: String
    var targetType: DataType
    var reason: String

    /// The public form, its slot a row of the array that was cast.
    var failure: CastFailure {
        CastFailure(row: slot, value: value, targetType: targetType, reason: reason)
    }
}
