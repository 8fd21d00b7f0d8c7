/// The fields of a run of CSV records, found in place in a ``TextBuffer``'s bytes: for each
/// field where its text starts and ends (inside the quotes of a quoted field), whether it is
/// null and whether it holds doubled quotes still to be undone; for each record the line it
/// starts on and where its bytes start.
///
/// A field is one `UInt64`: the start in bits 0–31, the end in bits 32–61, bit 62 set when
/// the field is null, bit 63 when it holds doubled quotes. Offsets stay below 2^30 (see
/// ``CSVReadOptions/largestRecordSize``).
struct CSVFields: ~Copyable {
    private(set) var storage: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    /// Fields stored, record after record.
    private(set) var fieldCount = 0
    /// The fields of each record once the first record set it.
    var columnCount = 0
    /// The line each record starts on (1-based).
    private(set) var recordLines: [Int] = []
    /// Where each record's bytes start.
    private(set) var recordOffsets: [Int] = []

    static let nullFlag: UInt64 = 1 << 62
    static let escapedFlag: UInt64 = 1 << 63
    static let endMask: UInt64 = (1 << 30) - 1

    init() {
        capacity = 1024
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    var recordCount: Int { recordLines.count }

    /// Appends one field.
    @inline(__always)
    mutating func append(start: Int, end: Int, flags: UInt64) {
        if fieldCount == capacity { grow() }
        storage[fieldCount] = UInt64(truncatingIfNeeded: start) | UInt64(truncatingIfNeeded: end) << 32 | flags
        fieldCount += 1
    }

    private mutating func grow() {
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
        grown.update(from: storage, count: fieldCount)
        storage.deallocate()
        storage = grown
        capacity *= 2
    }

    /// Ends a record whose fields were appended since `firstField`, starting at `offset` on
    /// `line`.
    mutating func endRecord(line: Int, offset: Int) {
        recordLines.append(line)
        recordOffsets.append(offset)
    }

    /// Forgets the fields from `count` on (those of a record that was not finished).
    mutating func truncateFields(to count: Int) {
        fieldCount = count
    }

    /// Forgets every field and record.
    mutating func removeAll() {
        fieldCount = 0
        recordLines.removeAll(keepingCapacity: true)
        recordOffsets.removeAll(keepingCapacity: true)
    }

    /// The field of `record` in `column`.
    @inline(__always)
    func field(_ record: Int, _ column: Int) -> UInt64 {
        storage[record &* columnCount &+ column]
    }

    @inline(__always)
    static func start(_ field: UInt64) -> Int { Int(truncatingIfNeeded: field & 0xFFFF_FFFF) }
    @inline(__always)
    static func end(_ field: UInt64) -> Int { Int(truncatingIfNeeded: (field >> 32) & endMask) }
    @inline(__always)
    static func isNull(_ field: UInt64) -> Bool { field & nullFlag != 0 }
    @inline(__always)
    static func isEscaped(_ field: UInt64) -> Bool { field & escapedFlag != 0 }
}

/// The text of fields, with doubled quotes undone where a field holds them.
struct CSVFieldText: ~Copyable {
    let bytes: UnsafeMutablePointer<UInt8>
    /// Room for the text of an escaped field, grown as needed.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    init(bytes: UnsafeMutablePointer<UInt8>) {
        self.bytes = bytes
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        scratch.deallocate()
    }

    /// Calls `body` with the text of `field`.
    @inline(__always)
    mutating func withText<R>(_ field: UInt64, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = CSVFields.start(field)
        let end = CSVFields.end(field)
        guard CSVFields.isEscaped(field) else {
            return try body(UnsafeRawBufferPointer(start: bytes + start, count: end - start))
        }
        if end - start > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = end - start
            scratch = .allocate(capacity: scratchCapacity)
        }
        let count = Self.unescape(bytes + start, count: end - start, into: scratch)
        return try body(UnsafeRawBufferPointer(start: scratch, count: count))
    }

    /// Copies the `count` bytes at `source` into `target`, each doubled quote as one quote;
    /// returns the bytes written.
    static func unescape(_ source: UnsafePointer<UInt8>, count: Int, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var read = 0
        var written = 0
        while read < count {
            let byte = source[read]
            target[written] = byte
            written += 1
            read += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return written
    }
}
