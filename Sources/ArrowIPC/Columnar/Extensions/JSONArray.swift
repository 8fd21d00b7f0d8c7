/// An array of `arrow.json` values (``JSONType``): JSON texts stored as `string` or
/// `large_string`.
///
/// A zero-copy view over the storage; `Array(array)` gives `[String?]`, each string a JSON
/// text. (`string_view` storage is valid too, but read only as an ``UntypedArray`` for now.)
public struct JSONArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The storage read as strings.
    private enum Storage: Sendable {
        case utf8(StringArray)
        case largeUtf8(LargeStringArray)
    }

    /// The node this array reads, of type `extension<arrow.json>`.
    public let data: ArrayData
    private let storage: Storage

    /// Wraps `data`, which must be of the type ``JSONType`` describes with `string` or
    /// `large_string` storage and pass ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let storage = (try? JSONType(data.type))?.storageType
        let readable = storage == .utf8 || storage == .largeUtf8
        self.init(unchecked: try data.validated(for: "JSONArray", readable: readable))
    }

    /// Wraps `data` whose type is `arrow.json` with `string` or `large_string` storage and
    /// whose layout is known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        if case .extension(_, .largeUtf8, _) = data.type {
            storage = .largeUtf8(LargeStringArray(unchecked: data.viewed(as: .largeUtf8)))
        } else {
            storage = .utf8(StringArray(unchecked: data.viewed(as: .utf8)))
        }
    }

    /// An array of `arrow.json` stored as `string`, holding `values`, `nil` meaning null;
    /// throws ``ArrowError/invalidArgument(_:)`` when a value is not a JSON text.
    ///
    /// - Precondition: the values total at most `Int32.max` UTF-8 bytes.
    public init(_ values: [String?]) throws {
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            do {
                _ = try JSONParser.parse(Array(value.utf8))
            } catch let error as ArrowError {
                throw ArrowError.invalidArgument("value \(index) is not JSON: \(error.reason)")
            }
        }
        self.init(unchecked: StringArray(values).data.viewed(as: .extension(name: JSONType.extensionName, storage: .utf8, metadata: "")))
    }

    /// The JSON text in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> String? {
        switch storage {
        case .utf8(let strings): return strings[position]
        case .largeUtf8(let strings): return strings[position]
        }
    }
}
