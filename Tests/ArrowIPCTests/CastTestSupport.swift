import Foundation
import Testing
@testable import ArrowIPC

/// Helpers of the cast tests: casting, and reading results back as text.
enum CastTest {
    /// `array` cast to `type`, strict unless `lenient`.
    static func cast(_ array: any ArrowArray, _ type: DataType, lenient: Bool = false, formats: [String] = []) throws -> ArrayData {
        try array.data.cast(to: type, options: CastOptions(mode: lenient ? .lenient : .strict, timestampFormats: formats))
    }

    /// Each slot as ``stored(_:)`` writes its value, after checking that the result is valid Arrow.
    static func texts(_ data: ArrayData) throws -> [String] {
        try data.validate(.full)
        return try (0..<data.length).map { stored(try data.value(at: $0)) }
    }

    /// A value as it is stored, for comparing casts: temporal values as their integers, floats
    /// as `Double`'s or `Float`'s text, strings quoted, bytes as `0x` and uppercase hex, nested
    /// values by their size, `null` for nulls.
    static func stored(_ value: ArrowValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .uint(let value): return String(value)
        case .float16(let value): return String(Double(value))
        case .float(let value): return String(value)
        case .double(let value): return String(value)
        case .decimal(let value): return value.description
        case .string(let value): return "\"\(value)\""
        case .binary(let bytes): return hex(bytes)
        case .date32(let days): return String(days)
        case .date64(let value), .time(let value, _), .timestamp(let value, _, _), .duration(let value, _): return String(value)
        case .yearMonthInterval(let months): return String(months)
        case .dayTimeInterval(let value): return "\(value.days) days \(value.milliseconds) ms"
        case .monthDayNanoInterval(let value): return "\(value.months) months \(value.days) days \(value.nanoseconds) ns"
        case .list(let items): return "a list of \(items.count) items"
        case .struct: return "a struct"
        case .map(let entries): return "a map of \(entries.count) entries"
        case .uuid(let uuid): return hex(withUnsafeBytes(of: uuid.uuid) { Array($0) })
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "0x (empty)" : "0x" + bytes.map { String(format: "%02X", $0) }.joined()
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
