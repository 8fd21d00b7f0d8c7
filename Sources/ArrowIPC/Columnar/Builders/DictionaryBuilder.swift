/// Builds dictionary-encoded arrays: each distinct value is stored once in the dictionary,
/// in the order values first appear, and each slot holds its index (of any integer type).
///
/// ```swift
/// let colors = try DictionaryBuilder(type: .dictionary(index: .int8, value: .utf8, ordered: false))
/// for color in ["red", "blue", "red"] { try colors.append(.string(color)) }
/// colors.finishData()                          // indices [0, 1, 0], dictionary ["red", "blue"]
/// ```
public final class DictionaryBuilder: TruncatableBuilder {
    public let type: DataType
    private let indexType: DataType
    private let entries: any TruncatableBuilder
    @exclusivity(unchecked) private var positions: [ArrowValue: Int] = [:]
    @exclusivity(unchecked) private var indices = BufferBuilder(capacity: 0)
    @exclusivity(unchecked) private var validity = BitmapBuilder(capacity: 0)
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `type`, a dictionary type with an integer index type.
    public init(type: DataType) throws {
        guard case .dictionary(let index, let value, _) = type, index.integerMaximum > 0 else {
            throw ArrowError.invalidArgument("\(type) is not a dictionary type with an integer index")
        }
        self.type = type
        indexType = index
        entries = try makeTruncatableBuilder(value)
    }

    /// The number of distinct values in the dictionary so far.
    public var dictionaryCount: Int { entries.count }

    public func append(_ value: ArrowValue) throws {
        if value.isNull { return appendNull() }
        if let position = positions[value] {
            try indices.appendInteger(position, as: indexType)
        } else {
            let position = entries.count
            guard position <= indexType.integerMaximum else {
                throw mismatch(value, "would be dictionary entry \(position), past what \(indexType) indices number")
            }
            try entries.append(value)
            positions[value] = position
            try indices.appendInteger(position, as: indexType)
        }
        validity.append(true)
        count += 1
    }

    public func appendNull() {
        try? indices.appendInteger(0, as: indexType)
        validity.append(false)
        count += 1
    }

    public func reserve(_ additional: Int) {
        indices.reserve(max(additional, 0) &* (indexType.byteWidth ?? 8))
    }

    /// The array of the slots appended, with its dictionary; the builder is then empty, its
    /// dictionary too.
    public func finishData() -> ArrayData {
        let length = count
        count = 0
        positions = [:]
        let dictionary = entries.finishData()
        let (bitmap, nullCount) = validity.takeValidity()
        return ArrayData(
            type: type, length: length, nullCount: nullCount, validity: bitmap, buffers: [indices.take()], dictionary: dictionary)
    }

    func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        // Dictionary entries stay: an entry no slot refers to is allowed.
        indices.truncate(to: newCount * (indexType.byteWidth ?? 8))
        validity.truncate(to: newCount)
        count = newCount
    }
}
