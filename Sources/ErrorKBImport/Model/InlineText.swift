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
        plain(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text's lines, each trimmed, blank ones dropped.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
