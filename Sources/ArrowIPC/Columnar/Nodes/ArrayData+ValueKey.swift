extension ArrayData {
    /// Appends to `key` bytes that identify the value in slot `index` (relative to this
    /// array): two slots of arrays of one type get the same bytes exactly when their values are
    /// the same bit for bit — nulls alike, dictionary-encoded and run-end encoded values by
    /// their decoded value, union values with their type code. Used to find a dictionary's
    /// entries by value.
    ///
    /// Slots are read through the shared checked reader (``valueSlot(at:)`` and its kin): an
    /// inconsistent array throws ``ArrowError/invalidData(_:)``, an index outside the array
    /// ``ArrowError/invalidArgument(_:)``.
    func appendValueKey(at index: Int, to key: inout [UInt8]) throws {
        guard index >= 0, index < length else {
            throw ArrowError.invalidArgument("slot \(index) is outside an array of length \(length)")
        }
        let slot = try checkedSlot(index)
        if try slotValidityIsNull(slot) {
            key.append(0)
            return
        }
        let type = self.type.storageType
        switch type {
        case .union:
            let code = try unionTypeCode(slot: slot)
            let (member, memberIndex, _) = try unionMember(slot: slot)
            key.append(1)
            key.append(UInt8(bitPattern: code))
            try member.appendValueKey(at: memberIndex, to: &key)
        case .dictionary(let indexType, _, _):
            let (dictionary, entry) = try dictionaryEntry(slot: slot, indexType: indexType)
            try dictionary.appendValueKey(at: entry, to: &key)
        case .runEndEncoded:
            let (values, run) = try runValue(slot: slot)
            try values.appendValueKey(at: run, to: &key)
        case .null:
            key.append(0)
        case .boolean:
            key.append(1)
            key.append(try checkedBit(buffer: 0, slot: slot) ? 1 : 0)
        case .binary, .utf8, .largeBinary, .largeUtf8, .binaryView, .utf8View:
            key.append(1)
            try withValueBytes(slot: slot) { bytes in
                Self.appendCount(bytes.count, to: &key)
                key.append(contentsOf: bytes)
            }
        case .list, .largeList, .listView, .largeListView, .fixedSizeList, .map:
            key.append(1)
            let range = try childRange(slot: slot)
            let child = try checkedChild(0)
            Self.appendCount(range.count, to: &key)
            for childIndex in range {
                try child.appendValueKey(at: childIndex, to: &key)
            }
        case .struct:
            key.append(1)
            for child in children {
                try child.appendValueKey(at: slot, to: &key)
            }
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64,
             .float16, .float32, .float64, .decimal32, .decimal64, .decimal128, .decimal256,
             .date32, .date64, .time32, .time64, .timestamp, .duration, .interval, .fixedSizeBinary:
            key.append(1)
            let width = type.byteWidth ?? 0
            let start = try checkedProduct(slot, width)
            try withCheckedBytes(buffer: 0, range: start..<(start + width)) { key.append(contentsOf: $0) }
        case .extension:
            // `storageType` never is an extension type.
            throw ArrowError.invalidData("an extension type's storage is an extension type")
        }
    }

    /// Appends `count` as 8 little-endian bytes.
    private static func appendCount(_ count: Int, to key: inout [UInt8]) {
        withUnsafeBytes(of: Int64(count).littleEndian) { key.append(contentsOf: $0) }
    }
}
