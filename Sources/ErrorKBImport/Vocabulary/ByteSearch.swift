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
            // A native string's bytes are contiguous: searched as a buffer, not through an index type.
            if let found = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
                guard bytes.count >= needle.count else { return false }
                var start = 0
                let last = bytes.count - needle.count
                while start <= last {
                    if bytes[start] == first {
                        var offset = 1
                        while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }) {
                return found
            }
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

extension StringProtocol {
    /// True when `needle` (ASCII, lower case) occurs in the text, ASCII letters compared without
    /// case: a cheap first question before a costlier reading of the text.
    func containsBytesIgnoringCase(_ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first else { return true }
            var text = String(self)
            return text.withUTF8 { bytes in
                guard bytes.count >= needle.count else { return false }
                func folded(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
                var start = 0
                while start + needle.count <= bytes.count {
                    if folded(bytes[start]) == first {
                        var matched = true
                        for offset in 1..<needle.count where folded(bytes[start + offset]) != needle[offset] {
                            matched = false
                            break
                        }
                        if matched { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}

extension Substring {
    /// Where `needle` (ASCII) first occurs, compared byte for byte in UTF-8.
    ///
    /// Why not `range(of:)`: Foundation's bridges the whole substring to `NSString` on each call,
    /// so a line searched once per tag it holds costs the square of its length (a 5 MB line of
    /// Liquid tags took minutes).
    func rangeOfBytes(_ needle: StaticString) -> Range<Index>? {
        needle.withUTF8Buffer { needle -> Range<Index>? in
            guard let first = needle.first else { return startIndex..<startIndex }
            let bytes = utf8
            var start = bytes.startIndex
            while let found = bytes[start...].firstIndex(of: first) {
                // An ASCII byte is never inside a character's encoding, so both ends are
                // character boundaries.
                if bytes[found...].starts(with: needle) {
                    return found..<bytes.index(found, offsetBy: needle.count)
                }
                start = bytes.index(after: found)
            }
            return nil
        }
    }
}
