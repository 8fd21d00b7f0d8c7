/// A JSON value together with its path in the document (`$.batches[0].columns[2]`), with
/// typed accessors that throw ``ArrowError/invalidData(_:)`` naming that path.
struct JSONNode {
    let value: JSONValue
    let path: String

    /// The root of a document.
    init(root: JSONValue) {
        self.value = root
        self.path = "$"
    }

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// An error about this node.
    func invalid(_ message: String) -> ArrowError {
        .invalidData("integration JSON at \(path): \(message)")
    }

    /// An error about element `index` of this array node.
    func invalidElement(_ index: Int, _ message: String) -> ArrowError {
        .invalidData("integration JSON at \(path)[\(index)]: \(message)")
    }

    func object() throws -> [String: JSONValue] {
        guard case .object(let members) = value else { throw invalid("expected an object, found \(value.kind)") }
        return members
    }

    /// The member `key`, which must be present.
    func member(_ key: String) throws -> JSONNode {
        guard let node = try optionalMember(key) else { throw invalid("the key \"\(key)\" is missing") }
        return node
    }

    /// The member `key`, or `nil` when it is absent. A present `null` is returned as a node.
    func optionalMember(_ key: String) throws -> JSONNode? {
        try object()[key].map { JSONNode($0, path: "\(path).\(key)") }
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    func nonNullMember(_ key: String) throws -> JSONNode? {
        guard let node = try optionalMember(key) else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    func array() throws -> [JSONValue] {
        guard case .array(let elements) = value else { throw invalid("expected an array, found \(value.kind)") }
        return elements
    }

    /// The elements of this array, as nodes; for short arrays (fields, columns, batches).
    func elements() throws -> [JSONNode] {
        try array().enumerated().map { JSONNode($1, path: "\(path)[\($0)]") }
    }

    /// The elements of this array, which must number `count`.
    func array(count: Int) throws -> [JSONValue] {
        let elements = try array()
        guard elements.count == count else {
            throw invalid("expected \(count) elements, found \(elements.count)")
        }
        return elements
    }

    func string() throws -> String {
        guard case .string(let text) = value else { throw invalid("expected a string, found \(value.kind)") }
        return text
    }

    func bool() throws -> Bool {
        guard case .bool(let flag) = value else { throw invalid("expected true or false, found \(value.kind)") }
        return flag
    }

    /// An integer written as a JSON number or as a decimal string.
    func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        guard let number = JSONScalar.integer(value, as: T.self) else {
            throw invalid("expected an integer that fits \(T.self), found \(value.kind)")
        }
        return number
    }

    /// The largest count accepted, far beyond any real array, so that `count + 1` and
    /// bitmap sizes cannot overflow.
    static let maximumCount = 1 << 56

    /// A count, length or size: an integer from 0 to ``maximumCount``.
    func count() throws -> Int {
        let number = try integer(Int.self)
        guard number >= 0, number <= Self.maximumCount else {
            throw invalid("expected a count from 0 to 2^56, found \(number)")
        }
        return number
    }
}

/// Conversions of JSON scalars to Swift values; `nil` when the value does not convert.
enum JSONScalar {
    /// An integer written as a number or as a decimal string, in range for `T`.
    @inline(__always)
    static func integer<T: FixedWidthInteger>(_ value: JSONValue, as: T.Type) -> T? {
        switch value {
        case .number(let text), .string(let text): return T(text)
        default: return nil
        }
    }

    /// A floating-point value written as a number or as a string (`"NaN"`).
    @inline(__always)
    static func float<T: LosslessStringConvertible & BinaryFloatingPoint>(_ value: JSONValue, as: T.Type) -> T? {
        switch value {
        case .number(let text), .string(let text): return T(text)
        default: return nil
        }
    }

    /// A boolean written as `true`/`false` or `1`/`0`.
    @inline(__always)
    static func bool(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .number("1"): return true
        case .number("0"): return false
        default: return nil
        }
    }

    /// The bytes of a hex string (either case), or `nil`.
    static func hexBytes(_ value: JSONValue) -> [UInt8]? {
        guard case .string(let text) = value else { return nil }
        return hexBytes(text)
    }

    /// The bytes of a hex string (either case), or `nil`.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for byte in utf8 {
            guard let digit = hexDigitValue(byte) else { return nil }
            if let pending = high {
                bytes.append(pending << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }
}
