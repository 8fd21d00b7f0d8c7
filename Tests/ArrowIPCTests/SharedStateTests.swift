import Foundation
import Testing
@testable import ArrowIPC

/// State the whole process shares, used from many threads at once: each thread sees what one
/// thread alone would. Run under ThreadSanitizer by `scripts/sanitize thread`.
@Suite struct SharedStateTests {
    /// Every offset of whole quarter hours from -12:00 to +14:00, as Arrow spells it, with its
    /// seconds east of UTC.
    private static let offsets: [(name: String, seconds: Int64)] = (-48...56).map { quarter in
        let minutes = abs(quarter) * 15
        let name = (quarter < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
        return (name, Int64(quarter * 15 * 60))
    }

    @Test func timeZoneRulesMadeOnManyThreadsAtOnceAreEachZonesRule() throws {
        let names = Self.offsets + [("UTC", 0), ("Asia/Kolkata", 19_800), ("Asia/Kathmandu", 20_700)]
        let wrong = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for step in 0..<names.count * 4 {
                let (name, seconds) = names[(step * 7 + thread * 13) % names.count]
                let offset = (try? TimeZoneRule.shared(name))?.offset(atUTC: 1_700_000_000)
                if offset != seconds { wrong.withLock { $0.append(name) } }
            }
        }
        #expect(wrong.withLock { $0 } == [])
    }
}
