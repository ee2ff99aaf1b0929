/// What documentation sites add to Markdown before a Markdown parser sees it: YAML or TOML
/// front matter, Liquid tags (`{% ifversion %}`, `{% data variables.x %}`), KumaScript macros
/// (`{{HTTPStatus(200, "200 OK")}}`), Hugo shortcodes (`{{< note >}}`), MDX `import` lines, and
/// admonition fences (`:::note`, `!!! note`). Site generators expand them; no Markdown parser
/// knows them, so they are taken out here, line for line, so that every later line number is
/// still the source's.
///
/// Written by hand because it is a thin, site-specific pre-pass: each rule is one shape, and no
/// library implements these generators' syntax for a parser to use.
struct MarkdownTemplating {
    /// The lines to parse: as many as the source has.
    private(set) var lines: [String]
    /// `title:` from the front matter.
    private(set) var title: String?
    private(set) var titleLine: Int?
    /// Lines that were only template syntax or front matter.
    private(set) var removed: Set<Int> = []

    init(_ source: [SourceLine]) {
        lines = source.map(\.text)
        stripFrontMatter()
        stripMDXStatements()
        stripLoneAnchors()
        rewriteAdmonitions()
        var fence: String?
        for index in lines.indices {
            // Examples in fenced code keep their braces: `{{ .Values.x }}` is what they show.
            let text = lines[index].trimmingWhitespace()
            if let open = fence {
                if text.hasPrefix(open) { fence = nil }
                continue
            }
            if text.hasPrefix("```") || text.hasPrefix("~~~") {
                fence = String(text.prefix(3))
                continue
            }
            let expanded = Self.expandInline(lines[index])
            if expanded != lines[index] {
                if expanded.trimmingWhitespace().isEmpty, !lines[index].trimmingWhitespace().isEmpty {
                    removed.insert(index + 1)
                }
                lines[index] = expanded
            }
        }
    }

    private mutating func stripFrontMatter() {
        guard let first = lines.first?.trimmingWhitespace(), first == "---" || first == "+++" else { return }
        guard let end = lines.indices.dropFirst().prefix(400).first(where: {
            let text = lines[$0].trimmingWhitespace()
            return text == first || (first == "---" && text == "...")
        }) else { return }
        for index in 0...end {
            let text = lines[index]
            if title == nil, let value = Self.frontMatterValue(text, key: "title") {
                title = value
                titleLine = index + 1
            }
            removed.insert(index + 1)
            lines[index] = ""
        }
    }

    /// `title: 'Cloudflare 1XXX errors'` → `Cloudflare 1XXX errors`.
    static func frontMatterValue(_ line: String, key: String) -> String? {
        let text = line.trimmingWhitespace()
        for separator in [":", " ="] {
            guard text.hasPrefix(key + separator) else { continue }
            var value = String(text.dropFirst(key.count + separator.count)).trimmingWhitespace()
            if let first = value.first, first == "'" || first == "\"", value.count >= 2, value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            value = expandInline(value).trimmingWhitespace()
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// MDX `import X from "y"` and `export const ...` lines at the start of a line.
    private mutating func stripMDXStatements() {
        for index in lines.indices {
            let text = lines[index]
            guard text.hasPrefix("import ") || text.hasPrefix("export ") else { continue }
            if text.containsBytes(" from ") || text.hasSuffix(";") || text.hasPrefix("export const ") {
                lines[index] = ""
                removed.insert(index + 1)
            }
        }
    }

    /// `<ManualAnchor id="x" />`, `<a name="x"></a>`: a component or anchor alone on its line,
    /// with no content. CommonMark would open an HTML block there that swallows the Markdown
    /// lines after it (a heading, a table) up to the next blank line; a site renders them.
    private mutating func stripLoneAnchors() {
        for index in lines.indices where Self.isLoneAnchor(lines[index]) {
            lines[index] = ""
            removed.insert(index + 1)
        }
    }

    static func isLoneAnchor(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        guard text.hasPrefix("<"), text.hasSuffix(">"), text.count <= 300, let second = text.dropFirst().first, second.isLetter else {
            return false
        }
        // One self-closing tag, or one empty element: `<a id="x"></a>`.
        let inner = text.dropFirst().dropLast()
        if text.hasSuffix("/>"), !inner.contains("<"), !inner.contains(">") { return true }
        let name = inner.prefix { $0.isLetter || $0.isNumber }
        guard let close = text.range(of: "></" + name + ">"), close.upperBound == text.endIndex else { return false }
        return !text[..<close.lowerBound].dropFirst().contains("<") && !text[..<close.lowerBound].contains(">")
    }

    /// `:::note[Title]` … `:::`, `{{< note >}}` … `{{< /note >}}` and `!!! note` + indented body
    /// become `> ` blockquotes, which the Markdown reader takes as notes.
    private mutating func rewriteAdmonitions() {
        // Where each closing mark next stands, found in one pass from the end, so that a page of
        // unclosed openers costs no search each.
        var nextFence = Array(repeating: Int?.none, count: lines.count + 1)
        var nextShortcode: [String: [Int]] = [:]
        for index in lines.indices.reversed() {
            let text = lines[index].trimmingWhitespace()
            nextFence[index] = text == ":::" ? index : nextFence[index + 1]
            if let name = Self.shortcodeName(text), name.hasPrefix("/") { nextShortcode[name.lowercased(), default: []].append(index) }
        }
        var index = 0
        while index < lines.count {
            let text = lines[index].trimmingWhitespace()
            if text.hasPrefix(":::"), text.count > 3, index + 1 < lines.count, let close = nextFence[index + 1] {
                quote(from: index, through: close)
                index = close + 1
                continue
            }
            if let name = Self.shortcodeName(text), Self.noteNames.contains(name.lowercased()),
                let closing = nextShortcode["/" + name.lowercased()]?.last(where: { $0 > index })
            {
                quote(from: index, through: closing)
                index = closing + 1
                continue
            }
            if text.hasPrefix("!!! ") || text.hasPrefix("??? ") {
                var end = index
                while end + 1 < lines.count,
                    lines[end + 1].trimmingWhitespace().isEmpty || lines[end + 1].hasPrefix("    ") || lines[end + 1].hasPrefix("\t")
                {
                    end += 1
                }
                while end > index, lines[end].trimmingWhitespace().isEmpty { end -= 1 }
                quote(from: index, through: end)
                index = end + 1
                continue
            }
            index += 1
        }
    }

    private mutating func quote(from start: Int, through end: Int) {
        lines[start] = "> [!NOTE]"
        removed.insert(start + 1)
        for index in (start + 1)..<end {
            lines[index] = "> " + lines[index].trimmingWhitespace()
        }
        if end > start {
            lines[end] = ""
            removed.insert(end + 1)
        }
    }

    private static let noteNames: Set<String> = [
        "note", "notice", "warning", "caution", "tip", "hint", "important", "info", "alert", "callout", "admonition",
        "danger", "aside",
    ]

    /// `{{< note >}}` / `{{% alert title="x" %}}` → `note` / `alert`; `{{< /note >}}` → `/note`.
    private static func shortcodeName(_ text: String) -> String? {
        guard text.hasPrefix("{{<") || text.hasPrefix("{{%"), text.hasSuffix(">}}") || text.hasSuffix("%}}") else { return nil }
        let inner = text.dropFirst(3).dropLast(3).trimmingWhitespace()
        let name = inner.prefix { !$0.isWhitespace }
        return name.isEmpty ? nil : String(name)
    }

    /// Liquid tags, Hugo shortcodes and KumaScript macros within a line, expanded to the text a
    /// reader of the rendered page sees.
    static func expandInline(_ line: String) -> String {
        guard line.containsBytes("{%") || line.containsBytes("{{") else { return line }
        var result = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard after < rest.endIndex, rest[after] == "%" || rest[after] == "{" else {
                result += rest[...open]
                rest = rest[after...]
                continue
            }
            let close = rest[after] == "%" ? rest[after...].rangeOfBytes("%}") : rest[after...].rangeOfBytes("}}")
            guard let close else {
                result += rest
                return result
            }
            result += rest[..<open]
            let inner = rest[rest.index(after: after)..<close.lowerBound]
            if rest[after] == "{" { result += renderMacro(String(inner)) }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// `HTTPStatus(200, "200 OK")` → `200 OK`; `HTTPHeader("Link")` → `` `Link` ``;
    /// `deprecated_inline` → nothing; `< note >` (a shortcode) → nothing.
    private static func renderMacro(_ inner: String) -> String {
        let text = inner.trimmingWhitespace()
        guard let first = text.first, first.isLetter, let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            return ""
        }
        let name = text[..<open].lowercased()
        let arguments = quotedArguments(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
        if name.hasPrefix("http") && name != "httpstatus" || name == "domxref" || name == "jsxref" || name == "cssxref" {
            return arguments.first.map { "`\($0)`" } ?? ""
        }
        if name == "rfc" { return arguments.first.map { "RFC \($0)" } ?? "" }
        // The status and its name, set apart as the code span MDN renders it as.
        if name == "httpstatus" { return (arguments.count >= 2 ? arguments[1] : arguments.first).map { "`\($0)`" } ?? "" }
        // The link text is the last argument where there are several, as in Glossary("a", "b").
        return arguments.count >= 2 ? arguments[1] : arguments.first ?? ""
    }

    /// The arguments of a macro call, quoted or bare: `200, "200 OK"` → ["200", "200 OK"].
    private static func quotedArguments(_ text: String) -> [String] {
        var arguments: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                arguments.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        arguments.append(current.trimmingWhitespace())
        return arguments.filter { !$0.isEmpty }
    }
}
