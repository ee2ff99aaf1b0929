import Testing

@testable import ErrorKBImport

/// Lines, table cells and sentences are split for speed (in UTF-8 bytes, or by string index).
/// These tests hold each to what the plain Character-based splitting it replaced gave, on
/// awkward and on random text.
@Suite("Import: splitting text into lines, cells, sentences and codes")
struct TextSplittingTests {
    /// The line splitting SourceText did before, by Character.
    private static func referenceLines(_ text: String) -> [String] {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { String($0).replacingOccurrences(of: "\u{00A0}", with: " ") }
    }

    /// The cell splitting PipeTableLines did before, by Character.
    private static func referenceCells(_ line: String) -> [String] {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("|") { text.removeFirst() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.trimmingWhitespace().isEmpty || !text.hasSuffix("|") { cells.append(current.trimmingWhitespace()) }
        return cells
    }

    private static func lines(_ text: String) throws -> [String] {
        try SourceText(bytes: Array(text.utf8), fileName: "t.md").lines.map(\.text)
    }

    @Test("\\n, \\r\\n and \\r each end one line; a byte order mark goes; no-break spaces become spaces")
    func lineBreaks() throws {
        #expect(try Self.lines("a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(try Self.lines("a\n\n\r\n\r\rb\n") == ["a", "", "", "", "", "b", ""])
        #expect(try Self.lines("\u{FEFF}# Title\r\n") == ["# Title", ""])
        #expect(try Self.lines("x\u{00A0}y, à, \u{00A0}") == ["x y, à,  "])
        #expect(try Self.lines("e\u{301}\n\u{301}x") == ["e\u{301}", "\u{301}x"])
        #expect(try SourceText(bytes: Array("one\r\ntwo".utf8), fileName: "t.md").lines.map(\.number) == [1, 2])
    }

    @Test("random text splits into the same lines as by Character")
    func linesMatchCharacterSplitting() throws {
        let pieces = ["a", "Z", " ", "\t", "\n", "\r", "\r\n", "\u{00A0}", "à", "\u{301}", "錯", "😀", "|", "\u{FEFF}"]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let text = "x" + (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(try Self.lines(text) == Self.referenceLines(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("cells: outer pipes, escaped pipes, empty cells and non-ASCII text")
    func cells() {
        #expect(PipeTableLines.splitCells("| 404 | Not found |") == ["404", "Not found"])
        #expect(PipeTableLines.splitCells("404 | a \\| b | ") == ["404", "a | b"])
        #expect(PipeTableLines.splitCells("| | x ||") == ["", "x", ""])
        #expect(PipeTableLines.splitCells("|") == [""])
        #expect(PipeTableLines.splitCells("| 錯誤 | café \\\\ naïve |") == ["錯誤", "café \\ naïve"])
        #expect(PipeTableLines.splitCells("a \\") == ["a"])
    }

    @Test("random rows split into the same cells as by Character")
    func cellsMatchCharacterSplitting() {
        let pieces = ["a", "Z", " ", "\t", "|", "\\", "é", "錯", "😀", "\u{00A0}", "||", "\\|"]
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let line = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(PipeTableLines.splitCells(line) == Self.referenceCells(line), "\(line)")
        }
    }

    /// The sentence splitting before it cut sentences out by index and skipped long words in the
    /// abbreviation check. It repeats SentenceSplitter's rules on purpose: an oracle that called
    /// into SentenceSplitter could not catch either shortcut going wrong.
    private static func referenceSentences(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = []
        func appendTrimmed(_ slice: ArraySlice<Character>) {
            let sentence = String(slice).trimmingWhitespace()
            if !sentence.isEmpty { sentences.append(sentence) }
        }
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "." || character == "!" || character == "?" {
                var end = index + 1
                while end < characters.count, ")]\"'’”".contains(characters[end]) { end += 1 }
                var next = end
                while next < characters.count, characters[next].isWhitespace { next += 1 }
                let startsSentence = next == characters.count || characters[next].isUppercase
                    || characters[next].isNumber || "(\"'“‘[".contains(characters[next])
                let atBoundary = end == characters.count || (characters[end].isWhitespace && startsSentence)
                var wordStart = index
                while wordStart > 0, characters[wordStart - 1].isLetter || characters[wordStart - 1] == "." { wordStart -= 1 }
                let word = String(characters[wordStart..<index]).lowercased()
                let abbreviation = !word.isEmpty
                    && (SentenceSplitter.abbreviations.contains(word) || (word.count == 1 && characters[index - 1].isUppercase))
                if atBoundary && !(character == "." && abbreviation) {
                    appendTrimmed(characters[start..<end])
                    start = end
                    index = end
                    continue
                }
            }
            index += 1
        }
        appendTrimmed(characters[start...])
        return sentences
    }

    @Test("sentences end at . ! ? before a capital, not after abbreviations, initials or decimals")
    func sentences() {
        #expect(SentenceSplitter.split("Retry later. Then call us!") == ["Retry later.", "Then call us!"])
        #expect(SentenceSplitter.split("Use a proxy, e.g. Squid. Or not.") == ["Use a proxy, e.g. Squid.", "Or not."])
        #expect(SentenceSplitter.split("Ask J. Smith. Version 1.5 fixed it.") == ["Ask J. Smith.", "Version 1.5 fixed it."])
        #expect(SentenceSplitter.split("(It failed.) “Again?” Yes.") == ["(It failed.)", "“Again?”", "Yes."])
        #expect(SentenceSplitter.split("  ") == [])
        #expect(SentenceSplitter.split("Café\u{301}. Ünïcode ok") == ["Café\u{301}.", "Ünïcode ok"])
    }

    @Test("random ASCII text (split byte by byte) gives the same sentences as when they were rebuilt by Character")
    func asciiSentencesMatchCharacterSplitting() {
        let pieces = ["a", "Z", "e.g", "etc", "J", "No", " ", "  ", ".", "!", "?", ")", "]", "\"", "'", "(", "[", "1", "\n", "\r\n", "\t"]
        var generator = SplitMix64(seed: 14)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(SentenceSplitter.split(text) == Self.referenceSentences(text), "\(text)")
        }
    }

    @Test("random text splits into the same sentences as when they were rebuilt by Character")
    func sentencesMatchCharacterSplitting() {
        let pieces = ["a", "Z", "e.g", "J", " ", "  ", ".", "!", "?", ")", "”", "“", "(", "1", "é", "\u{301}", "錯", "😀", "\n"]
        var generator = SplitMix64(seed: 13)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(SentenceSplitter.split(text) == Self.referenceSentences(text), "\(text)")
        }
    }

    @Test("a leading code is found past markup and an HTTP prefix; ranges and plain words are not codes")
    func leadingCodes() throws {
        #expect(try #require(CodeToken.leading("404 Not Found")) == ("404", "Not Found"))
        #expect(try #require(CodeToken.leading("**invalid_grant** – The grant expired")) == ("invalid_grant", "The grant expired"))
        #expect(try #require(CodeToken.leading("`RATE_LIMITED`: slow down")) == ("RATE_LIMITED", "slow down"))
        #expect(try #require(CodeToken.leading("HTTP 503 = busy")) == ("503", "busy"))
        #expect(CodeToken.leading("100-199 informational") == nil)
        #expect(CodeToken.leading("4xx client errors") == nil)
        #expect(CodeToken.leading("1.1 overview") == nil)
        #expect(CodeToken.leading("Overview of errors") == nil)
        #expect(CodeToken.whole("invalid_request") == "invalid_request")
        #expect(CodeToken.whole("invalid_request is bad") == nil)
    }

    @Test("paragraphs: blank lines kept as breaks, white space collapsed, as the plain split gave")
    func paragraphs() {
        #expect(EntryBuilder.paragraphs("One  line.\n\n\nTwo\tlines\nhere. ") == "One line.\n\nTwo lines here.")
        #expect(EntryBuilder.paragraphs("a\r\n\nb") == "a b")
        #expect(EntryBuilder.paragraphs(" \n\n ") == "")
        let pieces = ["a", "Z", " ", "\t", "\n", "\n\n", "\r\n", "\r", "\u{00A0}", "é", "😀"]
        var generator = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let reference = text.split(separator: "\n\n").map { EntryBuilder.collapse(String($0)) }.filter { !$0.isEmpty }
                .joined(separator: "\n\n")
            #expect(EntryBuilder.paragraphs(text) == reference, "\(Array(text.unicodeScalars))")
        }
    }
}
