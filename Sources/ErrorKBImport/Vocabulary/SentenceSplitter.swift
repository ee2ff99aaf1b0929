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
