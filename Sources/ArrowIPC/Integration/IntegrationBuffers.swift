/// Building Arrow buffers from the `VALIDITY`, `DATA`, `OFFSET`, `SIZE` and `TYPE_ID` lists of
/// an integration JSON column.
enum IntegrationBuffers {
    /// The validity bitmap from `VALIDITY`, or `nil` when every slot is valid or the list is
    /// absent, with the number of nulls.
    static func validity(_ column: JSONNode, length: Int) throws -> (bitmap: ArrowBuffer?, nullCount: Int) {
        guard let node = try column.nonNullMember("VALIDITY") else { return (nil, 0) }
        let flags = try node.array(count: length)
        var nullCount = 0
        for (index, flag) in flags.enumerated() {
            guard let valid = JSONScalar.bool(flag) else {
                throw node.invalidElement(index, "expected 0 or 1, found \(flag.kind)")
            }
            if !valid { nullCount += 1 }
        }
        guard nullCount > 0 else { return (nil, 0) }
        return (bitmap(flags), nullCount)
    }

    /// A bitmap of already checked 0/1 or true/false values.
    private static func bitmap(_ flags: [JSONValue]) -> ArrowBuffer {
        ArrowBuffer(count: Bitmap.byteCount(flags.count)) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            for (index, flag) in flags.enumerated() where JSONScalar.bool(flag) == true {
                bytes[index >> 3] |= 1 << UInt8(index & 7)
            }
        }
    }

    /// Boolean values from `DATA`, bit-packed.
    static func booleans(_ column: JSONNode, length: Int) throws -> ArrowBuffer {
        let node = try column.member("DATA")
        let values = try node.array(count: length)
        for (index, value) in values.enumerated() where JSONScalar.bool(value) == nil {
            throw node.invalidElement(index, "expected true or false, found \(value.kind)")
        }
        return bitmap(values)
    }

    /// `count` values of `T` from the list `key` (`DATA` unless told), each parsed by `parse`.
    static func values<T: BitwiseCopyable>(
        _ column: JSONNode, key: String = "DATA", count: Int, expecting description: String,
        _ parse: (JSONValue) -> T?
    ) throws -> ArrowBuffer {
        let node = try column.member(key)
        let elements = try node.array(count: count)
        let stride = MemoryLayout<T>.stride
        return try ArrowBuffer(count: elements.count * stride) { bytes in
            guard let base = bytes.baseAddress else { return }
            for (index, element) in elements.enumerated() {
                guard let value = parse(element) else {
                    throw node.invalidElement(index, "expected \(description), found \(Self.value(describing: element))")
                }
                (base + index * stride).storeBytes(of: value, as: T.self)
            }
        }
    }

    /// A JSON value shown in an error message: scalars as written, containers by kind.
    static func value(describing element: JSONValue) -> String {
        switch element {
        case .number(let text): return text
        case .string(let text): return "\"\(text.prefix(40))\""
        case .bool(let flag): return String(flag)
        default: return element.kind
        }
    }

    /// `count` integers of `T` from the list `key`.
    static func integers<T: FixedWidthInteger & BitwiseCopyable>(
        _ column: JSONNode, key: String = "DATA", count: Int, as type: T.Type
    ) throws -> ArrowBuffer {
        try values(column, key: key, count: count, expecting: "an integer that fits \(T.self)") {
            JSONScalar.integer($0, as: T.self)
        }
    }

    /// The values of a fixed-width type (integers, floats, decimals, temporal types, intervals,
    /// fixed-size binary) from `DATA`.
    static func fixedWidth(_ type: DataType, _ column: JSONNode, length: Int) throws -> ArrowBuffer {
        switch type {
        case .int8: return try integers(column, count: length, as: Int8.self)
        case .int16: return try integers(column, count: length, as: Int16.self)
        case .int32, .date32, .time32, .interval(.yearMonth): return try integers(column, count: length, as: Int32.self)
        case .int64, .date64, .time64, .timestamp, .duration: return try integers(column, count: length, as: Int64.self)
        case .uint8: return try integers(column, count: length, as: UInt8.self)
        case .uint16: return try integers(column, count: length, as: UInt16.self)
        case .uint32: return try integers(column, count: length, as: UInt32.self)
        case .uint64: return try integers(column, count: length, as: UInt64.self)
        case .float16:
            return try values(column, count: length, expecting: "a number") { element -> UInt16? in
                JSONScalar.float(element, as: Double.self).map(HalfFloat.bits)
            }
        case .float32:
            return try values(column, count: length, expecting: "a number") { JSONScalar.float($0, as: Float.self) }
        case .float64:
            return try values(column, count: length, expecting: "a number") { JSONScalar.float($0, as: Double.self) }
        case .interval(.dayTime):
            return try values(column, count: length, expecting: "{\"days\", \"milliseconds\"}") { element -> DayTime? in
                guard case .object(let members) = element, members.count == 2,
                      let days = members["days"].flatMap({ JSONScalar.integer($0, as: Int32.self) }),
                      let milliseconds = members["milliseconds"].flatMap({ JSONScalar.integer($0, as: Int32.self) })
                else { return nil }
                return DayTime(days: days, milliseconds: milliseconds)
            }
        case .interval(.monthDayNano):
            return try values(column, count: length, expecting: "{\"months\", \"days\", \"nanoseconds\"}") {
                element -> MonthDayNano? in
                guard case .object(let members) = element, members.count == 3,
                      let months = members["months"].flatMap({ JSONScalar.integer($0, as: Int32.self) }),
                      let days = members["days"].flatMap({ JSONScalar.integer($0, as: Int32.self) }),
                      let nanoseconds = members["nanoseconds"].flatMap({ JSONScalar.integer($0, as: Int64.self) })
                else { return nil }
                return MonthDayNano(months: months, days: days, nanoseconds: nanoseconds)
            }
        case .decimal32, .decimal64, .decimal128, .decimal256:
            return try decimals(column, length: length, byteWidth: type.byteWidth ?? 16)
        case .fixedSizeBinary(let width):
            return try fixedSizeBinary(column, length: length, byteWidth: width)
        default:
            throw column.invalid("\(type) is not a fixed-width type")
        }
    }

    /// The in-memory layout of a day-time interval.
    private struct DayTime {
        var days: Int32
        var milliseconds: Int32
    }

    /// The in-memory layout of a month-day-nanosecond interval (16 bytes, no padding).
    private struct MonthDayNano {
        var months: Int32
        var days: Int32
        var nanoseconds: Int64
    }

    private static func decimals(_ column: JSONNode, length: Int, byteWidth: Int) throws -> ArrowBuffer {
        let node = try column.member("DATA")
        let elements = try node.array(count: length)
        return try ArrowBuffer(count: length * byteWidth) { bytes in
            guard let base = bytes.baseAddress else { return }
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element,
                      DecimalText.store(text, byteWidth: byteWidth, at: base + index * byteWidth)
                else {
                    throw node.invalidElement(
                        index, "expected an integer string that fits \(byteWidth * 8) bits, found \(Self.value(describing: element))")
                }
            }
        }
    }

    private static func fixedSizeBinary(_ column: JSONNode, length: Int, byteWidth: Int) throws -> ArrowBuffer {
        let node = try column.member("DATA")
        let elements = try node.array(count: length)
        // Check every length before allocating, so the allocation is bounded by the input.
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element, text.utf8.count == byteWidth * 2 else {
                throw node.invalidElement(index, "expected \(byteWidth) bytes as hex, found \(Self.value(describing: element))")
            }
        }
        return try ArrowBuffer(count: length * byteWidth) { bytes in
            guard let base = bytes.baseAddress else { return }
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element,
                      writeHex(text, to: base + index * byteWidth) == byteWidth else {
                    throw node.invalidElement(index, "expected hex digits")
                }
            }
        }
    }

    /// Decodes the hex string `text` into `destination`, returning the number of bytes written,
    /// or `nil` when the text is not hex. The destination must have room for half the text.
    static func writeHex(_ text: String, to destination: UnsafeMutableRawPointer) -> Int? {
        var count = 0
        var high: UInt8?
        for byte in text.utf8 {
            guard let digit = hexDigitValue(byte) else { return nil }
            if let pending = high {
                destination.storeBytes(of: pending << 4 | digit, toByteOffset: count, as: UInt8.self)
                count += 1
                high = nil
            } else {
                high = digit
            }
        }
        return high == nil ? count : nil
    }

    /// The number of bytes of a `DATA` element of a binary (hex) or utf8 (string) array.
    static func byteLength(_ element: JSONValue, utf8: Bool) -> Int? {
        guard case .string(let text) = element else { return nil }
        if utf8 { return text.utf8.count }
        let digits = text.utf8.count
        guard digits % 2 == 0, text.utf8.allSatisfy({ hexDigitValue($0) != nil }) else { return nil }
        return digits / 2
    }

    /// Writes a `DATA` element already measured by ``byteLength(_:utf8:)``.
    static func write(_ element: JSONValue, utf8: Bool, to destination: UnsafeMutableRawPointer) {
        guard case .string(let text) = element else { return }
        if utf8 {
            var index = 0
            for byte in text.utf8 {
                destination.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
                index += 1
            }
        } else {
            _ = writeHex(text, to: destination)
        }
    }

    /// `count` offsets (or sizes) from the list `key`, as 32- or 64-bit integers, returned both
    /// as a buffer and as values for checking.
    static func offsets(_ column: JSONNode, key: String, count: Int, large: Bool) throws -> (ArrowBuffer, [Int]) {
        let node = try column.member(key)
        let elements = try node.array(count: count)
        var values = [Int](repeating: 0, count: count)
        for (index, element) in elements.enumerated() {
            let value: Int? = large
                ? JSONScalar.integer(element, as: Int64.self).map(Int.init)
                : JSONScalar.integer(element, as: Int32.self).map(Int.init)
            guard let value, value >= 0 else {
                throw node.invalidElement(
                    index, "expected a non-negative \(large ? 64 : 32)-bit integer, found \(Self.value(describing: element))")
            }
            values[index] = value
        }
        let buffer = large ? ArrowBuffer(copying: values.map(Int64.init)) : ArrowBuffer(copying: values.map { Int32(truncatingIfNeeded: $0) })
        return (buffer, values)
    }
}
