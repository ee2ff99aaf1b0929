import ErrorKBCore
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

    /// Stands for ESC in our own colour codes until the text reaches the terminal, where every
    /// real control character (an imported `evil\e[2J.md`) is shown escaped first: a private-use
    /// character no text of ours holds (``escapingControls(_:)``).
    static let escapeMark: Character = "\u{E01B}"
    private var escape: String { String(Self.escapeMark) }

    func bold(_ text: String) -> String { colour ? "\(escape)[1m\(text)\(escape)[0m" : text }
    func dim(_ text: String) -> String { colour ? "\(escape)[2m\(text)\(escape)[0m" : text }
    func accent(_ text: String) -> String { colour ? "\(escape)[36m\(text)\(escape)[0m" : text }
    func highlight(_ text: String) -> String { colour ? "\(escape)[1;33m\(text)\(escape)[0m" : text }

    /// How search matches are shown: in colour, else between brackets.
    var searchHighlight: Highlight {
        colour ? Highlight(open: "\(escape)[1;33m", close: "\(escape)[0m") : .brackets
    }

    /// Text for a terminal: C0 and C1 control characters but newline and tab shown as `^[` or
    /// `<U+009B>`, so no name or text can move the cursor, clear the screen or retitle the
    /// window; then our own colour marks become ESC.
    ///
    /// A mark is turned into ESC only where it starts a colour code (`[1;33m`), so a mark in
    /// imported text can at most change a colour, never the screen.
    static func escapingControls(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x0A, 0x09: result.append(scalar)
            case 0x00...0x1F: result.append(contentsOf: "^\(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))".unicodeScalars)
            case 0x7F: result.append(contentsOf: "^?".unicodeScalars)
            case 0x80...0x9F: result.append(contentsOf: "<U+\(String(format: "%04X", scalar.value))>".unicodeScalars)
            case 0xE01B where startsColourCode(scalars[(index + 1)...]): result.append("\u{1B}")
            case 0xE01B: result.append(contentsOf: "<U+E01B>".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// `[` then digits and `;` then `m`: the select-graphic-rendition codes the styles above write.
    private static func startsColourCode(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        guard rest.first == "[" else { return false }
        for scalar in rest.dropFirst().prefix(8) {
            if scalar == "m" { return true }
            guard scalar == ";" || ("0"..."9").contains(scalar) else { return false }
        }
        return false
    }

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
