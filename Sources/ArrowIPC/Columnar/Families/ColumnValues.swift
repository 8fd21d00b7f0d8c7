/// The values of a column of one family — strings, bytes, integers, floats or lists — read in
/// place whatever the column's width or layout: a random-access collection of `Value?`
/// (`nil` for a null slot). ``ArrowArray/strings``, ``ArrowArray/int64Values`` and their
/// kin make one.
///
/// ```swift
/// let names = try batch.column("name")!.strings      // string, large_string (pandas) or string_view
/// let counts = try batch.column("count")!.int64Values // int8 … int64, uint8 … uint32, widened
/// ```
public struct ColumnValues<Value>: RandomAccessCollection, Sendable {
    /// The number of slots.
    public let count: Int
    private let read: @Sendable (Int) -> Value?

    /// Values of `count` slots, slot `i` read by `read(i)`.
    init(count: Int, read: @escaping @Sendable (Int) -> Value?) {
        self.count = count
        self.read = read
    }

    /// `0`.
    public var startIndex: Int { 0 }
    /// The number of slots.
    public var endIndex: Int { count }

    /// The value in slot `position`, or `nil` when it is null. Like an array subscript, a
    /// position outside `0..<count` stops the program.
    public subscript(position: Int) -> Value? {
        precondition(position >= 0 && position < count, "index \(position) is outside 0..<\(count)")
        return read(position)
    }
}
