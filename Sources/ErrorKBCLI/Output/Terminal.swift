import Foundation

/// What the terminal can show: colour only when standard output is a terminal and `NO_COLOR`
/// is unset, and the width to wrap at.
struct Terminal {
    var colour: Bool
    var width: Int

    static var current: Terminal {
        let isTTY = isatty(STDOUT_FILENO) == 1
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"] != nil
        var size = winsize()
        let width = isTTY && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
        return Terminal(colour: isTTY && !noColour, width: min(width, 120))
    }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    func accent(_ text: String) -> String { colour ? "\u{1B}[36m\(text)\u{1B}[0m" : text }
    func highlight(_ text: String) -> String { colour ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }

    /// Wraps `text` at word boundaries to the terminal's width, each line indented.
    func wrap(_ text: String, indent: Int) -> String {
        let limit = max(width - indent, 20)
        let padding = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
            var lines: [String] = []
            var current = ""
            for word in paragraph.split(separator: " ") {
                if !current.isEmpty, current.count + 1 + word.count > limit {
                    lines.append(current)
                    current = String(word)
                } else {
                    current += current.isEmpty ? String(word) : " " + word
                }
            }
            lines.append(current)
            return lines.map { padding + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
