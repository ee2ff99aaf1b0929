import ErrorKBCore

/// Splits text into sentences, for causes and fixes that hold one sentence per item.
/// Abbreviations (`e.g.`, `i.e.`, `etc.`, ...) and decimals do not end a sentence.
enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "eg", "ie", "etc", "vs", "cf", "approx", "incl", "esp", "viz", "al", "mr", "mrs", "ms", "dr",
        "no", "nos", "fig", "inc", "ltd", "co", "corp", "jr", "sr", "st", "resp", "ca",
    ]
    private static let longestAbbreviation = abbreviations.map(\.count).max() ?? 0

    static func split(_ text: String) -> [String] {
        if let sentences = splitASCII(text) { return sentences }
        // Each Character with where it starts in `text`, so that a sentence is cut out as a
        // substring instead of being built again Character by Character (a third faster).
        var characters: [Character] = []
        var starts: [String.Index] = []
        var position = text.startIndex
        while position < text.endIndex {
            starts.append(position)
            characters.append(text[position])
            position = text.index(after: position)
        }
        starts.append(text.endIndex)
        var sentences: [String] = []
        func appendTrimmed(_ range: Range<Int>) {
            let sentence = String(text[starts[range.lowerBound]..<starts[range.upperBound]]).trimmingWhitespace()
            if !sentence.isEmpty { sentences.append(sentence) }
        }
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "." || character == "!" || character == "?" {
                var end = index + 1
                while end < characters.count, ")]\"'’”".contains(characters[end]) { end += 1 }
                let atBoundary = end == characters.count
                    || (characters[end].isWhitespace && startsSentence(characters, after: end))
                if atBoundary && !(character == "." && isAbbreviation(characters, period: index)) {
                    appendTrimmed(start..<end)
                    start = end
                    index = end
                    continue
                }
            }
            index += 1
        }
        appendTrimmed(start..<characters.count)
        return sentences
    }

    /// The same rules on the bytes of ASCII text (most causes and fixes), where a byte is a
    /// Character and no grapheme breaking is needed: a third of a 40,000-row table's parse went to
    /// building `[Character]`. `nil` for any other text.
    private static func splitASCII(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
            func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || (0x61...0x7A).contains(byte) }
            func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
            let closers: [UInt8] = Array(")]\"'".utf8)
            let openers: [UInt8] = Array("(\"'[".utf8)
            var sentences: [String] = []
            func append(_ range: Range<Int>) {
                let sentence = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).trimmingWhitespace()
                if !sentence.isEmpty { sentences.append(sentence) }
            }
            func startsSentence(after index: Int) -> Bool {
                var next = index
                while next < bytes.count, isSpace(bytes[next]) { next += 1 }
                guard next < bytes.count else { return true }
                let byte = bytes[next]
                return isUpper(byte) || isDigit(byte) || openers.contains(byte)
            }
            func isAbbreviation(period: Int) -> Bool {
                var start = period
                while start > 0, isLetter(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".") { start -= 1 }
                guard period - start <= longestAbbreviation, period > start else { return false }
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<period]), as: UTF8.self).lowercased()
                return abbreviations.contains(word) || (period - start == 1 && isUpper(bytes[period - 1]))
            }
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                    var end = index + 1
                    while end < bytes.count, closers.contains(bytes[end]) { end += 1 }
                    let atBoundary = end == bytes.count || (isSpace(bytes[end]) && startsSentence(after: end))
                    if atBoundary && !(byte == UInt8(ascii: ".") && isAbbreviation(period: index)) {
                        append(start..<end)
                        start = end
                        index = end
                        continue
                    }
                }
                index += 1
            }
            append(start..<bytes.count)
            return sentences
        }
    }

    /// A sentence starts with a capital, a digit, a quote or an opening bracket.
    private static func startsSentence(_ characters: [Character], after index: Int) -> Bool {
        var next = index
        while next < characters.count, characters[next].isWhitespace { next += 1 }
        guard next < characters.count else { return true }
        let character = characters[next]
        return character.isUppercase || character.isNumber || "(\"'“‘[".contains(character)
    }

    private static func isAbbreviation(_ characters: [Character], period: Int) -> Bool {
        var start = period
        while start > 0, characters[start - 1].isLetter || characters[start - 1] == "." { start -= 1 }
        // A longer word is no abbreviation; not building it saves most of this function's time.
        guard period - start <= longestAbbreviation else { return false }
        let word = String(characters[start..<period]).lowercased()
        guard !word.isEmpty else { return false }
        // A single letter ("A. Smith") is an initial, not an end.
        return abbreviations.contains(word) || (word.count == 1 && characters[period - 1].isUppercase)
    }
}
