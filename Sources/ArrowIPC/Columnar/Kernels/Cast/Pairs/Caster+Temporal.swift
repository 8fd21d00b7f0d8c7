/// Casts of dates, times of day, timestamps and durations: among themselves, to and from
/// integers, to strings, and from strings.
///
/// As pyarrow's safe casts: a change to a coarser unit must be exact (1500 ms is not a whole
/// number of seconds); one to a finer unit must not overflow. A timestamp cast to another
/// time zone keeps its instant (the stored value). A zone-aware timestamp cast to a date or a
/// time of day gives its local date or time in that zone; a date cast to a timestamp gives
/// midnight UTC, whatever the zone. `date64` to `date32` must be whole days.
extension Caster {
    func castTemporal(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        switch (data.type, target) {
        case (_, .boolean), (_, .float16), (_, .float32), (_, .float64), (.boolean, _), (.float16, _), (.float32, _), (.float64, _):
            throw unsupported(data.type, target)
        case (_, .int8), (_, .int16), (_, .int32), (_, .int64), (_, .uint8), (_, .uint16), (_, .uint32), (_, .uint64):
            // Through the integers of the storage width.
            let storage = try storageInteger(data.type, target)
            return try cast(data.viewed(as: storage), to: target)
        case (.int8, _), (.int16, _), (.int32, _), (.int64, _), (.uint8, _), (.uint16, _), (.uint32, _), (.uint64, _):
            let integers = try cast(data, to: try storageInteger(target, data.type))
            return try checkedTemporal(integers, as: target)
        case (.timestamp(let from, _), .timestamp(let to, _)), (.duration(let from), .duration(let to)):
            return try rescale(data, from: from, to: to, target: target)
        case (.time32(let from), .time32(let to)), (.time32(let from), .time64(let to)),
             (.time64(let from), .time32(let to)), (.time64(let from), .time64(let to)):
            return try rescale(data, from: from, to: to, target: target)
        case (.date32, .date64):
            return try mapValues(data, to: target, Int32.self, Int64.self) { Int64($0).multipliedReportingOverflow(by: 86_400_000).partialValue }
        case (.date64, .date32):
            return try mapValues(data, to: target, Int64.self, Int32.self, reason: { value in
                value % 86_400_000 != 0 ? "not a whole number of days" : "out of range of date32"
            }) { value in
                value % 86_400_000 == 0 ? Int32(exactly: value / 86_400_000) : nil
            }
        case (.date32, .timestamp(let unit, _)):
            let perDay = 86_400 * unit.perSecond
            return try mapValues(data, to: target, Int32.self, Int64.self, reason: { _ in "out of range of \(target)" }) { days in
                let (value, overflow) = Int64(days).multipliedReportingOverflow(by: perDay)
                return overflow ? nil : value
            }
        case (.date64, .timestamp(let unit, _)):
            return try rescale(data.viewed(as: .timestamp(.millisecond, timeZone: nil)), from: .millisecond, to: unit, target: target)
        case (.timestamp(let unit, let zone), .date32), (.timestamp(let unit, let zone), .date64),
             (.timestamp(let unit, let zone), .time32), (.timestamp(let unit, let zone), .time64):
            return try splitTimestamps(data, unit: unit, zone: zone, to: target)
        default:
            throw unsupported(data.type, target)
        }
    }

    /// `integers`, of `type`'s storage, as `type`: `date64` values must be whole days and times
    /// of day within the day, as Arrow's validation has them (pyarrow's cast does not check).
    private func checkedTemporal(_ integers: ArrayData, as type: DataType) throws -> ArrayData {
        switch type {
        case .date64:
            return try mapValues(integers.viewed(as: type), to: type, Int64.self, Int64.self, reason: { _ in "not a whole number of days" }) {
                $0 % 86_400_000 == 0 ? $0 : nil
            }
        case .time32(let unit):
            let day = Int32(86_400 * unit.perSecond)
            return try mapValues(integers.viewed(as: type), to: type, Int32.self, Int32.self, reason: { _ in "not a time of day" }) {
                $0 >= 0 && $0 < day ? $0 : nil
            }
        case .time64(let unit):
            let day = 86_400 * unit.perSecond
            return try mapValues(integers.viewed(as: type), to: type, Int64.self, Int64.self, reason: { _ in "not a time of day" }) {
                $0 >= 0 && $0 < day ? $0 : nil
            }
        default:
            return integers.viewed(as: type)
        }
    }

    /// The integer type that stores `type` (`int32` for `date32` and `time32`, `int64` for the
    /// others), for a cast between `type` and the integer type `other`.
    private func storageInteger(_ type: DataType, _ other: DataType) throws -> DataType {
        switch type {
        case .date32, .time32: return .int32
        case .date64, .time64, .timestamp, .duration: return .int64
        default: throw unsupported(type, other)
        }
    }

    /// The values of `data`, counted in `from`, counted in `to`: multiplied without overflow,
    /// or divided exactly.
    private func rescale(_ data: ArrayData, from: TimeUnit, to: TimeUnit, target: DataType) throws -> ArrayData {
        let fromScale = from.perSecond
        let toScale = to.perSecond
        let rescale: (Int64) -> Int64? = toScale >= fromScale
            ? { value in
                let (product, overflow) = value.multipliedReportingOverflow(by: toScale / fromScale)
                return overflow ? nil : product
            }
            : { value in value % (fromScale / toScale) == 0 ? value / (fromScale / toScale) : nil }
        let reason: (Int64) -> String = { _ in toScale >= fromScale ? "out of range of \(target)" : "would lose precision" }
        switch (data.type.byteWidth, target.byteWidth) {
        case (4, 4): return try mapValues(data, to: target, Int32.self, Int32.self, reason: { reason(Int64($0)) }) { rescale(Int64($0)).flatMap(Int32.init(exactly:)) }
        case (4, _): return try mapValues(data, to: target, Int32.self, Int64.self, reason: { reason(Int64($0)) }) { rescale(Int64($0)) }
        case (_, 4): return try mapValues(data, to: target, Int64.self, Int32.self, reason: reason) { rescale($0).flatMap(Int32.init(exactly:)) }
        default: return try mapValues(data, to: target, Int64.self, Int64.self, reason: reason, rescale)
        }
    }

    /// Timestamps to their (local) date or time of day.
    private func splitTimestamps(_ data: ArrayData, unit: TimeUnit, zone: String?, to target: DataType) throws -> ArrayData {
        let perSecond = unit.perSecond
        let rule = try zone.map(TimeZoneRule.shared)
        /// The local days and the units since local midnight.
        func local(_ value: Int64) -> (days: Int64, unitOfDay: Int64) {
            let (seconds, fraction) = TemporalText.floorDivide(value, perSecond)
            let (days, secondOfDay) = TemporalText.floorDivide(seconds &+ (rule?.offset(atUTC: seconds) ?? 0), 86_400)
            return (days, secondOfDay * perSecond + fraction)
        }
        switch target {
        case .date32:
            return try mapValues(data, to: target, Int64.self, Int32.self, reason: { _ in "out of range of date32" }) { Int32(exactly: local($0).days) }
        case .date64:
            return try mapValues(data, to: target, Int64.self, Int64.self, reason: { _ in "out of range of date64" }) { value in
                let (milliseconds, overflow) = local(value).days.multipliedReportingOverflow(by: 86_400_000)
                return overflow ? nil : milliseconds
            }
        case .time32(let timeUnit), .time64(let timeUnit):
            let dayOfTime = DataType.time64(unit)
            let times = try mapValues(data, to: dayOfTime, Int64.self, Int64.self) { local($0).unitOfDay }
            return try rescale(times, from: unit, to: timeUnit, target: target)
        default:
            throw unsupported(data.type, target)
        }
    }

    /// Fixed-width values of `target` stored as `T` from those of `data` stored as `S`:
    /// `transform` converts a valid slot's value, or gives `nil` for one that does not
    /// convert, which `reason` explains.
    func mapValues<S: FixedWidthInteger, T: FixedWidthInteger>(
        _ data: ArrayData, to target: DataType, _: S.Type, _: T.Type,
        reason: (S) -> String = { _ in "out of range" }, _ transform: (S) -> T?
    ) throws -> ArrayData {
        let source = data.buffers[0].baseAddress + data.offset * MemoryLayout<S>.stride
        var validity = CastValidity(data, to: target, lenient: lenient)
        let values = try ArrowBuffer(count: data.length * MemoryLayout<T>.stride) { out in
            guard let base = out.baseAddress else { return }
            for slot in 0..<data.length {
                let value = source.loadUnaligned(fromByteOffset: slot &* MemoryLayout<S>.stride, as: S.self)
                if let converted = transform(value) {
                    base.storeBytes(of: converted, toByteOffset: slot &* MemoryLayout<T>.stride, as: T.self)
                    continue
                }
                base.storeBytes(of: T.zero, toByteOffset: slot &* MemoryLayout<T>.stride, as: T.self)
                if validity.isValid(slot) {
                    try validity.reject(slot, value: Self.describe(Int64(truncatingIfNeeded: value), data.type), reason: reason(value))
                }
            }
        }
        let (bitmap, nullCount) = validity.finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: bitmap, buffers: [values])
    }

    // MARK: - To strings

    /// Dates as `2024-03-01`, times as `09:30:00.123`, timestamps as `2024-03-01 09:30:00`
    /// (with a fraction for units below seconds; for zone-aware ones the local time and its
    /// offset, `+0100`, or `Z` for the zone `UTC`), durations as their count.
    func formatTemporal(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        let values = data.buffers[0].baseAddress
        let offset = data.offset
        switch data.type {
        case .date32:
            return try formatSlots(data, to: target, bytesPerSlot: 10) { slot, out in
                TemporalWriter.writeDate(days: Int64(values.loadUnaligned(fromByteOffset: (offset + slot) * 4, as: Int32.self)), to: out)
            }
        case .date64:
            return try formatSlots(data, to: target, bytesPerSlot: 10) { slot, out in
                let milliseconds = values.loadUnaligned(fromByteOffset: (offset + slot) * 8, as: Int64.self)
                return TemporalWriter.writeDate(days: TemporalText.floorDivide(milliseconds, 86_400_000).quotient, to: out)
            }
        case .time32(let unit):
            return try formatSlots(data, to: target, bytesPerSlot: 12) { slot, out in
                TemporalWriter.writeTime(Int64(values.loadUnaligned(fromByteOffset: (offset + slot) * 4, as: Int32.self)), unit: unit, to: out)
            }
        case .time64(let unit):
            return try formatSlots(data, to: target, bytesPerSlot: 15) { slot, out in
                TemporalWriter.writeTime(values.loadUnaligned(fromByteOffset: (offset + slot) * 8, as: Int64.self), unit: unit, to: out)
            }
        case .timestamp(let unit, let zoneName):
            let zone = try zoneName.map { try TemporalWriter.Zone(validating: $0, offsetStyle: .basic) }
            return try formatSlots(data, to: target, bytesPerSlot: 26) { slot, out in
                TemporalWriter.writeTimestamp(values.loadUnaligned(fromByteOffset: (offset + slot) * 8, as: Int64.self), unit: unit, zone: zone, to: out)
            }
        case .duration:
            return try formatSlots(data, to: target, bytesPerSlot: 8) { slot, out in
                NumberText.write(values.loadUnaligned(fromByteOffset: (offset + slot) * 8, as: Int64.self), to: out)
            }
        default:
            throw unsupported(data.type, target)
        }
    }

    /// A stored temporal `value` of `type` written for a message: the date or time it is.
    static func describe(_ value: Int64, _ type: DataType) -> String {
        switch type {
        case .date32: TemporalText.date(days: value)
        case .date64: TemporalText.date(milliseconds: value)
        case .time32(let unit), .time64(let unit): TemporalText.time(value, unit: unit)
        case .timestamp(let unit, _): TemporalText.timestamp(value, unit: unit, timeZone: nil)
        case .duration(let unit): TemporalText.duration(value, unit: unit)
        default: String(value)
        }
    }

    // MARK: - From strings

    /// Strings to dates and timestamps: ISO 8601 as pyarrow reads it (`date32` and `date64`
    /// from `YYYY-MM-DD` only; a zone-aware timestamp needs an offset or `Z`, one without a
    /// zone must have none; no more fraction digits than the unit holds), or the formats of
    /// ``CastOptions/timestampFormats``, tried in order. With a format, a time without an
    /// offset is the wall time of the target's zone, and a date cast takes the date written.
    func parseTemporal(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        let formats = try options.timestampFormats.map(TimestampFormat.init)
        switch target {
        case .date32:
            return try parseSlots(data, to: target, DateParsing<Int32>(formats: formats, unitsPerDay: 1))
        case .date64:
            return try parseSlots(data, to: target, DateParsing<Int64>(formats: formats, unitsPerDay: 86_400_000))
        case .timestamp(let unit, let zone):
            let rule = try formats.isEmpty ? nil : zone.map(TimeZoneRule.shared)
            let reading = TimestampReading(unit: unit, zoned: zone != nil, strict: formats.isEmpty, rule: rule)
            return try parseSlots(data, to: target, TimestampParsing(formats: formats, reading: reading))
        default:
            throw unsupported(data.type, target)
        }
    }
}

extension TemporalParser {
    /// The fields of `text`: ISO 8601 when there are no `formats`, else the first format that
    /// reads it.
    @inline(__always)
    static func fields(_ text: UnsafeRawBufferPointer, dateOnly: Bool, formats: [TimestampFormat]) -> DateTimeFields? {
        if formats.isEmpty { return iso(text, dateOnly: dateOnly) }
        for format in formats {
            if let fields = format.parse(text) { return fields }
        }
        return nil
    }

    /// Why a text read with `formats` fails, when no format reads it.
    static func noMatch(_ formats: [TimestampFormat], expected: String) -> String {
        formats.isEmpty ? expected : "matches none of the formats " + formats.map { "'\($0.text)'" }.joined(separator: ", ")
    }
}

/// Dates: days since the epoch times `unitsPerDay`.
private struct DateParsing<Value: FixedWidthInteger & BitwiseCopyable>: TextParser {
    let formats: [TimestampFormat]
    let unitsPerDay: Int64

    func parse(_ text: UnsafeRawBufferPointer) -> Value? {
        guard let fields = TemporalParser.fields(text, dateOnly: true, formats: formats) else { return nil }
        return Value(exactly: fields.days * unitsPerDay)
    }

    func reason(_ text: UnsafeRawBufferPointer) -> String {
        TemporalParser.noMatch(formats, expected: "not a date (YYYY-MM-DD)")
    }
}

/// Timestamps of one type.
private struct TimestampParsing: TextParser {
    let formats: [TimestampFormat]
    let reading: TimestampReading

    func parse(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard let fields = TemporalParser.fields(text, dateOnly: false, formats: formats) else { return nil }
        return reading.value(fields)
    }

    func reason(_ text: UnsafeRawBufferPointer) -> String {
        guard let fields = TemporalParser.fields(text, dateOnly: false, formats: formats) else {
            let zone = reading.zoned ? "Z or +HH:MM" : ""
            return TemporalParser.noMatch(formats, expected: "not a timestamp (YYYY-MM-DD[THH[:MM[:SS[.fff]]]]\(zone))")
        }
        return reading.problem(fields)
    }
}

/// How the fields read from a string become a timestamp of one type.
struct TimestampReading {
    let unit: TimeUnit
    let zoned: Bool
    /// ISO 8601 as pyarrow reads it: an offset exactly when the type has a zone.
    let strict: Bool
    /// The target's zone, for wall times read by a format.
    let rule: TimeZoneRule?
    /// The unit's ticks per second and digits of a second, looked up once rather than per value.
    private let perSecond: Int64
    private let unitDigits: Int

    init(unit: TimeUnit, zoned: Bool, strict: Bool, rule: TimeZoneRule?) {
        self.unit = unit
        self.zoned = zoned
        self.strict = strict
        self.rule = rule
        perSecond = unit.perSecond
        unitDigits = TemporalWriter.fractionDigits(unit)
    }

    /// The timestamp, or `nil` when the fields do not make one of this type.
    @inline(__always)
    func value(_ fields: DateTimeFields) -> Int64? {
        guard problemKind(fields) == nil else { return nil }
        var seconds = fields.days &* 86_400 &+ fields.secondOfDay
        if let offset = fields.offset {
            seconds -= offset
        } else if let rule {
            guard let instant = rule.instant(atLocal: seconds) else { return nil }
            seconds = instant
        }
        // The fraction's digits, padded to the unit's (it has no more, as problemKind checked;
        // the unit has 0 to 9).
        let fraction = fields.fraction &* Int64(NumberText.powersOfTen[min(max(unitDigits &- fields.fractionDigits, 0), 9)])
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: perSecond)
        let (value, overflow2) = scaled.addingReportingOverflow(fraction)
        return overflow || overflow2 ? nil : value
    }

    private enum Problem { case precision, missingOffset, unexpectedOffset }

    @inline(__always)
    private func problemKind(_ fields: DateTimeFields) -> Problem? {
        if fields.fractionDigits > unitDigits { return .precision }
        guard strict else { return nil }
        if zoned && fields.offset == nil { return .missingOffset }
        if !zoned && fields.offset != nil { return .unexpectedOffset }
        return nil
    }

    /// Why fields that were read do not make a timestamp.
    func problem(_ fields: DateTimeFields) -> String {
        switch problemKind(fields) {
        case .precision: return "more digits of a second than timestamp[\(unit.abbreviation)] holds"
        case .missingOffset: return "no zone offset, which a zone-aware timestamp needs (Z or +HH:MM)"
        case .unexpectedOffset: return "a zone offset, which a timestamp without a time zone cannot hold"
        case nil: return rule != nil && fields.offset == nil ? "a wall time that the time zone skips, or out of range" : "out of range"
        }
    }
}
