/// Inline text is plain text with two marks kept from the markup, because they say something
/// about a code: `` `code` `` spans and `**strong**` runs (labels such as **Fix:**). This turns
/// it into what a person reads.
enum InlineText {
    /// The text without its marks, white space collapsed, line breaks kept.
    static func plain(_ text: String) -> String {
        guard text.containsBytes("`") || text.containsBytes("**") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "`" {
                index = text.index(after: index)
                continue
            }
            if character == "*", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "*" {
                index = text.index(index, offsetBy: 2)
                continue
            }
            result.append(character)
            index = text.index(after: index)
        }
        return result
    }

    /// One line: breaks become spaces and runs of white space one space.
    static func flat(_ text: String) -> String {
        EntryBuilder.collapse(plain(text))
    }

    /// The text's lines, each trimmed, blank ones dropped.
    static func lines(_ text: String) -> [String] {
        // Most text is one line: no split, no array of pieces.
        guard text.containsBytes("\n") else {
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? [] : [trimmed]
        }
        return text.split(separator: "\n").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
