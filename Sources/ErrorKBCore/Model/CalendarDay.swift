import Foundation

/// A day as registries write it, `yyyy-mm-dd` in UTC: such days sort as text.
public enum CalendarDay {
    public static func today() -> String {
        Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().format(Date())
    }

    /// True for a real day in exactly the form `2026-11-13`. Counted here, not parsed: Foundation's
    /// ISO 8601 parser rolls `2026-02-30` over into March and took it.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
        return isDay(year: year, month: month, day: day)
    }

    /// Whether the Gregorian calendar has this day (years 1 to 9999).
    public static func isDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
