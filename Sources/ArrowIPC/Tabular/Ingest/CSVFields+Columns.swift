extension CSVFields {
    /// The `string` array of column `column`'s fields in records `0..<recordCount`, read from
    /// `bytes` (doubled quotes undone; null fields null).
    func textColumn(_ column: Int, bytes: UnsafeMutablePointer<UInt8>) -> ArrayData {
        let records = recordCount
        var capacity = 0
        var nullCount = 0
        for record in 0..<records {
            let field = self.field(record, column)
            capacity &+= Self.end(field) &- Self.start(field)
            if Self.isNull(field) { nullCount += 1 }
        }
        let validity: ArrowBuffer? = nullCount == 0 ? nil : ArrowBuffer(count: (records + 7) / 8) { out in
            out.initializeMemory(as: UInt8.self, repeating: 0)
            guard let base = out.baseAddress else { return }
            for record in 0..<records where !Self.isNull(self.field(record, column)) {
                base.storeBytes(of: base.load(fromByteOffset: record >> 3, as: UInt8.self) | 1 << UInt8(record & 7),
                                toByteOffset: record >> 3, as: UInt8.self)
            }
        }
        // Offsets and bytes in one pass.
        var data = ArrowBuffer.empty
        var total = 0
        let offsets = ArrowBuffer(count: (records + 1) * 4) { offsetsOut in
            guard let offsetBase = offsetsOut.baseAddress else { return }
            offsetBase.storeBytes(of: Int32(0), as: Int32.self)
            // (16 bytes more: short fields are copied 16 bytes at a time.)
            data = ArrowBuffer(count: capacity &+ 16) { out in
                let target = out.baseAddress?.assumingMemoryBound(to: UInt8.self)
                var written = 0
                for record in 0..<records {
                    let field = self.field(record, column)
                    let start = Self.start(field)
                    let length = Self.end(field) &- start
                    if let target, !Self.isNull(field) {
                        if Self.isEscaped(field) {
                            written &+= CSVFieldText.unescape(bytes + start, count: length, into: target + written)
                        } else {
                            Self.copy(bytes + start, length, to: target + written)
                            written &+= length
                        }
                    }
                    offsetBase.storeBytes(of: Int32(truncatingIfNeeded: written), toByteOffset: (record + 1) * 4, as: Int32.self)
                }
                total = written
            }
        }
        data = data.slice(offset: 0, length: total) ?? data
        return ArrayData(type: .utf8, length: records, nullCount: nullCount, validity: validity, buffers: [offsets, data])
    }

    /// Copies `count` bytes: up to 16 as two 8-byte words (the source has 64 bytes of slack
    /// after its end, the target 16), longer ones with `memmove`.
    @inline(__always)
    private static func copy(_ source: UnsafeMutablePointer<UInt8>, _ count: Int, to target: UnsafeMutablePointer<UInt8>) {
        guard count <= 16 else {
            target.update(from: source, count: count)
            return
        }
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
    }

    /// The guessed type of column `column`'s non-null fields (see ``TextTypeGuess``).
    func guessType(_ column: Int, bytes: UnsafeMutablePointer<UInt8>) -> DataType {
        var guess = TextTypeGuess()
        var text = CSVFieldText(bytes: bytes)
        for record in 0..<recordCount {
            let field = self.field(record, column)
            if !Self.isNull(field) { text.withText(field) { guess.add($0) } }
        }
        return guess.type
    }

    /// The line the field of `record` in `column` starts on.
    func line(of record: Int, _ column: Int, bytes: UnsafeMutablePointer<UInt8>) -> Int {
        let start = Self.start(field(record, column))
        return recordLines[record] + CSVTokenizer.lineBreaks(bytes, from: recordOffsets[record], to: max(start, recordOffsets[record]))
    }
}
