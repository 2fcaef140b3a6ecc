import Foundation

/// The time zone a report shows times in: UTC unless `--timezone` names another. Every time is
/// written with its offset (`2026-12-03 14:05:09 +00:00`), so no reader has to guess.
public struct ReportZone: Sendable, Hashable {
    public let zone: TimeZone
    /// The zone's name as given (`UTC`, `Europe/Berlin`).
    public let name: String

    /// UTC.
    public static let utc = ReportZone(zone: TimeZone(secondsFromGMT: 0)!, name: "UTC")

    /// A zone from its IANA name (`Europe/Berlin`); nil when the name is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone: zone, name: identifier)
    }

    init(zone: TimeZone, name: String) {
        self.zone = zone
        self.name = name
    }

    /// `2026-12-03 14:05:09 +00:00`.
    public func format(_ date: Date) -> String {
        let offset = zone.secondsFromGMT(for: date)
        var seconds = time_t(floor(date.timeIntervalSince1970)) + time_t(offset)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(Int(parts.tm_year) + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(sign)\(two(Int32(minutes / 60))):\(two(Int32(minutes % 60)))"
    }
}
