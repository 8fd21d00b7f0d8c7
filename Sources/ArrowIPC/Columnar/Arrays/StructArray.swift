/// An array of structs: one child array (column) per field, all read at the same slots.
///
/// ``column(_:)`` gives a field's values as its typed array, sliced to this array's slots.
/// Each element is a ``Row`` (`nil` for a null struct) that hands out the row's field values
/// as one-slot arrays. `Array(array)` gives `[StructArray.Row?]`.
public struct StructArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of a `struct` type and pass ``ArrayData/validate(_:)`` at
    /// the default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .struct = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "StructArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// An array of structs with `fields` whose values are `columns`, null where `validity`
    /// says `false`. Its length is the columns' (`validity.count` when there are no fields).
    ///
    /// Throws when the counts of fields and columns differ, a column has another type than
    /// its field, the columns have different lengths, or `validity` has another count.
    public init(fields: [Field], columns: [any ArrowArray], validity: [Bool]? = nil) throws {
        guard fields.count == columns.count else {
            throw ArrowError.invalidArgument("\(fields.count) fields were given for \(columns.count) columns")
        }
        for (field, column) in zip(fields, columns) where field.type != column.type {
            throw ArrowError.invalidArgument("column '\(field.name)' has type \(column.type) but its field says \(field.type)")
        }
        let length = columns.first?.length ?? validity?.count ?? 0
        for (field, column) in zip(fields, columns) where column.length != length {
            throw ArrowError.invalidArgument("column '\(field.name)' has \(column.length) slots, the first column has \(length)")
        }
        let (bitmap, nullCount) = try BitmapBuilder.validity(from: validity, length: length)
        self.init(unchecked: ArrayData(
            type: .struct(fields), length: length, nullCount: nullCount, validity: bitmap, buffers: [],
            children: columns.map(\.data)))
    }

    /// The fields, one per column.
    public var fields: [Field] {
        data.type.children
    }

    /// The number of fields.
    public var columnCount: Int {
        data.children.count
    }

    /// The values of field `index`, sliced to this array's slots.
    public func column(_ index: Int) -> any ArrowArray {
        makeArray(data.children[index].uncheckedSlice(data.offset, data.length))
    }

    /// The values of the first field called `name`, or `nil`.
    public func column(_ name: String) -> (any ArrowArray)? {
        fields.firstIndex(where: { $0.name == name }).map(column)
    }

    /// The values of every field, sliced to this array's slots.
    public var columns: [any ArrowArray] {
        data.children.indices.map(column)
    }

    /// The struct in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> Row? {
        if data.isNull(position) {
            return nil
        }
        return Row(array: self, index: position)
    }

    /// One struct of a ``StructArray``: its field values, each as a one-slot array of the
    /// field's type (so a value can itself be null, or a list, or another struct).
    ///
    /// `(row["a"] as? Int32Array)?[0]` reads field `a` as an `Int32?`.
    public struct Row: Sendable {
        /// The struct array the row belongs to.
        public let array: StructArray
        /// The row's slot in ``array``.
        public let index: Int

        /// The fields, one per value.
        public var fields: [Field] {
            array.fields
        }

        /// The value of field `field` in this row, as a one-slot array.
        public subscript(field: Int) -> any ArrowArray {
            let data = array.data
            return makeArray(data.children[field].uncheckedSlice(data.offset &+ index, 1))
        }

        /// The value of the first field called `name` in this row, as a one-slot array, or `nil`.
        public subscript(name: String) -> (any ArrowArray)? {
            fields.firstIndex(where: { $0.name == name }).map { self[$0] }
        }
    }
}
