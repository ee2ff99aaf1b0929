import ErrorKBCore

/// Program source saved as text — a `.proto` enum, a C header, a TypeScript or Java constants
/// file — is one code block: comments and declarations, not prose. Whether its constants are
/// error codes is the entry reader's question (`ConstantDeclarations`).
enum SourceCodeLines {
    /// The least a source region holds: a licence comment alone is not a program.
    static let minimumLines = 4

    static func read(_ spot: LineSpot) -> BlockMatch? {
        guard spot.depth == 0, opensSource(spot.text) else { return nil }
        let lines = spot.lines
        var index = spot.index
        var last = index
        var inComment = false
        var declarations = 0
        var content = 0
        // Source shown inside a page is indented under its prose: a line less indented ends it.
        let indentation = spot.line.indentation
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
                continue
            }
            let text = line.trimmed
            if line.indentation < indentation, !text.hasPrefix("}") { break }
            if inComment {
                if text.containsBytes("*/") { inComment = false }
            } else if text.hasPrefix("/*") {
                inComment = !text.containsBytes("*/")
            } else if text.hasPrefix("//") || text.hasPrefix("#") {
                // a line comment, or a preprocessor line
            } else if isStatement(text) {
                declarations += 1
            } else if declarations < 2 || looksLikeProse(text) {
                // Before the program has shown itself, any other line ends it; after, only prose.
                break
            }
            content += 1
            last = index
            index += 1
        }
        guard content >= minimumLines, declarations >= 2 else { return nil }
        let body = lines[spot.index...last].map(\.text).joined(separator: "\n")
        let code = CodeBlock(text: body, language: nil, lines: LineRange(start: lines[spot.index].number, end: lines[last].number))
        return BlockMatch(.code(code), end: last + 1)
    }

    /// A line a source file can open with: a comment, or a declaration.
    private static func opensSource(_ text: String) -> Bool {
        text.hasPrefix("//") || text.hasPrefix("/*") || text.hasPrefix("#include") || text.hasPrefix("#define")
            || ["syntax ", "package ", "import ", "enum ", "message ", "namespace ", "export "].contains { text.hasPrefix($0) }
                && isStatement(text)
    }

    /// A sentence: words starting with a capital, no program punctuation.
    private static func looksLikeProse(_ text: String) -> Bool {
        guard text.first?.isUppercase == true, text.split(separator: " ").count >= 5 else { return false }
        return !text.contains(where: { ";{}()=<>[]".contains($0) })
    }

    /// `NOT_FOUND = 5;`, `enum Code {`, `}`, `option java_package = "x";`.
    private static func isStatement(_ text: String) -> Bool {
        text.hasSuffix(";") || text.hasSuffix("{") || text.hasPrefix("}") || text.hasSuffix(",") && text.containsBytes("=")
    }
}
