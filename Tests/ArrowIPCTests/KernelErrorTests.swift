import Foundation
import Testing
@testable import ArrowIPC

/// Wrong arguments, results too large for their offsets or memory, and arrays whose layout is
/// inconsistent: a thrown `ArrowError` saying what, never a crash or a huge allocation.
@Suite struct KernelErrorTests {
    private func reason(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as ArrowError {
            return error.description
        } catch {
            return "not an ArrowError: \(error)"
        }
    }

    @Test func badIndicesAreNamedWithTheirPosition() throws {
        let array = Int32Array([1, 2, 3]).data
        #expect(reason { try array.take([0, 2, -1]) } == "invalid argument: index -1 at position 2 is negative")
        #expect(reason { try array.take([3]) } == "invalid argument: index 3 at position 0 is out of range for 3 slots")
        #expect(reason { try array.take(UInt64Array([1, .max]).data) }
            == "invalid argument: index 18446744073709551615 at position 1 is out of range for 3 slots")
        #expect(reason { try array.take(Int8Array([nil, -128]).data) } == "invalid argument: index -128 at position 1 is negative")
        #expect(reason { try array.take(Float64Array([1]).data) } == "invalid argument: indices must be integers, not double")
        #expect(reason { try NullArray(length: 0).data.take([0]) } == "invalid argument: index 0 at position 0 is out of range for 0 slots")
        // An index array whose buffer is too short.
        let short = ArrayData(type: .int32, length: 4, validity: nil, buffers: [ArrowBuffer(copying: [Int32(0)])])
        #expect(reason { try array.take(short) }?.hasPrefix("invalid argument: the indices are not a valid array") == true)
    }

    @Test func masksOfAnotherLengthOrTypeAreRefused() throws {
        let array = StringArray(["a", "b", "c"]).data
        #expect(reason { try array.filter([true, false]) } == "invalid argument: a filter's mask has 2 slots, but the array has 3")
        #expect(reason { try array.filter(Int8Array([1, 0, 1]).data) }
            == "invalid argument: a filter's mask must be of type bool, not int8")
        let batch = try RecordBatch(names: ["s"], columns: [StringArray(["a", "b", "c"])])
        #expect(reason { try batch.filter([true]) } == "invalid argument: a filter's mask has 1 slots, but the batch has 3 rows")
        let table = try Table(schema: batch.schema, batches: [batch, batch])
        #expect(reason { try table.filter([true, true, true]) } == "invalid argument: a filter's mask has 3 slots, but the table has 6 rows")
        #expect(reason { try table.take([6]) } == "invalid argument: index 6 at position 0 is out of range for 6 slots")
        #expect(reason { try table.slice(4, 3) } == "invalid argument: 3 rows from row 4 are outside a table of 6 rows")
    }

    // MARK: - Results too large

    /// A buffer of `count` bytes that reads as zeros and costs address space only until written.
    private func untouched(_ count: Int) throws -> ArrowBuffer {
        let allocation = try HeapAllocation(inputSized: count, purpose: "a test buffer")
        return ArrowBuffer(owner: allocation, baseAddress: UnsafeRawPointer(allocation.pointer), count: count)
    }

    /// The most memory this process has held, in bytes.
    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func offsetsThatWouldOverflowAreRefusedBeforeAllocating() throws {
        let gib = 1 << 30
        let before = peakResidentBytes()
        // One string of 1 GiB, taken twice: 2 GiB does not fit 32-bit offsets.
        let binary = ArrayData(
            type: .binary, length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), Int32(gib)]), try untouched(gib)])
        let message = reason { try binary.take([0, 0]) }
        #expect(message?.contains("too many for 32-bit offsets") == true, "\(message ?? "no error")")
        // With 64-bit offsets, 10,000 copies would need more than the machine's memory.
        let large = ArrayData(
            type: .largeBinary, length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int64(0), Int64(gib)]), try untouched(gib)])
        let largeMessage = reason { try large.take([Int](repeating: 0, count: 10_000)) }
        #expect(largeMessage?.contains("more than this machine's memory") == true, "\(largeMessage ?? "no error")")
        // Lists of 2^30 nulls each, three times: 2^31 + 2^30 child slots.
        let list = ArrayData(
            type: .list(Field("item", .null)), length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), Int32(gib)])],
            children: [NullArray(length: gib).data])
        let listMessage = reason { try list.take([0, 0, 0]) }
        #expect(listMessage?.contains("too many for 32-bit offsets") == true, "\(listMessage ?? "no error")")
        #expect(peakResidentBytes() - before < 256 << 20, "the refusals touched no large memory")
    }

    // MARK: - Inconsistent layouts

    @Test func layoutsFailingTheDefaultValidationAreRefused() throws {
        let tooShort = ArrayData(type: .int64, length: 4, validity: nil, buffers: [ArrowBuffer(copying: [Int64(1)])])
        #expect(reason { try tooShort.take([0]) }?.hasPrefix("invalid argument: the array is not valid: values buffer has 8 bytes") == true)
        #expect(reason { try tooShort.filter([true, false, false, false]) } != nil)
        let batch = RecordBatch(schema: Schema([Field("x", .int64)]), columnData: [tooShort], rowCount: 4, metadata: [:])
        #expect(reason { try batch.take([1]) }?.hasPrefix("invalid argument: column 0 ('x'): the array is not valid") == true)
    }

    @Test func offsetsOutOfOrderInsideTheBufferAreRefused() throws {
        // The first and last offsets are fine (what the default validation reads); the middle ones are not.
        let strings = ArrayData(
            type: .utf8, length: 3, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), 9, 2, 4]), ArrowBuffer(copying: Array("abcd".utf8))])
        try strings.validate(.default)
        #expect(reason { try strings.take([0]) }?.contains("its offsets are not valid") == true)
        #expect(reason { try strings.take([1]) }?.contains("its offsets are not valid") == true)
        #expect(reason { try strings.filter([true, true, false]) }?.contains("its offsets are not valid") == true)
        let lists = ArrayData(
            type: .list(Field("item", .int8)), length: 2, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(0), -5, 1])], children: [Int8Array([1]).data])
        #expect(reason { try lists.take([1, 0]) }?.contains("its offsets are not valid") == true)
        #expect(reason { try lists.filter([true, false]) }?.contains("its offsets are not valid") == true)
        let views = ArrayData(
            type: .listView(Field("item", .int8)), length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int32(1)]), ArrowBuffer(copying: [Int32(3)])], children: [Int8Array([1, 2]).data])
        #expect(reason { try views.take([0]) }?.contains("outside the 2 child slots") == true)
    }

    @Test func unionSlotsNamingNoChildAreRefused() throws {
        let child = Int32Array([1, 2]).data
        let type = DataType.union(.dense, [Field("a", .int32)], typeIds: [3])
        let unknownType = ArrayData(
            type: type, length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int8(4)]), ArrowBuffer(copying: [Int32(0)])], children: [child])
        #expect(reason { try unknownType.take([0]) }?.contains("unknown type id 4") == true)
        let outside = ArrayData(
            type: type, length: 1, validity: nil,
            buffers: [ArrowBuffer(copying: [Int8(3)]), ArrowBuffer(copying: [Int32(2)])], children: [child])
        #expect(reason { try outside.take([0]) }?.contains("outside its child of 2 slots") == true)
        #expect(reason { try outside.filter([true]) }?.contains("outside its child of 2 slots") == true)
    }

    /// Every column of every golden file, with one buffer of one node mutated (a bit flipped
    /// or a word overwritten): take and filter throw or succeed, and when the mutant still
    /// passes full validation, their results do too and equal the one-slot slices.
    @Test(
        .enabled(if: GoldenData.root != nil, "the Arrow golden files are absent"),
        arguments: KernelOracleTests.cases)
    func mutatedColumnsNeverCrash(_ id: String) throws {
        let batches = try ArrowFileReader(url: GoldenCases.url(id, "arrow_file")).readAll()
        var random = SeededRandom(seed: UInt64(id.utf8.count) &* 7919)
        for batch in batches {
            for column in batch.columnData where column.length > 0 {
                for _ in 0..<12 {
                    let mutant = Self.mutated(column, &random)
                    let picks = (0..<5).map { _ in random.below(column.length) }
                    let mask = (0..<column.length).map { _ in random.below(2) == 0 }
                    let taken = Result { try mutant.take(picks) }
                    let filtered = Result { try mutant.filter(mask) }
                    for result in [taken, filtered] {
                        if case .failure(let error) = result { #expect(error is ArrowError, "\(id): \(error)") }
                    }
                    guard (try? mutant.validate(.full)) != nil else { continue }
                    let kept = mask.indices.filter { mask[$0] }
                    for (result, picks) in [(taken, picks), (filtered, kept)] {
                        let array = try result.get()
                        try array.validate(.full)
                        // (Concatenation refuses some valid arrays, such as list views with a
                        // negative offset under a null: then there is no oracle.)
                        let expected = picks.isEmpty
                            ? try mutant.slice(0, 0) : try? ArrayData.concatenate(picks.map { try mutant.slice($0, 1) })
                        if let expected {
                            #expect(array.firstDifference(from: expected) == nil, "\(id) \(mutant.type)")
                        }
                    }
                }
            }
        }
    }

    /// `data` with one buffer of one node (this one, a child or the dictionary, at any depth)
    /// copied and changed.
    static func mutated(_ data: ArrayData, _ random: inout SeededRandom) -> ArrayData {
        let nested = data.children + (data.dictionary.map { [$0] } ?? [])
        let ownBuffers = (data.validity.map { [$0] } ?? []) + data.buffers
        if !nested.isEmpty && (ownBuffers.isEmpty || random.below(2) == 0) {
            let pick = random.below(nested.count)
            var children = data.children
            var dictionary = data.dictionary
            if pick < children.count {
                children[pick] = mutated(children[pick], &random)
            } else {
                dictionary = mutated(nested[pick], &random)
            }
            return ArrayData(
                type: data.type, length: data.length, offset: data.offset, nullCount: data.nullCount,
                validity: data.validity, buffers: data.buffers, children: children, dictionary: dictionary)
        }
        guard !ownBuffers.isEmpty else { return data }
        let which = random.below(ownBuffers.count)
        var bytes = ownBuffers[which].bytes
        if !bytes.isEmpty {
            let position = random.below(bytes.count)
            if random.below(2) == 0 {
                bytes[position] ^= UInt8(1 << random.below(8))
            } else {
                let word = [Int32(0), -1, .max, .min, 1][random.below(5)]
                withUnsafeBytes(of: word.littleEndian) { word in
                    for (index, byte) in word.enumerated() where position + index < bytes.count {
                        bytes[position + index] = byte
                    }
                }
            }
        }
        let changed = ArrowBuffer(copying: bytes)
        let hasValidity = data.validity != nil
        var buffers = data.buffers
        if !(hasValidity && which == 0) { buffers[which - (hasValidity ? 1 : 0)] = changed }
        return ArrayData(
            type: data.type, length: data.length, offset: data.offset, nullCount: data.nullCount,
            validity: hasValidity && which == 0 ? changed : data.validity, buffers: buffers,
            children: data.children, dictionary: data.dictionary)
    }
}
