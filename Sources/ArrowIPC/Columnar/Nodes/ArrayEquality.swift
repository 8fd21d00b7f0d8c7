/// Logical comparison of arrays and record batches: same type and length, the same null
/// slots, and equal values at the valid slots — whatever the offsets, buffer identities, or
/// bytes hidden under nulls. Dictionary-encoded arrays compare by their decoded values.
extension ArrayData {
    /// Whether `other` holds the same values: same type and length, nulls in the same slots,
    /// and equal values at the other slots. Floating-point values are equal when both are NaN
    /// or when `|a - b| <= floatTolerance * max(1, |a|, |b|)`.
    public func isEqual(to other: ArrayData, floatTolerance: Double = 0) -> Bool {
        ArrayComparison(tolerance: floatTolerance).difference(self, other) == nil
    }

    /// A sentence describing the first difference from `other` (`"row 17, field 'x': 3 vs 4"`),
    /// or `nil` when the arrays are equal as ``isEqual(to:floatTolerance:)`` defines it.
    public func firstDifference(from other: ArrayData, floatTolerance: Double = 0) -> String? {
        ArrayComparison(tolerance: floatTolerance).difference(self, other)?.description
    }

    /// Slot `index` (0-based, relative to this array) written for people, as a nested
    /// ``ArrowValue`` is written (strings quoted), shortened after 200 characters.
    func valueDescription(at index: Int) -> String {
        guard index >= 0, index < length else { return "<row \(index) is outside an array of \(length)>" }
        return ArrayComparison.describe(self, index)
    }
}

extension RecordBatch {
    /// Whether `other` has an equal schema (fields with their names, types, nullability and
    /// metadata, and the schema metadata; map child names, dictionary ids and the order of metadata
    /// entries aside) and equal columns.
    public func isEqual(to other: RecordBatch, floatTolerance: Double = 0) -> Bool {
        firstDifference(from: other, floatTolerance: floatTolerance) == nil
    }

    /// A sentence describing the first difference from `other`
    /// (`"column 2 'x' row 17: 3.5 vs 4.0"`), or `nil` when the batches are equal.
    public func firstDifference(from other: RecordBatch, floatTolerance: Double = 0) -> String? {
        let fields = schema.fields
        let otherFields = other.schema.fields
        guard fields.count == otherFields.count else { return "\(fields.count) columns vs \(otherFields.count)" }
        for (index, (field, otherField)) in zip(fields, otherFields).enumerated() where !field.isEquivalent(to: otherField) {
            return "column \(index) '\(field.name)': \(ArrayComparison.fieldDifference(field, otherField))"
        }
        guard schema.metadata.comparableForm == other.schema.metadata.comparableForm else {
            return "schema metadata \(ArrayComparison.describe(schema.metadata)) vs \(ArrayComparison.describe(other.schema.metadata))"
        }
        guard rowCount == other.rowCount else { return "\(rowCount) rows vs \(other.rowCount)" }
        let comparison = ArrayComparison(tolerance: floatTolerance)
        for (index, (column, otherColumn)) in zip(columnData, other.columnData).enumerated() {
            if let difference = comparison.difference(column, otherColumn) {
                let separator = difference.row == nil ? ": " : " "
                return "column \(index) '\(fields[index].name)'\(separator)\(difference)"
            }
        }
        return nil
    }
}

/// Where two arrays first differ: a row (when the difference is in one), the steps into
/// nested values, and what differs.
struct ArrayDifference: CustomStringConvertible {
    var row: Int?
    var steps: [String] = []
    var detail: String

    /// This difference, found inside row `row` of a parent through `step`.
    func nested(row: Int, step: String) -> ArrayDifference {
        ArrayDifference(row: row, steps: [step] + steps, detail: detail)
    }

    var description: String {
        let location = (row.map { ["row \($0)"] } ?? []) + steps
        return location.isEmpty ? detail : "\(location.joined(separator: ", ")): \(detail)"
    }
}

/// The comparison itself. Every buffer read is first checked against the buffer's size, so
/// arrays that are inconsistent produce a difference, never a trap.
struct ArrayComparison {
    let tolerance: Double

    /// The first difference between two whole arrays, or `nil`.
    func difference(_ a: ArrayData, _ b: ArrayData) -> ArrayDifference? {
        guard a.type.comparableForm == b.type.comparableForm else {
            return ArrayDifference(detail: "type \(a.type) vs \(b.type)")
        }
        guard a.length == b.length else { return ArrayDifference(detail: "length \(a.length) vs \(b.length)") }
        return compare(a, 0, b, 0, a.length)
    }

    // MARK: Dispatch

    /// Compares rows `aStart..<aStart+count` of `a` with `bStart..<bStart+count` of `b`
    /// (indices relative to each array). The caller has checked that the types are equal.
    func compare(_ a: ArrayData, _ aStart: Int, _ b: ArrayData, _ bStart: Int, _ count: Int) -> ArrayDifference? {
        guard count > 0 else { return nil }
        let type = a.type.storageType
        guard aStart >= 0, bStart >= 0, aStart <= Int.max - count, bStart <= Int.max - count else {
            return ArrayDifference(detail: "rows \(aStart) and \(bStart) are not in the arrays")
        }
        if let problem = Self.layoutProblem(a, type, end: aStart + count) ?? Self.layoutProblem(b, type, end: bStart + count) {
            return ArrayDifference(row: 0, detail: problem)
        }
        let rows = Rows(a: a, aStart: aStart, b: b, bStart: bStart, count: count, type: type)
        switch type {
        case .null:
            return nil
        case .boolean:
            return compareBooleans(rows)
        case .float16:
            return compareFloats(rows, width: 2) { HalfFloat.double($0.loadUnaligned(as: UInt16.self)) }
        case .float32:
            return compareFloats(rows, width: 4) { Double($0.loadUnaligned(as: Float.self)) }
        case .float64:
            return compareFloats(rows, width: 8) { $0.loadUnaligned(as: Double.self) }
        case .binary, .utf8, .largeBinary, .largeUtf8, .binaryView, .utf8View:
            return compareBytes(rows)
        case .list, .map, .largeList, .listView, .largeListView:
            return compareLists(rows)
        case .fixedSizeList(_, let listSize):
            return compareFixedSizeLists(rows, listSize: listSize)
        case .struct(let fields):
            return compareStructs(rows, fields: fields)
        case .union(_, let fields, _):
            return compareUnions(rows, fields: fields)
        case .dictionary(let indexType, _, _):
            return compareDictionaries(rows, indexType: indexType)
        case .runEndEncoded:
            return compareRuns(rows)
        default:
            guard let width = type.byteWidth else {
                return ArrayDifference(detail: "cannot compare arrays of type \(type)")
            }
            return compareFixedWidth(rows, width: width)
        }
    }

    /// The two row ranges being compared, with each side's validity bits hoisted out.
    struct Rows {
        let a: ArrayData
        let aStart: Int
        let b: ArrayData
        let bStart: Int
        let count: Int
        let type: DataType
        /// Validity bits, or `nil` when every slot is valid.
        let aBits: UnsafeRawPointer?
        let bBits: UnsafeRawPointer?

        init(a: ArrayData, aStart: Int, b: ArrayData, bStart: Int, count: Int, type: DataType) {
            self.a = a
            self.aStart = aStart
            self.b = b
            self.bStart = bStart
            self.count = count
            self.type = type
            aBits = type.hasValidityBuffer ? a.validity?.baseAddress : nil
            bBits = type.hasValidityBuffer ? b.validity?.baseAddress : nil
        }

        /// The slot (physical index into this node's buffers) of row `k` on each side.
        @inline(__always) func aSlot(_ k: Int) -> Int { a.offset + aStart + k }
        @inline(__always) func bSlot(_ k: Int) -> Int { b.offset + bStart + k }

        @inline(__always) func aValid(_ k: Int) -> Bool { aBits.map { $0.arrowBit(aSlot(k)) } ?? true }
        @inline(__always) func bValid(_ k: Int) -> Bool { bBits.map { $0.arrowBit(bSlot(k)) } ?? true }

        /// A difference in row `k` between the values as described.
        func difference(_ k: Int, _ detail: String) -> ArrayDifference {
            ArrayDifference(row: k, detail: detail)
        }

        /// A difference in row `k` where the values differ.
        func valueDifference(_ k: Int) -> ArrayDifference {
            ArrayDifference(
                row: k,
                detail: "\(ArrayComparison.describe(a, aStart + k)) vs \(ArrayComparison.describe(b, bStart + k))")
        }
    }

    /// Calls `body` with each maximal run of rows valid on both sides; a row null on one side
    /// only is a difference.
    private func forEachValidRun(_ rows: Rows, _ body: (_ start: Int, _ count: Int) -> ArrayDifference?) -> ArrayDifference? {
        if rows.aBits == nil && rows.bBits == nil {
            return body(0, rows.count)
        }
        var k = 0
        while k < rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return rows.valueDifference(k) }
            guard valid else {
                k += 1
                continue
            }
            var end = k + 1
            while end < rows.count && rows.aValid(end) && rows.bValid(end) {
                end += 1
            }
            if let difference = body(k, end - k) { return difference }
            k = end
        }
        return nil
    }

    // MARK: Flat types

    private func compareBooleans(_ rows: Rows) -> ArrayDifference? {
        let aValues = rows.a.buffers[0].baseAddress
        let bValues = rows.b.buffers[0].baseAddress
        for k in 0..<rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return rows.valueDifference(k) }
            if valid && aValues.arrowBit(rows.aSlot(k)) != bValues.arrowBit(rows.bSlot(k)) {
                return rows.valueDifference(k)
            }
        }
        return nil
    }

    private func compareFixedWidth(_ rows: Rows, width: Int) -> ArrayDifference? {
        let aValues = rows.a.buffers[0].baseAddress + rows.aSlot(0) * width
        let bValues = rows.b.buffers[0].baseAddress + rows.bSlot(0) * width
        if rows.aBits == nil && rows.bBits == nil
            && Self.bytesEqual(aValues, bValues, rows.count * width) {
            return nil
        }
        for k in 0..<rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return rows.valueDifference(k) }
            if valid && !Self.bytesEqual(aValues + k * width, bValues + k * width, width) {
                return rows.valueDifference(k)
            }
        }
        return nil
    }

    private func compareFloats(_ rows: Rows, width: Int, _ load: (UnsafeRawPointer) -> Double) -> ArrayDifference? {
        let aValues = rows.a.buffers[0].baseAddress + rows.aSlot(0) * width
        let bValues = rows.b.buffers[0].baseAddress + rows.bSlot(0) * width
        for k in 0..<rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return rows.valueDifference(k) }
            if valid && !floatsEqual(load(aValues + k * width), load(bValues + k * width)) {
                return rows.valueDifference(k)
            }
        }
        return nil
    }

    /// NaN equals NaN; otherwise equal, or within the relative tolerance.
    private func floatsEqual(_ x: Double, _ y: Double) -> Bool {
        if x == y || (x.isNaN && y.isNaN) { return true }
        guard tolerance > 0, x.isFinite, y.isFinite else { return false }
        return abs(x - y) <= tolerance * max(1, abs(x), abs(y))
    }

    private func compareBytes(_ rows: Rows) -> ArrayDifference? {
        for k in 0..<rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return rows.valueDifference(k) }
            guard valid else { continue }
            let equal = try? rows.a.withValueBytes(slot: rows.aSlot(k)) { x in
                try rows.b.withValueBytes(slot: rows.bSlot(k)) { y in
                    x.count == y.count && (x.isEmpty || Self.bytesEqual(x.baseAddress!, y.baseAddress!, x.count))
                }
            }
            guard let equal else { return rows.difference(k, "a value points outside its data") }
            if !equal { return rows.valueDifference(k) }
        }
        return nil
    }

    // MARK: Nested types

    /// The child arrays of both sides, when their types agree (a map's entries may differ in
    /// field names only, which the map's own type check already allowed).
    private func children(_ rows: Rows, _ index: Int) -> (ArrayData, ArrayData)? {
        let x = rows.a.children[index]
        let y = rows.b.children[index]
        return x.type.comparableForm == y.type.comparableForm || rows.type.isMap ? (x, y) : nil
    }

    private func childTypeDifference(_ rows: Rows, _ index: Int) -> ArrayDifference {
        ArrayDifference(
            detail: "child \(index) has type \(rows.a.children[index].type) vs \(rows.b.children[index].type)")
    }

    /// Consecutive valid list rows whose child ranges follow each other on both sides, to
    /// compare as one child range.
    private struct ChildRun {
        var row = 0
        var aStart = 0
        var bStart = 0
        var count = 0
    }

    private func compareLists(_ rows: Rows) -> ArrayDifference? {
        guard let (aChild, bChild) = children(rows, 0) else { return childTypeDifference(rows, 0) }
        // Compares a run's child values; a difference is mapped back to its row and item.
        func flush(_ run: ChildRun) -> ArrayDifference? {
            guard run.count > 0, let difference = compare(aChild, run.aStart, bChild, run.bStart, run.count) else {
                return nil
            }
            let position = difference.row ?? 0
            for k in run.row..<rows.count where rows.aValid(k) {
                guard let range = try? rows.a.childRange(slot: rows.aSlot(k)) else { break }
                let first = range.lowerBound - run.aStart
                if position < first + range.count {
                    return difference.nested(row: k, step: "item \(position - first)")
                }
            }
            return difference.nested(row: run.row, step: "item \(position)")
        }
        var run = ChildRun()
        for k in 0..<rows.count {
            let valid = rows.aValid(k)
            guard valid == rows.bValid(k) else { return flush(run) ?? rows.valueDifference(k) }
            guard valid else { continue }
            guard let x = try? rows.a.childRange(slot: rows.aSlot(k)),
                  let y = try? rows.b.childRange(slot: rows.bSlot(k)) else {
                return flush(run) ?? rows.difference(k, "list offsets are not increasing or leave the child")
            }
            guard x.count == y.count else { return flush(run) ?? rows.valueDifference(k) }
            let (extended, overflow) = run.count.addingReportingOverflow(x.count)
            if run.count > 0 && !overflow && x.lowerBound == run.aStart + run.count && y.lowerBound == run.bStart + run.count {
                run.count = extended
            } else {
                if let difference = flush(run) { return difference }
                run = ChildRun(row: k, aStart: x.lowerBound, bStart: y.lowerBound, count: x.count)
            }
        }
        return flush(run)
    }

    private func compareFixedSizeLists(_ rows: Rows, listSize: Int) -> ArrayDifference? {
        guard listSize > 0 else { return forEachValidRun(rows) { _, _ in nil } }
        guard let (aChild, bChild) = children(rows, 0) else { return childTypeDifference(rows, 0) }
        return forEachValidRun(rows) { start, count in
            let (aFirst, o1) = rows.aSlot(start).multipliedReportingOverflow(by: listSize)
            let (bFirst, o2) = rows.bSlot(start).multipliedReportingOverflow(by: listSize)
            let (total, o3) = count.multipliedReportingOverflow(by: listSize)
            guard !o1, !o2, !o3 else { return rows.difference(start, "the list positions overflow") }
            guard let difference = compare(aChild, aFirst, bChild, bFirst, total) else { return nil }
            let item = difference.row ?? 0
            return difference.nested(row: start + item / listSize, step: "item \(item % listSize)")
        }
    }

    private func compareStructs(_ rows: Rows, fields: [Field]) -> ArrayDifference? {
        for index in fields.indices where children(rows, index) == nil {
            return childTypeDifference(rows, index)
        }
        return forEachValidRun(rows) { start, count in
            for (index, field) in fields.enumerated() {
                if let difference = compare(
                    rows.a.children[index], rows.aSlot(start), rows.b.children[index], rows.bSlot(start), count) {
                    return difference.nested(row: start + (difference.row ?? 0), step: "field '\(field.name)'")
                }
            }
            return nil
        }
    }

    private func compareUnions(_ rows: Rows, fields: [Field]) -> ArrayDifference? {
        for index in fields.indices where children(rows, index) == nil {
            return childTypeDifference(rows, index)
        }
        for k in 0..<rows.count {
            do {
                let aCode = try rows.a.unionTypeCode(slot: rows.aSlot(k))
                let bCode = try rows.b.unionTypeCode(slot: rows.bSlot(k))
                guard aCode == bCode else { return rows.difference(k, "type id \(aCode) vs \(bCode)") }
                let (aChild, aIndex, child) = try rows.a.unionMember(slot: rows.aSlot(k))
                let (bChild, bIndex, _) = try rows.b.unionMember(slot: rows.bSlot(k))
                if let difference = compare(aChild, aIndex, bChild, bIndex, 1) {
                    return difference.nested(row: k, step: "variant '\(fields[child].name)'")
                }
            } catch let error as ArrowError {
                return rows.difference(k, error.reason)
            } catch {
                return rows.difference(k, "\(error)")
            }
        }
        return nil
    }

    private func compareDictionaries(_ rows: Rows, indexType: DataType) -> ArrayDifference? {
        guard let aDictionary = rows.a.dictionary, let bDictionary = rows.b.dictionary else {
            return ArrayDifference(detail: "a dictionary-encoded array has no dictionary")
        }
        guard aDictionary.type.comparableForm == bDictionary.type.comparableForm else {
            return ArrayDifference(detail: "the dictionaries have types \(aDictionary.type) vs \(bDictionary.type)")
        }
        let valueType = aDictionary.type.storageType
        if let problem = Self.layoutProblem(aDictionary, valueType, end: aDictionary.length)
            ?? Self.layoutProblem(bDictionary, valueType, end: bDictionary.length) {
            return ArrayDifference(detail: "dictionary: \(problem)")
        }
        // The index of a valid row, or `nil` when it is not an entry of the dictionary.
        func entry(_ x: ArrayData, _ slot: Int, _ dictionary: ArrayData) -> Int? {
            try? x.dictionaryEntry(slot: slot, indexType: indexType).index
        }
        func outside(_ x: ArrayData, _ row: Int, _ dictionary: ArrayData, _ k: Int) -> ArrayDifference {
            let index = (try? x.checkedInteger(indexType, buffer: 0, element: x.offset + row)).map(String.init) ?? "?"
            return rows.difference(k, "dictionary index \(index) is outside a dictionary of \(dictionary.length)")
        }
        for k in 0..<rows.count {
            var aIndex: Int?
            var bIndex: Int?
            if rows.aValid(k) {
                guard let index = entry(rows.a, rows.aSlot(k), aDictionary) else {
                    return outside(rows.a, rows.aStart + k, aDictionary, k)
                }
                aIndex = index
            }
            if rows.bValid(k) {
                guard let index = entry(rows.b, rows.bSlot(k), bDictionary) else {
                    return outside(rows.b, rows.bStart + k, bDictionary, k)
                }
                bIndex = index
            }
            let aNull = aIndex.map { (try? aDictionary.isNullValue(at: $0)) ?? true } ?? true
            let bNull = bIndex.map { (try? bDictionary.isNullValue(at: $0)) ?? true } ?? true
            guard aNull == bNull else { return rows.valueDifference(k) }
            guard !aNull, let aIndex, let bIndex else { continue }
            if let difference = compare(aDictionary, aIndex, bDictionary, bIndex, 1) {
                return difference.nested(row: k, step: "dictionary entries \(aIndex) and \(bIndex)")
            }
        }
        return nil
    }

    private func compareRuns(_ rows: Rows) -> ArrayDifference? {
        guard let (aEnds, bEnds) = children(rows, 0) else { return childTypeDifference(rows, 0) }
        guard let (aValues, bValues) = children(rows, 1) else { return childTypeDifference(rows, 1) }
        let endsType = aEnds.type.storageType
        guard endsType.isInteger else { return ArrayDifference(detail: "run ends of type \(endsType)") }
        if let problem = Self.layoutProblem(aEnds, endsType, end: aEnds.length)
            ?? Self.layoutProblem(bEnds, endsType, end: bEnds.length) {
            return ArrayDifference(detail: "run ends: \(problem)")
        }
        let aRuns = RunEnds(ends: aEnds, type: endsType)
        let bRuns = RunEnds(ends: bEnds, type: endsType)
        // Run ends are positions in the parent's slots; rows are relative to the range.
        let aBase = rows.aSlot(0)
        let bBase = rows.bSlot(0)
        var aRun = aRuns.firstRun(after: aBase)
        var bRun = bRuns.firstRun(after: bBase)
        var k = 0
        while k < rows.count {
            guard aRun < aRuns.count, bRun < bRuns.count else {
                return rows.difference(k, "the run ends stop before this row")
            }
            let aEnd = aRuns.end(aRun) - aBase
            let bEnd = bRuns.end(bRun) - bBase
            let segmentEnd = min(aEnd, bEnd, rows.count)
            guard segmentEnd > k else { return rows.difference(k, "the run ends are not increasing") }
            if let difference = compare(aValues, aRun, bValues, bRun, 1) {
                return difference.nested(row: k, step: "run \(aRun)")
            }
            k = segmentEnd
            if aEnd <= k { aRun += 1 }
            if bEnd <= k { bRun += 1 }
        }
        return nil
    }

    /// The run ends of a run-end encoded array, read as `Int`s through the shared checked
    /// reader (the buffer was checked to hold every run).
    private struct RunEnds {
        let ends: ArrayData
        let type: DataType
        var count: Int { ends.length }

        /// The end of run `run` (0 ≤ run < count), with negative or unreadable ends read as 0
        /// (they make the ends non-increasing, which the walk reports).
        func end(_ run: Int) -> Int {
            max(0, (try? ends.checkedInteger(type, buffer: 0, element: ends.offset + run)) ?? 0)
        }

        /// The first run whose end is beyond `position`, or `count`.
        func firstRun(after position: Int) -> Int {
            (try? ends.firstRunEnd(after: position)) ?? count
        }
    }

    // MARK: Reading slots

    /// Whether `count` bytes at `x` and `y` are equal.
    static func bytesEqual(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, _ count: Int) -> Bool {
        var index = 0
        while count - index >= 8 {
            guard x.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                == y.loadUnaligned(fromByteOffset: index, as: UInt64.self) else { return false }
            index += 8
        }
        while index < count {
            guard x.load(fromByteOffset: index, as: UInt8.self) == y.load(fromByteOffset: index, as: UInt8.self) else {
                return false
            }
            index += 1
        }
        return true
    }

    // MARK: Layout checks

    /// What is wrong with the buffers or children of `x` (of layout `type`) for reading rows
    /// `0..<end`, or `nil` when they are large enough.
    static func layoutProblem(_ x: ArrayData, _ type: DataType, end: Int) -> String? {
        // Lengths near Int.max are nonsense; the bound keeps the slot arithmetic below from overflowing.
        guard x.offset >= 0, x.length >= 0, end <= x.length, x.offset <= Int.max >> 8 - end else {
            return "rows up to \(end) are outside an array of \(x.length) at offset \(x.offset)"
        }
        let slots = x.offset + end
        if type.hasValidityBuffer, let validity = x.validity, validity.count < Bitmap.byteCount(slots) {
            return "the validity bitmap has \(validity.count) bytes, too few for \(slots) slots"
        }
        guard x.buffers.count >= type.fixedBufferCount else {
            return "\(x.buffers.count) buffers where type \(type) has \(type.fixedBufferCount)"
        }
        if x.children.count != type.children.count {
            return "\(x.children.count) children where type \(type) has \(type.children.count)"
        }
        for (position, buffer) in type.layout.buffers.enumerated() {
            // An empty array may have an empty offsets buffer.
            if case .offsets = buffer, end == 0, x.buffers[position].count == 0 { continue }
            let needed = buffer.requiredBytes(slots: slots)
            guard let needed, x.buffers[position].count >= needed else {
                return "the \(buffer.name) buffer has \(x.buffers[position].count) bytes, too few for \(slots) slots"
            }
        }
        return nil
    }

    // MARK: Descriptions

    /// Row `index` of `x` for people (see ``ArrayData/previewText(at:maxItems:maxCharacters:)``).
    static func describe(_ x: ArrayData, _ index: Int) -> String {
        x.previewText(at: index, maxItems: 1_000, maxCharacters: 200)
    }

    /// Metadata as `[key: value, …]`.
    static func describe(_ metadata: Metadata) -> String {
        "[" + metadata.entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }

    /// How two unequal fields differ.
    static func fieldDifference(_ x: Field, _ y: Field) -> String {
        if x.name != y.name { return "name '\(x.name)' vs '\(y.name)'" }
        if x.type.comparableForm != y.type.comparableForm { return "type \(x.type) vs \(y.type)" }
        if x.isNullable != y.isNullable { return "nullable \(x.isNullable) vs \(y.isNullable)" }
        return "metadata \(describe(x.metadata)) vs \(describe(y.metadata))"
    }
}
