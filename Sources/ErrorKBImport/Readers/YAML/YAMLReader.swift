import ErrorKBCore
import Yams

/// YAML published as API reference data, through Yams (libyaml): a mapping whose keys are codes
/// (`404:`, `'409':`, `RESOURCE_EXHAUSTED:`), wherever it sits in the file (an OpenAPI
/// `responses:` map, an os-api-ref `status.yaml`), becomes a definition list. A code's value is
/// its description, or a mapping whose fields say what they hold (`description`, `default`,
/// `title`, `message`, `cause`, `fix`, `solution`, `status`), each field's text in the block the
/// entry reader knows it by. A file Yams cannot read, or nests absurdly deep, is read as plain text.
enum YAMLReader {
    static func read(_ source: SourceText) -> DocumentModel {
        let text = source.lines.map(\.text).joined(separator: "\n")
        guard nestingDepth(text) <= 64, let root = try? Yams.compose(yaml: text) else {
            var model = PlainTextReader.read(source)
            model.format = .yaml
            return model
        }
        var walk = Walk()
        walk.collect(root, depth: 0)
        return DocumentModel(format: .yaml, title: nil, blocks: walk.blocks)
    }

    /// Where a node is written: an alias (`*name`) is composed as its anchor's node again,
    /// mark and all, so a node met a second time at the same place is an alias. Walked again,
    /// nine aliases of nine aliases ... (a few hundred bytes) would cost billions of visits.
    private struct Place: Hashable {
        let line: Int
        let column: Int
        /// A mapping and its first key are written at one place.
        let isContainer: Bool

        init?(_ node: Node) {
            guard let mark = node.mark else { return nil }
            line = mark.line
            column = mark.column
            isContainer = node.mapping != nil || node.sequence != nil
        }
    }

    /// One reading of the file: each container node walked once, however often it is aliased.
    private struct Walk {
        var blocks: [Block] = []
        private var walked: Set<Place> = []
        private var lastLines: [Place: Int] = [:]

        /// Mappings of codes, outermost first, in file order.
        mutating func collect(_ node: Node, depth: Int) {
            guard depth < 32 else { return }
            if node.mapping != nil || node.sequence != nil, let place = Place(node) {
                guard walked.insert(place).inserted else { return }
            }
            switch node {
            case .mapping(let mapping):
                let codeKeys = mapping.keys.filter { key in
                    key.string.flatMap { CodeMention.leading($0, in: .lead(codeSection: true)) }.map {
                        $0.rest.isEmpty
                    } ?? false
                }
                if codeKeys.count * 2 >= mapping.count, !codeKeys.isEmpty {
                    blocks.append(definitions(mapping))
                    return
                }
                for (key, value) in mapping {
                    // A section of the file: `responses:`, `errors:`.
                    if let name = key.string, let line = key.mark?.line,
                        value.mapping != nil || value.sequence != nil
                    {
                        blocks.append(
                            .heading(
                                Heading(
                                    level: min(depth + 1, 6), text: name, lines: LineRange(start: line, end: line))))
                    }
                    collect(value, depth: depth + 1)
                }
            case .sequence(let sequence):
                for item in sequence { collect(item, depth: depth + 1) }
            default:
                break
            }
        }

        private mutating func definitions(_ mapping: Node.Mapping) -> Block {
            var items: [Definition] = []
            for (key, value) in mapping {
                guard let code = key.string, let line = key.mark?.line else { continue }
                let end = max(line, lastLine(of: value))
                let lines = LineRange(start: line, end: end)
                var term = code
                var blocks: [Block] = []
                if let text = value.string {
                    blocks.append(.paragraph(Paragraph(text: text.trimmingWhitespace(), lines: lines)))
                } else if let fields = value.mapping {
                    for (field, fieldValue) in fields {
                        guard let name = field.string?.lowercased() else { continue }
                        let fieldLines = LineRange(
                            start: field.mark?.line ?? line,
                            end: max(field.mark?.line ?? line, lastLine(of: fieldValue)))
                        let texts =
                            (fieldValue.string.map { [$0] } ?? fieldValue.sequence?.compactMap(\.string) ?? [])
                            .map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                        guard !texts.isEmpty else { continue }
                        switch Field(name) {
                        case .title: term = code + " " + texts[0]
                        case .description:
                            blocks += texts.map { .paragraph(Paragraph(text: $0, lines: fieldLines)) }
                        case .causes, .fixes:
                            let label = Field(name) == .causes ? "Causes:" : "Fixes:"
                            blocks.append(.paragraph(Paragraph(text: label, lines: fieldLines)))
                            blocks.append(
                                .list(
                                    BlockList(
                                        ordered: false,
                                        items: texts.map {
                                            ListItem(
                                                blocks: [.paragraph(Paragraph(text: $0, lines: fieldLines))],
                                                lines: fieldLines)
                                        }, lines: fieldLines)))
                        case .status:
                            blocks.append(
                                .note(
                                    Note(
                                        blocks: [
                                            .paragraph(Paragraph(text: "HTTP status \(texts[0])", lines: fieldLines))
                                        ], lines: fieldLines)))
                        case .other: continue
                        }
                    }
                }
                items.append(
                    Definition(
                        term: term, termLines: LineRange(start: line, end: line), blocks: blocks, lines: lines))
            }
            let first = items.first?.lines ?? LineRange(start: 1, end: 1)
            return .definitions(
                DefinitionList(items: items, lines: items.last.map { first.union($0.lines) } ?? first))
        }

        /// The last line `node` is written on; worked out once per place, for the reason above.
        private mutating func lastLine(of node: Node) -> Int {
            let place = Place(node)
            if let place, let known = lastLines[place] { return known }
            var last = node.mark?.line ?? 0
            if let text = node.string, node.scalar?.style == .literal || node.scalar?.style == .folded {
                last +=
                    text.trimmingWhitespace().split(separator: "\n", omittingEmptySubsequences: false).count
            }
            for child in node.mapping.map({ Array($0.values) }) ?? node.sequence.map(Array.init) ?? [] {
                last = max(last, lastLine(of: child))
            }
            if let place { lastLines[place] = last }
            return last
        }
    }

    /// What a field of a code's mapping holds, by its name.
    private enum Field: Equatable {
        case title, description, causes, fixes, status, other

        init(_ name: String) {
            switch name {
            case "title", "name", "message", "summary", "reason", "phrase", "label": self = .title
            case "description", "default", "detail", "details", "meaning", "explanation", "text", "help":
                self = .description
            case "cause", "causes", "why": self = .causes
            case "fix", "fixes", "solution", "solutions", "resolution", "remedy", "action", "mitigation":
                self = .fixes
            case "status", "http_status", "httpstatus", "http", "status_code", "http_code": self = .status
            default: self = .other
            }
        }
    }

    /// How deep brackets and indentation go, so a hostile file is not handed to a recursive parser.
    private static func nestingDepth(_ text: String) -> Int {
        var depth = 0
        var deepest = 0
        var indentationLevels = 0
        for line in text.split(separator: "\n") {
            let indentation = line.prefix { $0 == " " }.count
            indentationLevels = max(indentationLevels, indentation / 2)
        }
        for character in text.unicodeScalars {
            if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            }
            deepest = max(deepest, depth)
        }
        return max(deepest, indentationLevels)
    }
}
