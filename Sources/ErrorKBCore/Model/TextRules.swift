extension String {
    /// True when nothing in the text would show: it is empty, or every character is white
    /// space (Unicode's White_Space), a control, or a character Unicode says to draw as nothing
    /// (Default_Ignorable_Code_Point: U+200B zero width space, U+2060 word joiner, U+FEFF,
    /// U+00AD soft hyphen, variation selectors, U+3164 Hangul filler). Trimming white space
    /// alone let a cause of only U+200B in; every field that must not be empty asks this.
    public var isBlankText: Bool {
        unicodeScalars.allSatisfy { scalar in
            let properties = scalar.properties
            return properties.isWhitespace || properties.isDefaultIgnorableCodePoint || properties.generalCategory == .control
        }
    }

    /// The text as a message quotes it, between single quotes: whole when short, else its first
    /// characters and how long it is. A refusal that quoted a 4,000,000-digit cell whole was
    /// itself 4 MB; every value a message repeats from its input goes through here.
    public func quotedForMessage(limit: Int = 60) -> String {
        var count = 0
        var end = startIndex
        while end < endIndex, count < limit {
            formIndex(after: &end)
            count += 1
        }
        guard end < endIndex else { return "'\(self)'" }
        return "'\(self[..<end])…' (\(self.count) characters)"
    }
}
