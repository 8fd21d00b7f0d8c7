/// Why text input — CSV, TSV, JSON Lines, JSON — could not be read, and where: thrown as
/// ``ArrowError/invalidText(_:)``.
///
/// ```
/// line 12, column 3 ('price'): cannot read '1.5x' as double: not a number
/// line 4, column 17: expected ',' or '}' after a value in an object, found 'x'
/// line 9, key 'tags': the string "a" does not go with the int64 values before it
/// ```
public struct TextInputFailure: Sendable, Hashable, CustomStringConvertible {
    /// The line (1-based) where the problem is: for a CSV value, the line its field starts on.
    public var line: Int
    /// In CSV and TSV, the field's position in its record (1-based); in JSON, the character in
    /// the line (1-based). `nil` where the problem is a whole record or a JSON value.
    public var column: Int?
    /// The column's name (CSV) or the key, dotted for nested keys (JSON), when known.
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// A failure at `line` (and `column`, of `field`), because of `reason`.
    public init(line: Int, column: Int? = nil, field: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.field = field
        self.reason = reason
    }

    /// `line L[, column C][ ('NAME')]: REASON`, or `line L, key 'NAME': REASON` without a column.
    public var description: String {
        var place = "line \(line)"
        switch (column, field) {
        case (let column?, let field?): place += ", column \(column) ('\(field)')"
        case (let column?, nil): place += ", column \(column)"
        case (nil, let field?): place += ", key '\(field)'"
        case (nil, nil): break
        }
        return "\(place): \(reason)"
    }
}

extension ArrowError {
    /// A ``invalidText(_:)`` error.
    static func text(line: Int, column: Int? = nil, field: String? = nil, _ reason: String) -> ArrowError {
        .invalidText(TextInputFailure(line: line, column: column, field: field, reason: reason))
    }
}
