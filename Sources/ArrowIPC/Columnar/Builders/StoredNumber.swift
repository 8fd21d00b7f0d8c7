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

    /// Stores the value as a `T` at `slot` and returns `true`, or returns `false` when it does
    /// not fit `T` (integers exactly; floats rounded to the nearest `T`). The stores are of
    /// concrete types, so that a builder whose `T` is not specialized (called through
    /// ``ArrayBuilder``) makes no generic value per slot.
    func store<T: ArrowPrimitive>(as _: T.Type, at slot: UnsafeMutableRawPointer) -> Bool {
        switch self {
        case .signed(let number): return Self.store(exactly: number, as: T.self, at: slot)
        case .unsigned(let number): return Self.store(exactly: number, as: T.self, at: slot)
        case .floating(let number): return Self.store(rounded: number, as: T.self, at: slot)
        case .dayTime(let interval):
            guard T.self == DayTimeInterval.self else { return false }
            slot.storeBytes(of: interval, as: DayTimeInterval.self)
            return true
        case .monthDayNano(let interval):
            guard T.self == MonthDayNanoInterval.self else { return false }
            slot.storeBytes(of: interval, as: MonthDayNanoInterval.self)
            return true
        case .inexact: return false
        }
    }

    /// Stores `value` at `slot` as `T` when `T` is a number type that holds it exactly.
    @inline(__always)
    private static func store<T: ArrowPrimitive, V: BinaryInteger>(exactly value: V, as _: T.Type, at slot: UnsafeMutableRawPointer) -> Bool {
        if T.self == Int64.self { return put(Int64(exactly: value), at: slot) }
        if T.self == Int32.self { return put(Int32(exactly: value), at: slot) }
        if T.self == Int16.self { return put(Int16(exactly: value), at: slot) }
        if T.self == Int8.self { return put(Int8(exactly: value), at: slot) }
        if T.self == UInt64.self { return put(UInt64(exactly: value), at: slot) }
        if T.self == UInt32.self { return put(UInt32(exactly: value), at: slot) }
        if T.self == UInt16.self { return put(UInt16(exactly: value), at: slot) }
        if T.self == UInt8.self { return put(UInt8(exactly: value), at: slot) }
        if T.self == Double.self { return put(Double(exactly: value), at: slot) }
        if T.self == Float.self { return put(Float(exactly: value), at: slot) }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        if T.self == Float16.self { return put(Float16(exactly: value), at: slot) }
        #endif
        return false
    }

    /// Stores `value` at `slot` as `T` when `T` is a floating-point type, rounded to the nearest.
    @inline(__always)
    private static func store<T: ArrowPrimitive>(rounded value: Double, as _: T.Type, at slot: UnsafeMutableRawPointer) -> Bool {
        if T.self == Double.self { return put(value, at: slot) }
        if T.self == Float.self { return put(Float(value), at: slot) }
        #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        if T.self == Float16.self { return put(Float16(value), at: slot) }
        #endif
        return false
    }

    /// Stores `number` at `slot` when there is one.
    @inline(__always)
    private static func put<N: BitwiseCopyable>(_ number: N?, at slot: UnsafeMutableRawPointer) -> Bool {
        guard let number else { return false }
        slot.storeBytes(of: number, as: N.self)
        return true
    }
}
