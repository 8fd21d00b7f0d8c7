/// Arrays print as pyarrow prints them, after a line naming the type and the counts: one
/// value per line between brackets, the first and the last ten when there are more than
/// twenty, with `...` between. Values are written as nested ``ArrowValue``s are (strings
/// quoted, lists `[1, 2]`, structs `{a: 1}`); a value that cannot be read (in an array from
/// an unvalidated source) shows why in angle brackets.
extension ArrowArray {
    /// `int64 array of 3 values (1 null)` and the values, one per line.
    public var description: String {
        data.description
    }
}

extension ArrayData: CustomStringConvertible {
    /// How many values the start and the end of a long array show.
    static let shownEdge = 10

    /// `int64 array of 3 values (1 null)` and the values, one per line.
    public var description: String {
        var lines = ["\(type) array of \(length) value\(length == 1 ? "" : "s")"
            + (nullCount > 0 ? " (\(nullCount) null\(nullCount == 1 ? "" : "s"))" : ""), "["]
        for index in Self.shownSlots(length, edge: Self.shownEdge) {
            lines.append(index.map { "  " + previewText(at: $0) + ($0 == length - 1 ? "" : ",") } ?? "  ...")
        }
        lines.append("]")
        return lines.joined(separator: "\n")
    }

    /// The slots a preview of `length` slots shows: all of them up to `2 × edge`, otherwise
    /// the first and the last `edge` with `nil` (for `...`) between.
    static func shownSlots(_ length: Int, edge: Int) -> [Int?] {
        guard length > 2 * edge else { return Array(0..<length) }
        return Array(0..<edge) + [nil] + Array((length - edge)..<length)
    }

    /// The text of slot `index` for people: the value as nested values are written (strings
    /// quoted), shortened after `maxCharacters`; a value of more than `maxItems` items, or
    /// one that cannot be read, is summarised instead (in angle brackets).
    func previewText(at index: Int, maxItems: Int = 100, maxCharacters: Int = 100) -> String {
        var budget = maxItems
        let value: ArrowValue
        do {
            value = try self.value(at: index, budget: &budget)
        } catch ArrowError.notSupported {
            return "<a \(type) value of over \(maxItems) items>"
        } catch let error as ArrowError {
            return "<\(error.reason)>"
        } catch {
            return "<\(error)>"
        }
        var text = ""
        value.appendText(.nested, to: &text)
        return text.count > maxCharacters ? text.prefix(maxCharacters) + "… (\(text.utf8.count) bytes)" : text
    }

    /// `[v,v,...,v]`: the values of a column on one line, the first and the last `edge` when
    /// there are more than `2 × edge`.
    func previewLine(edge: Int) -> String {
        "[" + Self.shownSlots(length, edge: edge).map { $0.map { previewText(at: $0) } ?? "..." }.joined(separator: ",") + "]"
    }
}
