import Foundation

/// The offset from UTC of a timestamp type's time zone, at any instant: what casts of
/// zone-aware timestamps to dates, times of day and strings need to find local time.
///
/// A zone is written as Arrow writes it: `UTC`, a fixed offset `+05:30`, `-0300`, or an IANA
/// name such as `Europe/Paris`, whose rules come from the system's time zone data (through
/// Foundation's `TimeZone`).
enum TimeZoneRule {
    /// A fixed offset in seconds east of UTC (`UTC` is 0).
    case fixed(Int)
    /// A zone whose offset changes with the date.
    case named(TimeZone)

    /// The rule of the zone spelled `name`; throws ``ArrowError/invalidArgument(_:)`` for a
    /// name that is neither an offset nor a zone the system knows.
    init(_ name: String) throws {
        if name == "UTC" {
            self = .fixed(0)
        } else if let offset = Self.fixedOffset(name) {
            self = .fixed(offset)
        } else if !name.hasPrefix("+"), !name.hasPrefix("-"), let zone = TimeZone(identifier: name) {
            self = .named(zone)
        } else {
            throw ArrowError.invalidArgument("'\(name)' is not a time zone: write UTC, an offset such as +05:30, or a name such as Europe/Paris")
        }
    }

    /// The rule of the zone spelled `name`, made once per name for the whole process (making
    /// an IANA zone reads the system's zone data); throws as ``init(_:)`` does.
    static func shared(_ name: String) throws -> TimeZoneRule {
        let known = made.withLock { $0[name] }
        let rule: TimeZoneRule?
        if let known {
            rule = known
        } else {
            rule = try? TimeZoneRule(name)
            made.withLock { rules in
                // Names come from schemas, which may be hostile: keep a bounded number.
                if rules.count < 1024 { rules[name] = .some(rule) }
            }
        }
        guard let rule else { return try TimeZoneRule(name) }
        return rule
    }

    /// The rules ``shared(_:)`` made, by name; `nil` for a name that is not a zone.
    private static let made = Locked<[String: TimeZoneRule?]>([:])

    /// Seconds east of UTC at the instant `seconds` after the epoch (UTC).
    @inline(__always)
    func offset(atUTC seconds: Int64) -> Int64 {
        switch self {
        case .fixed(let offset): return Int64(offset)
        case .named(let zone): return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
    }

    /// The instant, in seconds after the epoch, at which clocks in this zone show the wall
    /// time `local` (seconds after 1970-01-01 00:00 of the wall clock); `nil` for a wall time
    /// the zone skips (when clocks go forward). A wall time the zone repeats (when clocks go
    /// back) is read as the first of the two instants.
    func instant(atLocal local: Int64) -> Int64? {
        switch self {
        case .fixed(let offset):
            return local - Int64(offset)
        case .named:
            // The offset a day either side bounds the offsets that can apply.
            let before = offset(atUTC: local - 86_400)
            let after = offset(atUTC: local + 86_400)
            for candidate in before >= after ? [before, after] : [after, before] where offset(atUTC: local - candidate) == candidate {
                return local - candidate
            }
            return nil
        }
    }

    /// The seconds of `+HH:MM`, `-HH:MM`, `+HHMM` or `-HHMM`, hours below 24 and minutes
    /// below 60; `nil` for anything else.
    static func fixedOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6 || bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return nil }
        let digits = bytes.count == 6 ? [bytes[1], bytes[2], bytes[4], bytes[5]] : Array(bytes[1...4])
        guard bytes.count == 5 || bytes[3] == UInt8(ascii: ":"), digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let hours = values[0] * 10 + values[1]
        let minutes = values[2] * 10 + values[3]
        guard hours < 24, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }
}
