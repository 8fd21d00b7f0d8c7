/// An ``ArrowValue`` as a fixed-width slot of some type stores it, before it is narrowed to
/// the slot's Swift type: what ``PrimitiveBuilder`` converts values through.
enum StoredNumber {
    case signed(Int64)
    case unsigned(UInt64)
    case floating(Double)
    case dayTime(DayTimeInterval)
    case monthDayNano(MonthDayNanoInterval)
    /// A value of a kind the type holds, but not exactly (a time with a fraction of the
    /// type's unit, a timestamp beyond its range).
    case inexact

    /// `value` as a slot of `type` stores it; `nil` when `type` does not hold values of its kind.
    init?(_ value: ArrowValue, for type: DataType) {
        switch (type, value) {
        case (.float16, .double(let number)), (.float32, .double(let number)), (.float64, .double(let number)):
            self = .floating(number)
        case (.float16, .float(let number)), (.float32, .float(let number)), (.float64, .float(let number)),
             (.float16, .float16(let number)), (.float32, .float16(let number)), (.float64, .float16(let number)):
            self = .floating(Double(number))
        case (_, .int(let number)) where type.primitiveStorage != nil:
            self = .signed(number)
        case (_, .uint(let number)) where type.primitiveStorage != nil:
            self = .unsigned(number)
        case (.date32, .date32(let days)):
            self = .signed(Int64(days))
        case (.date32, .date64(let milliseconds)):
            self = Self.rescaled(milliseconds, by: 1, dividedBy: 86_400_000)
        case (.date64, .date64(let milliseconds)):
            self = .signed(milliseconds)
        case (.date64, .date32(let days)):
            self = Self.rescaled(Int64(days), by: 86_400_000, dividedBy: 1)
        case (.time32(let unit), .time(let count, let from)), (.time64(let unit), .time(let count, let from)),
             (.duration(let unit), .duration(let count, let from)), (.timestamp(let unit, _), .timestamp(let count, let from, _)):
            self = Self.rescaled(count, by: unit.perSecond, dividedBy: from.perSecond)
        case (.timestamp(let unit, _), .date32(let days)):
            self = Self.rescaled(Int64(days), by: 86_400 * unit.perSecond, dividedBy: 1)
        case (.timestamp(let unit, _), .date64(let milliseconds)):
            self = Self.rescaled(milliseconds, by: unit.perSecond, dividedBy: 1_000)
        case (.interval(.yearMonth), .yearMonthInterval(let months)):
            self = .signed(Int64(months))
        case (.interval(.dayTime), .dayTimeInterval(let interval)):
            self = .dayTime(interval)
        case (.interval(.monthDayNano), .monthDayNanoInterval(let interval)):
            self = .monthDayNano(interval)
        default:
            return nil
        }
    }

    /// `count × multiplier / divisor` when exact and in range, else ``inexact``.
    private static func rescaled(_ count: Int64, by multiplier: Int64, dividedBy divisor: Int64) -> StoredNumber {
        let common = greatestCommonDivisor(multiplier, divisor)
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier / common)
        let reducedDivisor = divisor / common
        guard !overflow, product % reducedDivisor == 0 else { return .inexact }
        return .signed(product / reducedDivisor)
    }

    private static func greatestCommonDivisor(_ first: Int64, _ second: Int64) -> Int64 {
        var (a, b) = (first, second)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The value as a `T`, or `nil` when it does not fit `T` (integers exactly; floats
    /// rounded to the nearest `T`).
    func narrowed<T: ArrowPrimitive>(to _: T.Type) -> T? {
        switch self {
        case .signed(let number): return Self.exactly(number, as: T.self)
        case .unsigned(let number): return Self.exactly(number, as: T.self)
        case .floating(let number): return Self.rounded(number, as: T.self)
        case .dayTime(let interval): return interval as? T
        case .monthDayNano(let interval): return interval as? T
        case .inexact: return nil
        }
    }

    /// `value` as `T` when `T` is a number type that holds it exactly.
    @inline(__always)
    private static func exactly<T: ArrowPrimitive, V: BinaryInteger>(_ value: V, as _: T.Type) -> T? {
        if T.self == Int64.self { return Int64(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == Int32.self { return Int32(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == Int16.self { return Int16(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == Int8.self { return Int8(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == UInt64.self { return UInt64(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == UInt32.self { return UInt32(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == UInt16.self { return UInt16(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == UInt8.self { return UInt8(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == Double.self { return Double(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        if T.self == Float.self { return Float(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        if T.self == Float16.self { return Float16(exactly: value).map { unsafeBitCast($0, to: T.self) } }
        #endif
        return nil
    }

    /// `value` as `T` when `T` is a floating-point type, rounded to the nearest.
    @inline(__always)
    private static func rounded<T: ArrowPrimitive>(_ value: Double, as _: T.Type) -> T? {
        if T.self == Double.self { return unsafeBitCast(value, to: T.self) }
        if T.self == Float.self { return unsafeBitCast(Float(value), to: T.self) }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        if T.self == Float16.self { return unsafeBitCast(Float16(value), to: T.self) }
        #endif
        return nil
    }
}
