extension StringProtocol {
    /// True when `needle` occurs in the text, compared byte for byte in UTF-8.
    ///
    /// Why not `contains(_:)`: with Foundation in the module that call resolves to
    /// `range(of:)`, which bridges to `NSString` and searches UTF-16 (`CFStringFind…` and
    /// `getCharacters` were 6% of a 40,000-row import, for the table reader's `contains("|")`).
    /// UTF-8 byte equality is the same test for the ASCII marks the readers look for.
    func containsBytes(_ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first else { return true }
            let bytes = utf8
            var start = bytes.startIndex
            while let found = bytes[start...].firstIndex(of: first) {
                if bytes[found...].starts(with: needle) { return true }
                start = bytes.index(after: found)
            }
            return false
        }
    }
}
