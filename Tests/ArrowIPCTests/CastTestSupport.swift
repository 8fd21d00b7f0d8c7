import Foundation
import Testing
@testable import ArrowIPC

/// Helpers of the cast tests: casting, and reading results back as text.
enum CastTest {
    /// `array` cast to `type`, strict unless `lenient`.
    static func cast(_ array: any ArrowArray, _ type: DataType, lenient: Bool = false, formats: [String] = []) throws -> ArrayData {
        try array.data.cast(to: type, options: CastOptions(mode: lenient ? .lenient : .strict, timestampFormats: formats))
    }

    /// Each slot as `valueDescription` writes it (`null` for nulls), after checking that the
    /// result is valid Arrow.
    static func texts(_ data: ArrayData) throws -> [String] {
        try data.validate(.full)
        return (0..<data.length).map { data.valueDescription(at: $0) }
    }

    /// The failure a strict cast throws, or `nil` when it succeeds.
    static func failure(_ array: any ArrowArray, _ type: DataType, formats: [String] = []) -> CastFailure? {
        do {
            _ = try cast(array, type, formats: formats)
            return nil
        } catch ArrowError.castFailed(let failure) {
            return failure
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// The value of a strict cast of a one-value array, or the failure's reason.
    static func one(_ array: any ArrowArray, _ type: DataType, formats: [String] = []) -> String {
        do {
            return try texts(try cast(array, type, formats: formats))[0]
        } catch ArrowError.castFailed(let failure) {
            return "error: \(failure.reason)"
        } catch {
            return "\(error)"
        }
    }

    /// Checks the strict and lenient casts of `array` to `type` together: every slot not in
    /// `failing` converts to the same value both ways; the strict cast fails at the first of
    /// `failing` (naming that row) and the lenient one nulls them all.
    static func expect(
        _ array: any ArrowArray, _ type: DataType, _ expected: [String], failing: Set<Int> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let lenient = try texts(try cast(array, type, lenient: true))
        var wanted = expected
        for row in failing { wanted[row] = "null" }
        #expect(lenient == wanted, sourceLocation: sourceLocation)
        if let first = failing.min() {
            let failure = failure(array, type)
            #expect(failure?.row == first, "\(String(describing: failure))", sourceLocation: sourceLocation)
            #expect(failure?.targetType != nil, sourceLocation: sourceLocation)
        } else {
            #expect(try texts(try cast(array, type)) == expected, sourceLocation: sourceLocation)
        }
    }
}

extension CastTest {
    /// Each slot as JSON (nested values in full), after checking that the result is valid.
    static func json(_ data: ArrayData) throws -> [String] {
        try data.validate(.full)
        return try (0..<data.length).map { try ValueFormatter.json(data, at: $0) }
    }
}
