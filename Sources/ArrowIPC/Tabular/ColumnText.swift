/// One column of a batch, read once for text output: for the common types (integers of every
/// width, floats, booleans, utf8 and large utf8 and views, dates, times, timestamps and
/// durations) the typed buffers are found when the batch arrives, and each value is written
/// straight into a ``OutputBytes`` as the bytes ``ValueFormatter`` would give, without an
/// ``ArrowValue`` or a `String`. Other types (decimals, binary, nested, dictionary-encoded,
/// extension, …) go through ``ValueFormatter``, value by value.
///
/// A buffer too short for the array's slots, or strings whose offsets leave their data, are
/// handed to ``ValueFormatter`` too, whose checked reads throw the error.
final class ColumnText {
    /// Where the values are (plain pointers and units, so that reading them retains nothing).
    private enum Values {
        case int8(UnsafeRawPointer), int16(UnsafeRawPointer), int32(UnsafeRawPointer), int64(UnsafeRawPointer)
        case uint8(UnsafeRawPointer), uint16(UnsafeRawPointer), uint32(UnsafeRawPointer), uint64(UnsafeRawPointer)
        case float16(UnsafeRawPointer), float32(UnsafeRawPointer), float64(UnsafeRawPointer)
        /// The values bitmap.
        case boolean(UnsafeRawPointer)
        case utf8(offsets: UnsafeRawPointer, data: UnsafeRawPointer, dataCount: Int)
        case largeUtf8(offsets: UnsafeRawPointer, data: UnsafeRawPointer, dataCount: Int)
        case utf8View
        case date32(UnsafeRawPointer), date64(UnsafeRawPointer)
        case time32(UnsafeRawPointer, TimeUnit), time64(UnsafeRawPointer, TimeUnit)
        /// A timestamp; its zone, if any, is ``zone``.
        case timestamp(UnsafeRawPointer, TimeUnit)
        case duration(UnsafeRawPointer, TimeUnit)
        /// Read through ``ValueFormatter``.
        case other
    }

    /// The most bytes a number, boolean or temporal value is written as.
    static let maximumScalarLength = TemporalWriter.maximumLength

    /// The column.
    let data: ArrayData
    private let values: Values
    /// The validity bitmap, when there is one and the values are read here.
    private let validity: UnsafeRawPointer?
    /// The time zone of a timestamp column that has one.
    private let zone: TemporalWriter.Zone?
    /// Whether the column holds numbers, booleans or temporal values, whose text is printable
    /// ASCII of at most ``maximumScalarLength`` bytes.
    let isScalar: Bool

    /// The column `data`, for rows `0..<data.length`.
    init(_ data: ArrayData) {
        self.data = data
        zone = switch data.type {
        case .timestamp(_, nil), .timestamp(_, ""): nil
        case .timestamp(_, let name?): TemporalWriter.Zone(name: name, offsetStyle: .extended)
        default: nil
        }
        let values = Self.values(of: data)
        if case .other = values {
            self.values = .other
            self.validity = nil
        } else if let bitmap = data.validity {
            let fits = bitmap.count >= Bitmap.byteCount(data.offset + data.length)
            self.values = fits ? values : .other
            self.validity = fits ? bitmap.baseAddress : nil
        } else {
            self.values = values
            self.validity = nil
        }
        isScalar = switch self.values {
        case .utf8, .largeUtf8, .utf8View, .other: false
        default: true
        }
    }

    /// Calls `body` with the columns of `batch`, each as an unretained reference: a reference
    /// read from an array is retained and released around every call on it, which the
    /// writers' row loops would pay per value. The columns live until `body` returns.
    static func withColumns<Result>(
        of batch: RecordBatch, _ body: (UnsafeBufferPointer<Unmanaged<ColumnText>>) throws -> Result
    ) rethrows -> Result {
        let columns = batch.columnData.map(ColumnText.init)
        return try withExtendedLifetime(columns) {
            try columns.map(Unmanaged.passUnretained).withUnsafeBufferPointer(body)
        }
    }

    /// Whether the values are read here rather than through ``ValueFormatter``.
    var isTyped: Bool {
        if case .other = values { return false }
        return true
    }

    /// Whether the value in `row` is null.
    @inline(__always)
    func isNull(_ row: Int) throws -> Bool {
        if case .other = values { return try ValueFormatter.isNull(data, at: row) }
        return !hasValue(row)
    }

    /// Whether the validity bitmap read here (none for ``ValueFormatter``'s types) has the
    /// value in `row`.
    @inline(__always)
    func hasValue(_ row: Int) -> Bool {
        guard let validity else { return true }
        return validity.arrowBit(data.offset &+ row)
    }

    // MARK: - Writing

    /// Appends the text of the non-null value in `row` as ``ValueFormatter/text(_:at:truncatingAt:)``
    /// writes it: strings as they are.
    func appendText(_ row: Int, to out: inout OutputBytes) throws {
        if appendScalar(row, json: false, to: &out) { return }
        try withStringBytes(row) { out.append($0) }
    }

    /// Appends the value in `row` as a CSV field: nothing when it is null; quoted (and inner
    /// quotes doubled) when it is empty or holds a comma, a double quote, CR or LF.
    func appendCSV(_ row: Int, to out: inout OutputBytes) throws {
        if isScalar {
            // Numbers, booleans and dates: never quoted. (One test of the kind here, rather
            // than one in the null test, one for strings and one for numbers, per cell.)
            let start = out.reserve(Self.maximumScalarLength)
            return out.advance(writeCSV(row, at: start) - start)
        }
        if try isNull(row) { return }
        if let bytes = stringBytes(row) {
            let scan = TextScan.scan(bytes, TextScan.csvSpecial)
            if !scan.hasSpecial, !bytes.isEmpty, scan.isASCII || UTF8Validation.firstInvalidByte(bytes) == nil {
                return out.append(bytes)
            }
        }
        try withStringBytes(row) { Self.appendCSVField($0, to: &out) }
    }

    /// Appends the JSON text of the value in `row` as ``ValueFormatter/json(_:at:)`` writes
    /// it; `null` when it is null.
    func appendJSON(_ row: Int, to out: inout OutputBytes) throws {
        if isScalar {
            // A number, boolean or temporal value (as in appendCSV, decided once per cell).
            let start = out.reserve(Self.maximumScalarLength + 2)
            return out.advance(writeJSON(row, at: start) - start)
        }
        if try isNull(row) {
            out.append(Self.null)
            return
        }
        if let bytes = stringBytes(row) {
            let scan = TextScan.scan(bytes, TextScan.jsonSpecial)
            if !scan.hasSpecial, scan.isASCII || UTF8Validation.firstInvalidByte(bytes) == nil {
                out.append(UInt8(ascii: "\""))
                out.append(bytes)
                out.append(UInt8(ascii: "\""))
                return
            }
        }
        // A string, or a type ValueFormatter writes (numbers were written above).
        if case .other = values {
            out.append(try ValueFormatter.json(data, at: row))
        } else {
            try withStringBytes(row) { Self.appendJSONString($0, to: &out) }
        }
    }

    /// Appends the text of a number, boolean or temporal value (in JSON, NaN and infinities as
    /// `null`); false for other values, having written nothing.
    @inline(__always)
    private func appendScalar(_ row: Int, json: Bool, to out: inout OutputBytes) -> Bool {
        guard let count = writeScalar(row, json: json, at: out.reserve(Self.maximumScalarLength)) else { return false }
        out.advance(count)
        return true
    }

    /// Writes the CSV text of the value in `row` of a column that ``isScalar`` at `target`,
    /// which has room for ``maximumScalarLength`` bytes: nothing for a null. Returns the end of
    /// the text. (A row of such columns is written through a pointer kept in a register, not
    /// through an ``OutputBytes`` whose count each value would load and store again.)
    func writeCSV(_ row: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if case .boolean(let bits) = values { return target + writeBoolean(bits, row, writesNull: false, at: target) }
        guard hasValue(row) else { return target }
        return writeCSVValue(row, at: target)
    }

    /// ``writeCSV(_:at:)`` for a value that is neither null nor a boolean: out of line, so
    /// that those two, a few instructions each, need no saving and restoring of the registers
    /// the numbers' formatting uses (the call ends in a jump here).
    @inline(never)
    private func writeCSVValue(_ row: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        target + (writeScalar(row, json: false, at: target) ?? 0)
    }

    /// Writes the text of the value in `row` of a column that ``isScalar`` at `target`, which
    /// has room for ``maximumScalarLength`` bytes, as the table shows it: `null` for a null.
    /// Returns the end of the text. (A boolean or its null here, as in ``writeCSV(_:at:)``;
    /// other values out of line.)
    @inline(__always)
    func writeTableText(_ row: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if case .boolean(let bits) = values { return target + writeBoolean(bits, row, writesNull: true, at: target) }
        return writeTableValue(row, at: target)
    }

    /// ``writeTableText(_:at:)`` for a value that is not a boolean.
    @inline(never)
    private func writeTableValue(_ row: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard hasValue(row) else { return target + Self.copy(Self.null, to: target) }
        return target + (writeScalar(row, json: false, at: target) ?? 0)
    }

    /// Writes the text of the value in `row` of a column that ``isScalar``, as the table shows
    /// it (`null` for a null), right-aligned in the `width` bytes from `field` (from `field` on
    /// when it is wider); the end of the text. A number's length is found before it is stored,
    /// so that it is stored in its place rather than moved there. The bytes of the field before
    /// the text are not written (a caller fills them); bytes after it, up to
    /// ``NumberText/maximumLength`` from its start, may be.
    ///
    /// A null is written here, in the table's row loop, and a value out of line (as
    /// ``writeCSV(_:at:)`` does): the numbers' formatting, inlined into the row loop, made the
    /// loop save and restore more registers per cell.
    @inline(__always)
    func writeRightAligned(_ row: Int, width: Int, at field: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard hasValue(row) else {
            let end = field + max(width, Self.null.count)
            _ = Self.copy(Self.null, to: end - Self.null.count)
            return end
        }
        return writeRightAlignedValue(row, width: width, at: field)
    }

    /// ``writeRightAligned(_:width:at:)`` for a value that is not null.
    @inline(never)
    private func writeRightAlignedValue(_ row: Int, width: Int, at field: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let slot = data.offset + row
        switch values {
        case .int8(let base): return NumberText.write(base.load(fromByteOffset: slot, as: Int8.self), rightAlignedIn: width, at: field)
        case .int16(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 2, as: Int16.self), rightAlignedIn: width, at: field)
        case .int32(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self), rightAlignedIn: width, at: field)
        case .int64(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self), rightAlignedIn: width, at: field)
        case .uint8(let base): return NumberText.write(base.load(fromByteOffset: slot, as: UInt8.self), rightAlignedIn: width, at: field)
        case .uint16(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 2, as: UInt16.self), rightAlignedIn: width, at: field)
        case .uint32(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 4, as: UInt32.self), rightAlignedIn: width, at: field)
        case .uint64(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 8, as: UInt64.self), rightAlignedIn: width, at: field)
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        case .float16(let base):
            let value = Float16(bitPattern: base.loadUnaligned(fromByteOffset: slot &* 2, as: UInt16.self))
            return NumberText.writeDescription(value, rightAlignedIn: width, at: field)
        #endif
        case .float32(let base):
            return NumberText.writeDescription(base.loadUnaligned(fromByteOffset: slot &* 4, as: Float.self), rightAlignedIn: width, at: field)
        case .float64(let base):
            return NumberText.writeDescription(base.loadUnaligned(fromByteOffset: slot &* 8, as: Double.self), rightAlignedIn: width, at: field)
        default:
            // Other values (and halves on Intel Macs, which have no Float16): written at the
            // field's start, then moved into place.
            let length = writeScalar(row, json: false, at: field) ?? 0
            let end = field + max(width, length)
            let start = end - length
            UnsafeMutableRawPointer(start).copyMemory(from: field, byteCount: length)
            field.update(repeating: UInt8(ascii: " "), count: start - field)
            return end
        }
    }

    /// Writes the JSON text of the value in `row` of a column that ``isScalar`` at `target`,
    /// which has room for ``maximumScalarLength`` + 2 bytes: `null` for a null, temporal values
    /// in quotes. Returns the end of the text.
    func writeJSON(_ row: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if case .boolean(let bits) = values { return target + writeBoolean(bits, row, writesNull: true, at: target) }
        guard hasValue(row) else { return target + Self.copy(Self.null, to: target) }
        switch values {
        case .date32, .date64, .time32, .time64, .timestamp, .duration:
            target[0] = UInt8(ascii: "\"")
            let count = writeScalar(row, json: true, at: target + 1) ?? 0
            target[count + 1] = UInt8(ascii: "\"")
            return target + count + 2
        default:
            return target + (writeScalar(row, json: true, at: target) ?? 0)
        }
    }

    /// Writes the text of a number, boolean or temporal value (in JSON, NaN and infinities as
    /// `null`) at `target`, which has room for ``maximumScalarLength`` bytes; the count, or nil
    /// for other values, having written nothing.
    @inline(__always)
    private func writeScalar(_ row: Int, json: Bool, at target: UnsafeMutablePointer<UInt8>) -> Int? {
        let slot = data.offset + row
        switch values {
        case .int8(let base): return NumberText.write(base.load(fromByteOffset: slot, as: Int8.self), to: target)
        case .int16(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 2, as: Int16.self), to: target)
        case .int32(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self), to: target)
        case .int64(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self), to: target)
        case .uint8(let base): return NumberText.write(base.load(fromByteOffset: slot, as: UInt8.self), to: target)
        case .uint16(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 2, as: UInt16.self), to: target)
        case .uint32(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 4, as: UInt32.self), to: target)
        case .uint64(let base): return NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 8, as: UInt64.self), to: target)
        case .float16(let base):
            let bits = base.loadUnaligned(fromByteOffset: slot &* 2, as: UInt16.self)
            #if (os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64)
            // No Float16 here: its description, through the value's (a String per value).
            let value = Float(HalfFloat.double(bits))
            if json && !value.isFinite { return Self.copy(Self.null, to: target) }
            var text = ArrowValue.float16(value).description
            return text.withUTF8 { Self.copy(UnsafeRawBufferPointer($0), to: target) }
            #else
            return writeFloat(Float16(bitPattern: bits), json: json, at: target)
            #endif
        case .float32(let base): return writeFloat(base.loadUnaligned(fromByteOffset: slot &* 4, as: Float.self), json: json, at: target)
        case .float64(let base):
            let value = base.loadUnaligned(fromByteOffset: slot &* 8, as: Double.self)
            if json && !value.isFinite { return Self.copy(Self.null, to: target) }
            return NumberText.writeDescription(value, to: target)
        case .boolean(let bits): return writeBoolean(bits, row, writesNull: json, at: target)
        case .date32(let base):
            let days = Int64(base.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self))
            return TemporalWriter.writeDate(days: days, to: target)
        case .date64(let base):
            let milliseconds = base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self)
            return TemporalWriter.writeDate(days: TemporalText.floorDivide(milliseconds, 86_400_000).quotient, to: target)
        case .time32(let base, let unit):
            let value = Int64(base.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self))
            return TemporalWriter.writeTime(value, unit: unit, to: target)
        case .time64(let base, let unit):
            return TemporalWriter.writeTime(base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self), unit: unit, to: target)
        case .timestamp(let base, let unit):
            let value = base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self)
            return TemporalWriter.writeTimestamp(value, unit: unit, zone: zone, to: target)
        case .duration(let base, let unit):
            let digits = NumberText.write(base.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self), to: target)
            target[digits] = UInt8(ascii: " ")
            var abbreviation = unit.abbreviation
            return digits + 1 + abbreviation.withUTF8 { Self.copy(UnsafeRawBufferPointer($0), to: target + digits + 1) }
        case .utf8, .largeUtf8, .utf8View, .other:
            return nil
        }
    }

    /// Copies `bytes` (a few) to `target`; their count.
    @inline(__always)
    private static func copy(_ bytes: UnsafeRawBufferPointer, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let source = bytes.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: bytes.count) }
        return bytes.count
    }

    /// Writes `true` or `false` for the boolean in `row`, or for a null `null` when
    /// `writesNull` (JSON, the table) and nothing otherwise (CSV), at `target`, which has room
    /// for 8 bytes; the count. Chosen without a branch: nulls and values at random would be
    /// mispredicted about half the time.
    @inline(__always)
    private func writeBoolean(_ bits: UnsafeRawPointer, _ row: Int, writesNull: Bool, at target: UnsafeMutablePointer<UInt8>) -> Int {
        let valid = hasValue(row)
        let isTrue = bits.arrowBit(data.offset &+ row)
        // The words' bytes, the first in the low byte (stored little-endian).
        let word: UInt64 = valid ? (isTrue ? 0x6575_7274 : 0x65_736C_6166) : (writesNull ? 0x6C6C_756E : 0)
        UnsafeMutableRawPointer(target).storeBytes(of: word.littleEndian, as: UInt64.self)
        return valid ? (isTrue ? 4 : 5) : (writesNull ? 4 : 0)
    }

    /// A `Float`'s or `Float16`'s Swift `description` (the shortest digits that read back as
    /// it); in JSON, NaN and infinities as `null`. The count.
    @inline(__always)
    private func writeFloat<F: ShortestDecimalFloat>(_ value: F, json: Bool, at target: UnsafeMutablePointer<UInt8>) -> Int {
        guard !json || value.isFinite else { return Self.copy(Self.null, to: target) }
        return NumberText.writeDescription(value, to: target)
    }

    /// The bytes of the utf8 or large utf8 string in `row` (not null), as they are stored (not
    /// checked for UTF-8); nil for other types and for offsets that leave the data.
    @inline(__always)
    func stringBytes(_ row: Int) -> UnsafeRawBufferPointer? {
        let slot = data.offset &+ row
        switch values {
        case .utf8(let offsets, let bytes, let dataCount):
            let start = Int(offsets.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self))
            let end = Int(offsets.loadUnaligned(fromByteOffset: (slot &+ 1) &* 4, as: Int32.self))
            guard start >= 0, start <= end, end <= dataCount else { return nil }
            return UnsafeRawBufferPointer(start: bytes + start, count: end &- start)
        case .largeUtf8(let offsets, let bytes, let dataCount):
            let start = offsets.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self)
            let end = offsets.loadUnaligned(fromByteOffset: (slot &+ 1) &* 8, as: Int64.self)
            guard start >= 0, start <= end, end <= dataCount else { return nil }
            return UnsafeRawBufferPointer(start: bytes + Int(start), count: Int(end &- start))
        default:
            return nil
        }
    }

    /// Calls `body` with the UTF-8 bytes of the string in `row` (not null), or of the text
    /// ``ValueFormatter`` gives for a value of another type. Bytes that are not well-formed
    /// UTF-8 are replaced by U+FFFD, as `String(decoding:as:)` replaces them.
    private func withStringBytes(_ row: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let slot = data.offset + row
        switch values {
        case .utf8(let offsets, let bytes, let dataCount):
            let start = Int(offsets.loadUnaligned(fromByteOffset: slot &* 4, as: Int32.self))
            let end = Int(offsets.loadUnaligned(fromByteOffset: (slot &+ 1) &* 4, as: Int32.self))
            guard start >= 0, start <= end, end <= dataCount else { return try withFormattedBytes(row, body) }
            try Self.withWellFormed(UnsafeRawBufferPointer(start: bytes + start, count: end - start), body)
        case .largeUtf8(let offsets, let bytes, let dataCount):
            let start = offsets.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self)
            let end = offsets.loadUnaligned(fromByteOffset: (slot &+ 1) &* 8, as: Int64.self)
            guard start >= 0, start <= end, end <= dataCount else { return try withFormattedBytes(row, body) }
            try Self.withWellFormed(UnsafeRawBufferPointer(start: bytes + Int(start), count: Int(end - start)), body)
        case .utf8View:
            try data.withValueBytes(slot: try data.checkedSlot(row)) { try Self.withWellFormed($0, body) }
        default:
            try withFormattedBytes(row, body)
        }
    }

    /// Calls `body` with the bytes of ``ValueFormatter``'s text for `row`, which throws for a
    /// malformed array.
    private func withFormattedBytes(_ row: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard var text = try ValueFormatter.text(data, at: row) else { return }
        try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with `bytes`, or with them decoded as `String(decoding:as:)` decodes them
    /// when they are not well-formed UTF-8.
    @inline(__always)
    private static func withWellFormed(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !isASCII(bytes), UTF8Validation.firstInvalidByte(bytes) != nil else {
            return try body(bytes)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// Whether every byte is below 0x80, read eight at a time.
    @inline(__always)
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        var high: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            high |= start.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(start.load(fromByteOffset: index, as: UInt8.self))
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    // MARK: - Quoting and escaping

    /// Appends a non-null CSV field, enclosed in double quotes (inner ones doubled) when it is
    /// empty or holds a comma, a double quote, CR or LF.
    static func appendCSVField(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBytes) {
        let needsQuotes = bytes.isEmpty || bytes.contains(where: {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        })
        guard needsQuotes else { return out.append(bytes) }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` as a JSON string literal, as ``JSONText/appendString(_:to:)`` writes one.
    static func appendJSONString(_ bytes: UnsafeRawBufferPointer, to out: inout OutputBytes) {
        out.append(UInt8(ascii: "\""))
        if JSONText.needsEscaping(bytes) {
            JSONText.escape(bytes) { out.append($0) }
        } else {
            out.append(bytes)
        }
        out.append(UInt8(ascii: "\""))
    }

    private static var null: UnsafeRawBufferPointer { OutputBytes.bytes(of: "null") }

    // MARK: - Finding the buffers

    /// The typed buffers of `data`, or ``Values/other`` when its type is read elsewhere or a
    /// buffer is too short for its slots.
    private static func values(of data: ArrayData) -> Values {
        guard data.offset >= 0, data.length >= 0, data.offset <= Int.max / 16 - data.length else { return .other }
        let slots = data.offset + data.length
        /// Buffer 0 when it holds `slots` elements of `width` bytes.
        func fixed(_ width: Int) -> UnsafeRawPointer? {
            guard let buffer = data.buffers.first, buffer.count >= slots * width else { return nil }
            return buffer.baseAddress
        }
        func map(_ width: Int, _ make: (UnsafeRawPointer) -> Values) -> Values {
            fixed(width).map(make) ?? .other
        }
        switch data.type {
        case .int8: return map(1, Values.int8)
        case .int16: return map(2, Values.int16)
        case .int32: return map(4, Values.int32)
        case .int64: return map(8, Values.int64)
        case .uint8: return map(1, Values.uint8)
        case .uint16: return map(2, Values.uint16)
        case .uint32: return map(4, Values.uint32)
        case .uint64: return map(8, Values.uint64)
        case .float16: return map(2, Values.float16)
        case .float32: return map(4, Values.float32)
        case .float64: return map(8, Values.float64)
        case .boolean:
            guard let buffer = data.buffers.first, buffer.count >= Bitmap.byteCount(slots) else { return .other }
            return .boolean(buffer.baseAddress)
        case .date32: return map(4, Values.date32)
        case .date64: return map(8, Values.date64)
        case .time32(let unit): return map(4) { .time32($0, unit) }
        case .time64(let unit): return map(8) { .time64($0, unit) }
        case .timestamp(let unit, _): return map(8) { .timestamp($0, unit) }
        case .duration(let unit): return map(8) { .duration($0, unit) }
        case .utf8, .largeUtf8:
            let large = data.type == .largeUtf8
            guard data.buffers.count >= 2, data.buffers[0].count >= (slots + 1) * (large ? 8 : 4) else { return .other }
            let offsets = data.buffers[0].baseAddress
            let bytes = data.buffers[1]
            return large
                ? .largeUtf8(offsets: offsets, data: bytes.baseAddress, dataCount: bytes.count)
                : .utf8(offsets: offsets, data: bytes.baseAddress, dataCount: bytes.count)
        case .utf8View: return .utf8View
        default: return .other
        }
    }
}
