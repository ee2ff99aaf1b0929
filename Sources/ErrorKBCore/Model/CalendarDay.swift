import Foundation

/// A day as registries write it, `yyyy-mm-dd` in UTC: such days sort as text.
public enum CalendarDay {
    public static func today() -> String {
        Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().format(Date())
    }

    /// True for a real day in exactly the form `2026-11-13`.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return false }
        return (try? Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().parse(text)) != nil
    }
}
