import ErrorKBCore

/// Codes written as phrases of lower-case words (`element click intercepted`, `no such
/// element`, as WebDriver names its errors). A phrase is words like any sentence's, so one is a
/// code only judged over its siblings: most items of a list, terms of a definition list or
/// headings of a group, in a section about codes, open with one and nothing else before a
/// separator.
enum PhraseCodes {
    /// The phrase a line opens with — plain, in a code span or in bold — standing alone or
    /// before a separator, and what follows it. `amongPhrases`: its siblings are phrase codes,
    /// so a single lower-case word is one too (`timeout` among `no such element`).
    static func leading(_ line: String, amongPhrases: Bool = false) -> CodeMention? {
        let text = line.trimmingWhitespace()
        var phrase: String
        var after: String
        var spanned = false
        if let marked = marked(text) {
            (phrase, after) = marked
            spanned = text.hasPrefix("`")
        } else {
            let plain = InlineText.flat(text)
            let cut = separators.compactMap { plain.firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            phrase = cut.map { String(plain[..<$0.lowerBound]) } ?? plain
            after = cut.map { String(plain[$0.lowerBound...]) } ?? ""
        }
        phrase = phrase.trimmingWhitespace()
        after = after.trimmingWhitespace()
        let word = amongPhrases && phrase.count >= 3 && phrase.allSatisfy { $0.isASCII && $0.isLowercase }
        guard ColumnEvidence.isPhrase(phrase) || word, ErrorCode.isValid(phrase), after.first.map({ ":—–-".contains($0) }) ?? true else { return nil }
        let rest = CodeMention.dropSeparators(after)
        var mention = CodeMention(codes: [phrase], rest: spanned ? "" : rest, inSpan: spanned, afterSpan: spanned ? after : "", distinct: false)
        mention.separated = !after.isEmpty
        return mention
    }

    /// Enough of these lines open with a phrase for each to be a code: four in five, three at
    /// least.
    static func areCodes(_ lines: [String]) -> Bool {
        guard lines.count >= 3 else { return false }
        let phrases = lines.filter { leading($0) != nil }.count
        return phrases >= 3 && phrases * 10 >= lines.count * 8
    }

    /// The headings that, with their siblings (the headings of their level between two
    /// shallower ones), are phrases enough to be codes.
    static func headings(among blocks: [Block]) -> Set<Int> {
        var result = Set<Int>()
        var groups: [Int: [(index: Int, text: String)]] = [:]
        func close(_ level: Int) {
            if let group = groups.removeValue(forKey: level), areCodes(group.map(\.text)) { result.formUnion(group.map(\.index)) }
        }
        for index in blocks.indices {
            guard case .heading(let heading) = blocks[index] else { continue }
            for level in Array(groups.keys) where level > heading.level { close(level) }
            groups[heading.level, default: []].append((index, heading.text))
        }
        for level in Array(groups.keys) { close(level) }
        return result
    }

    private static let separators = [" — ", " – ", " - ", ": "]

    /// `` `element click intercepted` — ... ``, `**no such element**: ...`: the marked phrase and
    /// what follows its mark.
    private static func marked(_ text: String) -> (String, String)? {
        for mark in ["`", "**"] where text.hasPrefix(mark) {
            let inner = text.dropFirst(mark.count)
            guard let close = inner.firstRange(of: mark) else { return nil }
            return (String(inner[..<close.lowerBound]), String(inner[close.upperBound...]))
        }
        return nil
    }
}
