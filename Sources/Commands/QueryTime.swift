import ArgumentParser
import Foundation

/// The TIME of `--since`, `--until` and `--at`: `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time
/// (`2026-12-03T10:00:00Z`, `2026-12-03T11:00:00.250+01:00`), in UTC unless an offset is given.
/// One parser for every command that takes a time.
enum QueryTime {
    /// The moment `text` names; a usage error naming `flag` when it names none.
    static func parse(_ text: String, flag: String) throws(ValidationError) -> Date {
        guard let date = moment(text) else {
            throw ValidationError("""
                \(flag): '\(text)' is not a time: use YYYY-MM-DD (midnight UTC) or RFC 3339, \
                e.g. 2026-12-03T10:00:00Z or 2026-12-03T11:00:00+01:00 (UTC unless an offset is given)
                """)
        }
        return date
    }

    /// Parses `text`, or `nil`; the form for options that may be absent.
    static func parse(optional text: String?, flag: String) throws(ValidationError) -> Date? {
        guard let text else { return nil }
        return try parse(text, flag: flag)
    }

    /// The moment, read field by field: `YYYY-MM-DD`, then optionally `T` (or `t`, or a space)
    /// `HH:MM:SS`, an optional fraction, and `Z`, `z` or `±HH:MM`.
    static func moment(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), skip(45), let month = digits(2), skip(45), let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0, millis = 0, finer = false, offset = 0
        if index < bytes.count {
            guard [84, 116, 32].contains(bytes[index]) else { return nil }   // T, t, space
            index += 1
            guard let h = digits(2), skip(58), let m = digits(2), skip(58), let s = digits(2) else { return nil }
            (hour, minute, second) = (h, m, s)
            if skip(46) {   // .fraction: whole milliseconds, and whether any finer digit is set
                var place = 0
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    let digit = Int(bytes[index] - 48)
                    if place < 3 { millis += digit * [100, 10, 1][place] } else if digit > 0 { finer = true }
                    place += 1
                    index += 1
                }
                guard place > 0 else { return nil }
            }
            if skip(90) || skip(122) {   // Z, z
            } else if index < bytes.count, bytes[index] == 43 || bytes[index] == 45 {   // +, -
                let sign = bytes[index] == 43 ? 1 : -1
                index += 1
                guard let h = digits(2), skip(58), let m = digits(2), h < 24, m < 60 else { return nil }
                offset = sign * (h * 3600 + m * 60)
            }
            guard index == bytes.count else { return nil }
        }
        guard (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        let read = calendar.dateComponents([.year, .month, .day], from: date)
        guard read.year == year, read.month == month, read.day == day else { return nil }   // 2026-02-30 and the like
        // The ledger records times to the millisecond: a finer fraction rounds up, so that a bound
        // between two milliseconds keeps the same revisions it would with every digit compared.
        let whole = (Int(date.timeIntervalSince1970) - offset) * 1000 + millis + (finer ? 1 : 0)
        return Date(timeIntervalSince1970: Double(whole) / 1000)
    }
}
