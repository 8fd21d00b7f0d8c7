/// Which columns to take from a table: a comma-separated list of names and positions.
///
/// Each item is, in this order of preference:
/// 1. the exact name of a column — so a column literally named `3` is chosen by `3`, and
///    positions reach the column at index 3 only when no column has that name;
/// 2. the name with surrounding spaces removed (`a, b` selects `a` and `b`);
/// 3. a 0-based position, negative counting from the end (`-1` is the last column);
/// 4. a Python slice of positions (`1:3`, `::2`, `::-1`), clamped like Python's.
///
/// When names repeat in a schema, a name selects the first such column; positions reach the
/// others. Items may repeat, and the columns come out in the order written. Names containing a
/// comma cannot be written; select them by position.
public struct ColumnSelection: Sendable, Hashable, CustomStringConvertible {
    /// How the items are read.
    private enum Kind: Sendable, Hashable {
        /// Names, positions or slices, as a specification writes them.
        case parsed
        /// Exact 0-based positions, negative counting from the end.
        case positions([Int])
        /// Exact names.
        case names
    }

    /// The items as written, in order.
    public let items: [String]
    private let kind: Kind

    /// Parses a specification such as `a,c`, `0,2`, `-1` or `name,1:3`.
    public init(parsing spec: String) throws {
        let items = spec.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for item in items where item.isEmpty {
            throw ArrowError.invalidArgument("the column selection '\(spec)' has an empty item")
        }
        self.items = items
        kind = .parsed
    }

    /// Selects the columns at `positions` (0-based, negative counting from the end), in order.
    public init(positions: [Int]) {
        items = positions.map(String.init)
        kind = .positions(positions)
    }

    /// Selects the first column called each of `names`, exactly (names may hold commas or
    /// look like positions), in order.
    public init(names: [String]) {
        items = names
        kind = .names
    }

    /// The specification as written.
    public var description: String { items.joined(separator: ",") }

    /// The positions of the selected columns of `schema`, in output order.
    ///
    /// Throws for a name no column has (listing the columns there are) or a position outside
    /// the schema.
    public func resolve(schema: Schema) throws -> [Int] {
        let columnCount = schema.fields.count
        switch kind {
        case .parsed:
            break
        case .positions(let given):
            return try given.map { index in
                let position = index < 0 ? index + columnCount : index
                guard position >= 0, position < columnCount else {
                    throw ArrowError.invalidArgument(
                        "column \(index) is out of range for \(columnCount) column\(columnCount == 1 ? "" : "s")")
                }
                return position
            }
        case .names:
            return try items.map { name in
                guard let position = schema.index(of: name) else {
                    throw ArrowError.invalidArgument(
                        "there is no column named '\(name)'; the columns are \(Self.list(schema.fields.map(\.name)))")
                }
                return position
            }
        }
        var positions: [Int] = []
        for item in items {
            let trimmed = item.trimmingSpaces
            if let position = schema.index(of: item) ?? schema.index(of: trimmed) {
                positions.append(position)
            } else if let index = RowSelection.parseInteger(Substring(trimmed)) {
                let position = index < 0 ? index + columnCount : index
                guard position >= 0, position < columnCount else {
                    throw ArrowError.invalidArgument(
                        "column \(index) is out of range for \(columnCount) column\(columnCount == 1 ? "" : "s")")
                }
                positions.append(position)
            } else if trimmed.contains(":"), let slice = try? RowSelection(parsing: trimmed) {
                positions.append(contentsOf: try slice.resolve(rowCount: columnCount))
            } else {
                throw ArrowError.invalidArgument(
                    "there is no column named '\(item)'; the columns are \(Self.list(schema.fields.map(\.name)))")
            }
        }
        return positions
    }

    /// Names quoted and comma-separated, shortened after the first 20.
    private static func list(_ names: [String]) -> String {
        guard !names.isEmpty else { return "none" }
        let shown = names.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 20 ? "\(shown) and \(names.count - 20) more" : shown
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let characters = drop(while: { $0 == " " || $0 == "\t" })
        return String(characters.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
