import Foundation
import Ledger
import Testing
import TestSupport

@Suite struct TimestampTests {
    @Test(arguments: [
        (1_793_614_443.12, "2026-11-02T10:14:03.120Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (1_709_251_199.999, "2024-02-29T23:59:59.999Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (-2_208_988_799.999, "1900-01-01T00:00:00.001Z"),
        (1_700_000_000.0004, "2023-11-14T22:13:20.000Z"),
        (1_700_000_000.9996, "2023-11-14T22:13:21.000Z"),
    ])
    func formatsRFC3339UTCWithMilliseconds(seconds: TimeInterval, text: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func formatAndParseRoundTripForManyDates() throws {
        var generator = SplitMix(seed: 42)
        var seconds: [TimeInterval] = [0, 0.001, -0.001, 951_782_400, 4_102_444_799.999, -1_000_000.25]
        for _ in 0..<500 {
            seconds.append(Double(generator.next() % 4_000_000_000_000) / 1000 - 300_000_000)
        }
        for value in seconds {
            let text = Timestamp.format(Date(timeIntervalSince1970: value))
            let parsed = try #require(Timestamp.parse(text), "\(text) did not parse")
            #expect(Timestamp.format(parsed) == text)
            #expect(parsed == Timestamp.truncated(Date(timeIntervalSince1970: value)))
        }
    }

    @Test func parsesSecondsWithoutAFraction() throws {
        let date = try #require(Timestamp.parse("2026-11-02T10:14:03Z"))
        #expect(Timestamp.format(date) == "2026-11-02T10:14:03.000Z")
    }

    @Test(arguments: ["", "yesterday", "2026-13-02T10:14:03Z", "2026-11-02 10:14:03"])
    func rejectsTextThatIsNotATimestamp(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func metadataKeepsMillisecondsOnly() {
        let metadata = LedgerSamples.metadata(at: 1_793_614_443.123456)
        #expect(metadata.createdAt == Date(timeIntervalSince1970: 1_793_614_443.123))
    }
}

