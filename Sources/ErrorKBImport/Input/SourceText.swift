import ErrorKBCore

/// One line of a document, numbered from 1 as an editor shows it.
public struct SourceLine: Sendable, Hashable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }

    var trimmed: String { text.trimmingWhitespace() }
    var isBlank: Bool { text.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
    /// Leading spaces (a tab counts as four), which RFC-style text uses for structure.
    var indentation: Int {
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar == " " { count += 1 } else if scalar == "\t" { count += 4 } else { break }
        }
        return count
    }
}

/// A document's bytes, checked and split into lines.
public struct SourceText: Sendable {
    /// Documents are pages, not dumps: anything larger is refused rather than half-parsed.
    public static let maximumBytes = 5 * 1_048_576
    /// Nor are they millions of short lines: a parser's tree costs per line (cmark-gfm holds
    /// about 350 bytes for each line of `|`), so a page may have as many lines as 5 MiB of
    /// ten-byte lines. The longest real page of the corpora has 1,772; a generated reference of
    /// 40,000 rows, 40,004.
    public static let maximumLines = 500_000

    public let lines: [SourceLine]
    /// The name it was read under: its extension says what markup it is in.
    public let fileName: String

    /// Checks what a page must be (non-empty, text, UTF-8, at most 5 MiB) and splits it into lines.
    public init(bytes: [UInt8], fileName: String) throws(ImportRefusal) {
        guard !bytes.isEmpty, bytes.contains(where: { !Self.isASCIIWhitespace($0) }) else {
            throw .empty(file: fileName)
        }
        guard bytes.count <= Self.maximumBytes else {
            throw .tooLarge(file: fileName, bytes: bytes.count, limit: Self.maximumBytes)
        }
        if bytes.contains(0) || Self.controlByteShare(bytes) > 0.05 { throw .binary(file: fileName) }
        let lineCount = Self.lineCount(bytes)
        guard lineCount <= Self.maximumLines else {
            throw .tooManyLines(file: fileName, lines: lineCount, limit: Self.maximumLines)
        }
        if let offset = Self.firstInvalidUTF8Offset(bytes) { throw .notUTF8(file: fileName, offset: offset) }
        // White space beyond ASCII (no-break, ideographic spaces, U+200B): as empty as spaces.
        // Decoded only when no printable ASCII byte shows there is text, as in every real page.
        if !bytes.contains(where: { (0x21...0x7E).contains($0) }), String(decoding: bytes, as: UTF8.self).isBlankText {
            throw .empty(file: fileName)
        }

        var lines: [SourceLine] = []
        lines.reserveCapacity(lineCount)
        // The line breaks are found in the bytes: splitting the decoded text by Character (grapheme
        // breaking) was 5% of a 40,000-row import. The result is the same, since a line break is
        // always a grapheme of its own; \r\n counts once.
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // byte order mark
        var start = body.startIndex
        var index = start
        func endLine(at end: Int) {
            // Pages pasted from browsers carry no-break spaces; they are spaces to every reader.
            let text = String(decoding: body[start..<end], as: UTF8.self)
            lines.append(
                SourceLine(
                    number: lines.count + 1,
                    text: text.containsBytes("\u{00A0}") ? text.replacingOccurrences(of: "\u{00A0}", with: " ") : text))
        }
        while index < body.endIndex {
            switch body[index] {
            case 0x0A:
                endLine(at: index)
                index += 1
                start = index
            case 0x0D:
                endLine(at: index)
                index += index + 1 < body.endIndex && body[index + 1] == 0x0A ? 2 : 1
                start = index
            default:
                index += 1
            }
        }
        endLine(at: body.endIndex)
        self.lines = lines
        self.fileName = fileName
    }

    /// Unicode's White_Space in ASCII: space, tab, line feed, vertical tab, form feed, carriage
    /// return. (Without the vertical tab, a file of VT and FF was called binary.)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private static func controlByteShare(_ bytes: [UInt8]) -> Double {
        let sample = bytes.prefix(65_536)
        let controls = sample.count { $0 < 0x20 && !isASCIIWhitespace($0) || $0 == 0x7F }
        return Double(controls) / Double(sample.count)
    }

    /// Where the first byte that is not UTF-8 is, if any: for messages that point at it.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

extension SourceText {
    /// Lines as the split below counts them: `\n`, `\r\n` and a lone `\r` each end one.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                count += 1
            } else if bytes[index] == 0x0D {
                count += 1
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            }
            index += 1
        }
        return count
    }
}
