/// Which types each metadata version can carry: V4 readers (Arrow 0.8 to 0.17) know none of
/// the types added since Arrow 1.0.
extension MetadataVersion {
    /// Throws ``ArrowError/invalidArgument(_:)`` naming the first field of `schema` (at any
    /// depth, dictionary values and extension storage included) whose type this version
    /// cannot carry.
    func checkCanCarry(_ schema: Schema) throws {
        guard rawValue < MetadataVersion.v5.rawValue else { return }
        for field in schema.fields {
            try checkCanCarry(field.type, path: field.name)
        }
    }

    private func checkCanCarry(_ type: DataType, path: String) throws {
        if type.isNewerThanV4 {
            let hint = switch type {
            case .binaryView, .utf8View, .listView, .largeListView: ", or compatibility oldest, which writes it as a classic layout"
            default: ""
            }
            throw ArrowError.invalidArgument(
                "field '\(path)' has type \(type), which metadata version V\(rawValue + 1) cannot carry (the type came after Arrow 1.0); write metadata version V5\(hint)")
        }
        switch type {
        case .dictionary(_, let value, _):
            try checkCanCarry(value, path: path + " (dictionary values)")
        case .extension(_, let storage, _):
            try checkCanCarry(storage, path: path)
        default:
            for child in type.children {
                try checkCanCarry(child.type, path: path + "." + child.name)
            }
        }
    }
}

extension DataType {
    /// Whether this type itself (not its children) was added to the format after Arrow 1.0:
    /// the view layouts, run-end encoding, 32-, 64- and 256-bit decimals and month-day-nano
    /// intervals.
    var isNewerThanV4: Bool {
        switch self {
        case .binaryView, .utf8View, .listView, .largeListView, .runEndEncoded,
             .decimal32, .decimal64, .decimal256, .interval(.monthDayNano):
            return true
        default:
            return false
        }
    }
}
