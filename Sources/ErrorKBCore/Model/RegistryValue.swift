/// What the first cell of an HTTP status registry row registers: one status, or a range of them
/// (`105-199`, `427`), which IANA lists for the values still unassigned.
public struct HTTPStatusRange: Sendable, Hashable {
    public var lower: Int
    public var upper: Int

    /// `404` or `105-199`: three-digit statuses in 100-599, the lower first. `nil` otherwise.
    public init?(_ cell: String) {
        let parts = cell.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let bounds = parts.compactMap { part -> Int? in
            guard part.utf8.count == 3, part.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(part),
                (100...599).contains(value)
            else { return nil }
            return value
        }
        guard bounds.count == parts.count, let first = bounds.first, let last = bounds.last, first < last || parts.count == 1
        else { return nil }
        lower = first
        upper = last
    }

    public func contains(_ status: Int) -> Bool { (lower...upper).contains(status) }
    public func overlaps(_ other: HTTPStatusRange) -> Bool { lower <= other.upper && other.lower <= upper }
}

/// An OAuth registry name as IANA writes it: `invalid_grant`, or with a note,
/// `need_info (and its subsidiary parameters)`. The error code is the first word.
public enum OAuthRegistryName {
    public static func code(of cell: String) -> String? {
        let word = cell.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return ErrorCode.isValid(word) ? word : nil
    }
}
