/// The Arrow metadata version of a message or file (`MetadataVersion` in Schema.fbs).
///
/// This library reads and writes V4 (Arrow 0.8 to 0.17) and V5 (Arrow 1.0 and later, the
/// default). The two differ only in unions, which had a validity bitmap before V5; types added
/// since Arrow 1.0 cannot be written as V4, as older readers do not know them.
public enum MetadataVersion: Int16, Sendable, Hashable {
    /// Arrow 0.1 and earlier.
    case v1 = 0
    /// Arrow 0.2.
    case v2
    /// Arrow 0.3 to 0.7.
    case v3
    /// Arrow 0.8 to 0.17.
    case v4
    /// Arrow 1.0 and later.
    case v5

    /// The version stored in `table`'s field `slot`, checked to be one this library reads:
    /// V4 or V5, or any known version when `acceptingOlder` (file footers, whose version
    /// Arrow 0.14 sometimes left out, so that it reads as V1).
    static func decode(_ table: FlatBufferTable, slot: Int, acceptingOlder: Bool = false) throws -> MetadataVersion {
        let raw = try table.scalar(slot, "version", default: MetadataVersion.v1.rawValue)
        guard let version = MetadataVersion(rawValue: raw) else {
            if raw > MetadataVersion.v5.rawValue {
                throw ArrowError.notSupported(
                    "\(table.name).version: metadata version V\(Int(raw) + 1) (value \(raw)) is newer than this reader supports (V5)")
            }
            throw ArrowError.invalidData("\(table.name).version: \(raw) is not a metadata version")
        }
        guard acceptingOlder || version == .v4 || version == .v5 else {
            throw ArrowError.notSupported(
                "\(table.name).version: metadata version V\(raw + 1) (value \(raw)) predates Arrow 0.8; this reader supports V4 and V5")
        }
        return version
    }
}

/// The byte order of the buffers in a file or stream (`Endianness` in Schema.fbs).
public enum Endianness: Sendable, Hashable {
    /// Least significant byte first: what this library writes, and most machines use.
    case little
    /// Most significant byte first.
    case big

    /// The byte order of the machine running this code.
    public static var native: Endianness {
        #if _endian(big)
        return .big
        #else
        return .little
        #endif
    }
}
