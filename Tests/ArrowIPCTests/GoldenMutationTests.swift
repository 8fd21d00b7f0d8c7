import Foundation
import Testing
@testable import ArrowIPC

/// Hostile inputs made deterministically from every golden file and stream: truncated at every
/// message boundary and at a spread of offsets, with seeded bit flips, and with 32-bit words
/// overwritten by 0, -1, Int32.max and Int32.min. Each is read as a file and as a stream with
/// full validation, and the first values of what decodes are formatted; then imported
/// (`ArrowIPCSource`: every metadata element, a few rows as records, values and series); then as a stream
/// without validation (`.none`, which must still be memory-safe), its first values read through
/// the typed arrays. The outcome must be an `ArrowError` or batches, never a crash, a hang or
/// another kind of error.
@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct GoldenMutationTests {
    /// Every golden `.arrow_file` and `.stream`, as `set/name.suffix`.
    static var inputs: [String] {
        GoldenCases.ids.flatMap { id in ["arrow_file", "stream"].map { "\(id).\($0)" } }
    }

    @Test(arguments: inputs)
    func mutantsEndInAnErrorOrBatches(_ input: String) throws {
        let suffix = String(input.split(separator: ".").last ?? "")
        let id = String(input.dropLast(suffix.count + 1))
        let original = [UInt8](try Data(contentsOf: GoldenCases.url(id, suffix)))
        // At least the schema message: the boundaries come from reading the messages.
        #expect(Self.messageBoundaries(original).count >= 2, "\(input): no message found")
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: input.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        for (name, mutant) in Self.mutants(of: original, random: &random) {
            exercise(mutant, name: "\(input), \(name)")
        }
    }

    /// The truncations, bit flips and overwrites of `bytes`, named for failure messages.
    static func mutants(of bytes: [UInt8], random: inout SeededRandom) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        var cuts = Set(messageBoundaries(bytes))
        for _ in 0..<16 { cuts.insert(random.below(bytes.count)) }
        for cut in cuts.sorted() {
            result.append(("truncated to \(cut) bytes", Array(bytes.prefix(cut))))
        }
        for _ in 0..<32 {
            var flipped = bytes
            let position = random.below(bytes.count)
            let bit = random.below(8)
            flipped[position] ^= UInt8(1 << bit)
            result.append(("bit \(bit) of byte \(position) flipped", flipped))
        }
        let words: [Int32] = [0, -1, .max, .min]
        for _ in 0..<12 {
            let position = random.below(bytes.count / 4) * 4
            for word in words {
                var overwritten = bytes
                withUnsafeBytes(of: word.littleEndian) { overwritten.replaceSubrange(position..<position + 4, with: $0) }
                result.append(("\(word) written at byte \(position)", overwritten))
            }
        }
        return result
    }

    /// Where each message of `bytes` (a valid file or stream) starts and ends, read front to
    /// back as the stream reader reads them (after the magic, for a file).
    static func messageBoundaries(_ bytes: [UInt8]) -> [Int] {
        [0] + ((try? framedMessagesWithEnds(bytes)) ?? []).map(\.end)
    }

    private func exercise(_ bytes: [UInt8], name: String) {
        let options = ArrowReadOptions(validation: .full)
        let data = Data(bytes)
        expectArrowErrorOnly(name + " (as a file)") {
            let file = try ArrowFileReader(data: data, options: options)
            var budget = Self.valuesFormatted
            for index in 0..<file.recordBatchCount {
                touchValues(try file.recordBatch(at: index), budget: &budget)
            }
        }
        expectArrowErrorOnly(name + " (as a stream)") {
            let stream = try ArrowStreamReader(data: data, options: options)
            var budget = Self.valuesFormatted
            while let batch = try stream.next() { touchValues(batch, budget: &budget) }
        }
        expectArrowErrorOnly(name + " (imported: every element, data and dataset)") {
            try ImportExercise.run(data)
        }
        expectArrowErrorOnly(name + " (as a stream, unvalidated)") {
            let stream = try ArrowStreamReader(data: data, options: ArrowReadOptions(validation: .none))
            var budget = Self.valuesFormatted
            while let batch = try stream.next() {
                for column in batch.columnData {
                    // Typed arrays check their node's layout when made, and clamp what they read.
                    if let elements = makeArray(column) as? any RandomAccessCollection {
                        readElements(elements, budget: &budget)
                    }
                }
            }
        }
    }

    /// Reads the first elements of a typed array (each made from its bytes, handed to a function
    /// the optimizer cannot see into).
    private func readElements<Elements: RandomAccessCollection>(_ elements: Elements, budget: inout Int) {
        for element in elements.prefix(max(budget, 0)) {
            budget -= 1
            Self.keep(element)
        }
    }

    @inline(never)
    private static func keep<Element>(_ element: Element) {
        withExtendedLifetime(element) {}
    }

    /// How many values of each mutant are formatted, row by row from the first batch:
    /// formatting (decimals above all) is what a debug build spends most time on.
    static let valuesFormatted = 300

    private func expectArrowErrorOnly(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch is ArrowError {
            // A refusal that says what is wrong: what a hostile input should get.
        } catch {
            Issue.record("\(name): \(type(of: error)) \(error), not an ArrowError")
        }
    }

    private func touchValues(_ batch: RecordBatch, budget: inout Int) {
        // (Rows bounded by the budget too: a batch without columns can claim any row count.)
        for row in 0..<min(batch.rowCount, budget) {
            for column in batch.columnData where row < column.length {
                guard budget > 0 else { return }
                budget -= 1
                _ = try? ValueFormatter.text(column, at: row)
            }
        }
    }
}
