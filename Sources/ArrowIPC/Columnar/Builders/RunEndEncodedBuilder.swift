/// Builds run-end encoded arrays: equal neighbouring values (nulls included) share one run,
/// stored once in the values child, with the run's end in the run ends child (`int16`,
/// `int32` or `int64`). More slots than the run-end type can count is an error.
public final class RunEndEncodedBuilder: TruncatableBuilder {
    public let type: DataType
    private let runEndType: DataType
    private let runValues: any TruncatableBuilder
    /// Each run's end and value.
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var values: [ArrowValue] = []
    @exclusivity(unchecked) public private(set) var count = 0

    /// A builder of `type`, a run-end encoded type.
    public init(type: DataType) throws {
        guard case .runEndEncoded(let runEnds, let valueField) = type, [.int16, .int32, .int64].contains(runEnds.type) else {
            throw ArrowError.invalidArgument("\(type) is not a run-end encoded type with int16, int32 or int64 run ends")
        }
        self.type = type
        runEndType = runEnds.type
        runValues = try makeTruncatableBuilder(valueField.type)
    }

    public func append(_ value: ArrowValue) throws {
        guard count < runEndType.integerMaximum else {
            throw mismatch(value, "does not fit: \(type) counts at most \(runEndType.integerMaximum) slots")
        }
        if let last = values.last, last == value {
            ends[ends.count - 1] += 1
        } else {
            try runValues.append(value)
            values.append(value)
            ends.append(count + 1)
        }
        count += 1
    }

    public func appendNull() throws {
        try append(.null)
    }

    public func reserve(_ additional: Int) {}

    public func finishData() -> ArrayData {
        let length = count
        let runEnds = ArrowBuffer(count: ends.count * (runEndType.byteWidth ?? 8)) { out in
            for (index, end) in ends.enumerated() {
                switch runEndType {
                case .int16: out.storeBytes(of: Int16(truncatingIfNeeded: end), toByteOffset: index * 2, as: Int16.self)
                case .int32: out.storeBytes(of: Int32(truncatingIfNeeded: end), toByteOffset: index * 4, as: Int32.self)
                default: out.storeBytes(of: Int64(end), toByteOffset: index * 8, as: Int64.self)
                }
            }
        }
        let runCount = ends.count
        count = 0
        ends = []
        values = []
        let endsData = ArrayData(type: runEndType, length: runCount, nullCount: 0, validity: nil, buffers: [runEnds])
        return ArrayData(type: type, length: length, nullCount: 0, validity: nil, buffers: [], children: [endsData, runValues.finishData()])
    }

    func truncate(to newCount: Int) {
        guard newCount < count, newCount >= 0 else { return }
        let kept = ends.firstIndex { $0 >= newCount }.map { $0 + (newCount > 0 ? 1 : 0) } ?? ends.count
        ends.removeLast(ends.count - kept)
        values.removeLast(values.count - kept)
        if kept > 0 { ends[kept - 1] = newCount }
        runValues.truncate(to: kept)
        count = newCount
    }
}

/// Builds an extension type's arrays with the builder of its storage type; the canonical
/// `arrow.bool8` also takes booleans, `arrow.uuid` UUIDs.
final class ExtensionBuilder: TruncatableBuilder {
    let type: DataType
    private let storage: any TruncatableBuilder

    init(type: DataType, storage: any TruncatableBuilder) {
        self.type = type
        self.storage = storage
    }

    var count: Int { storage.count }

    func appendNull() throws { try storage.appendNull() }

    func append(_ value: ArrowValue) throws {
        if case .extension("arrow.bool8", _, _) = type, case .bool(let flag) = value {
            return try storage.append(.int(flag ? 1 : 0))
        }
        try storage.append(value)
    }

    func reserve(_ additional: Int) { storage.reserve(additional) }

    func finishData() -> ArrayData { storage.finishData().viewed(as: type) }

    func truncate(to newCount: Int) { storage.truncate(to: newCount) }
}
