import CCmarkGFM
import ErrorKBCore
import Foundation

/// Markdown pages through cmark-gfm, GitHub's CommonMark parser with its table extension: the
/// parser's tree becomes the document model, with every block's source lines. HTML blocks inside
/// the page go through the HTML reader; MDN's `- term` / `  - : definition` lists and
/// `Term` / `: definition` paragraphs become definition lists; Yandex's `#| ... |#` tables are
/// read beside it (`YFMTables`).
enum MarkdownReader {
    static func read(_ source: SourceText) -> DocumentModel {
        let templating = MarkdownTemplating(source.lines)
        let (lines, tables) = YFMTables.extract(templating.lines, firstLine: 1)
        let blocks = YFMTables.merge(tables, into: parse(lines.joined(separator: "\n"), firstLine: 1))
        let title = templating.title ?? blocks.lazy.compactMap { block -> String? in
            if case .heading(let heading) = block { return InlineText.flat(heading.text) }
            return nil
        }.first
        return DocumentModel(
            format: .markdown, title: title, titleLine: templating.titleLine, blocks: blocks, chrome: templating.removed)
    }

    /// The blocks of `text`, whose first line is line `firstLine` of the page.
    static func parse(_ text: String, firstLine: Int) -> [Block] {
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS) else { return [] }
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        if let strike = cmark_find_syntax_extension("strikethrough") {
            cmark_parser_attach_syntax_extension(parser, strike)
        }
        var bytes = WideRows.limited(Array(text.utf8))
        parsing.lock()
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        let parsed = cmark_parser_finish(parser)
        parsing.unlock()
        guard let root = parsed else { return [] }
        defer { cmark_node_free(root) }
        let builder = TreeBuilder(lineOffset: firstLine - 1)
        return builder.blocks(under: root, depth: 0)
    }

    /// One parse at a time in the process. cmark-gfm's extensions switch their characters
    /// on and off in the inline parser's global tables while a parse runs (the table extension
    /// for every row it reads), so two parses at once change each other's tables under them.
    /// Only feeding and finishing touch those tables; the tree is read outside the lock (and
    /// may parse HTML blocks, or Markdown of its own, meanwhile).
    private static let parsing = NSLock()

    /// The core extensions register once per process; Swift runs a static initialiser once,
    /// whatever thread asks first.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()
}

/// Walks cmark's tree. Block nesting deeper than `maximumDepth` is read as the text it holds,
/// so a page of 10,000 nested quotes costs no deep recursion here or in the entry readers.
private struct TreeBuilder {
    let lineOffset: Int
    static let maximumDepth = 40

    func blocks(under parent: OpaquePointer, depth: Int) -> [Block] {
        var result: [Block] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            let lines = range(of: node)
            if depth >= Self.maximumDepth {
                let text = Inline.render(node)
                if !text.trimmingWhitespace().isEmpty { result.append(.paragraph(Paragraph(text: text, lines: lines))) }
                continue
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                result.append(.paragraph(Paragraph(text: Inline.render(node), lines: lines)))
            case CMARK_NODE_HEADING:
                result.append(
                    .heading(
                        Heading(
                            level: Int(cmark_node_get_heading_level(node)), text: Self.withoutAttributes(Inline.render(node)),
                            lines: lines)))
            case CMARK_NODE_LIST:
                // A page's own table of contents (`- [404 Not Found](#404)`) is chrome, not entries.
                if Self.isTableOfContents(node) { continue }
                result.append(list(node, lines: lines, depth: depth))
            case CMARK_NODE_BLOCK_QUOTE:
                result.append(.note(Note(blocks: noteBody(blocks(under: node, depth: depth + 1)), lines: lines)))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) }?.trimmingWhitespace()
                var code = CodeBlock(text: literal(node), language: info?.isEmpty == false ? info : nil, lines: lines)
                var length: Int32 = 0
                var offset: Int32 = 0
                var character: CChar = 0
                code.indented = cmark_node_get_fenced(node, &length, &offset, &character) == 0
                result.append(.code(code))
            case CMARK_NODE_HTML_BLOCK:
                result += HTMLReader.fragment(literal(node), firstLine: lines.start)
            case CMARK_NODE_THEMATIC_BREAK:
                break
            default:
                if typeName(node) == "table" {
                    result.append(table(node, lines: lines))
                } else {
                    result += self.blocks(under: node, depth: depth + 1)
                }
            }
        }
        return MarkdownDefinitions.regroup(result)
    }

    /// A list every item of which is one link to an anchor on the page, perhaps with such a list
    /// under it.
    static func isTableOfContents(_ list: OpaquePointer, depth: Int = 0) -> Bool {
        guard depth < 6 else { return false }
        var item = cmark_node_first_child(list)
        var count = 0
        while let current = item {
            item = cmark_node_next(current)
            count += 1
            guard let paragraph = cmark_node_first_child(current), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let link = cmark_node_first_child(paragraph), cmark_node_get_type(link) == CMARK_NODE_LINK,
                cmark_node_next(link) == nil, let url = cmark_node_get_url(link), String(cString: url).hasPrefix("#")
            else { return false }
            if let nested = cmark_node_next(paragraph) {
                guard cmark_node_get_type(nested) == CMARK_NODE_LIST, isTableOfContents(nested, depth: depth + 1) else { return false }
            }
        }
        return count > 0
    }

    /// `Obtaining Authorization {#obtaining-authorization}`: kramdown, Pandoc and Hugo write a
    /// heading's id and classes after it, in braces; they are no part of its text.
    static func withoutAttributes(_ text: String) -> String {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{"), text.index(after: open) < text.endIndex,
            "#.:".contains(text[text.index(after: open)])
        else { return text }
        return String(text[..<open]).trimmingWhitespace()
    }

    private func list(_ node: OpaquePointer, lines: LineRange, depth: Int) -> Block {
        var items: [ListItem] = []
        var child = cmark_node_first_child(node)
        while let item = child {
            child = cmark_node_next(item)
            items.append(ListItem(blocks: blocks(under: item, depth: depth + 1), lines: range(of: item)))
        }
        return .list(BlockList(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, items: items, lines: lines))
    }

    /// `> [!NOTE]` (GitHub's alert syntax) names the kind of note; the marker is no part of it.
    private func noteBody(_ blocks: [Block]) -> [Block] {
        guard case .paragraph(var first) = blocks.first, first.text.hasPrefix("[!") else { return blocks }
        let afterMarker = first.text.drop { $0 != "]" }.dropFirst()
        first.text = afterMarker.trimmingWhitespace()
        return first.text.isEmpty ? Array(blocks.dropFirst()) : [.paragraph(first)] + blocks.dropFirst()
    }

    private func table(_ node: OpaquePointer, lines: LineRange) -> Block {
        var header: [TableCell] = []
        var rows: [TableRow] = []
        var child = cmark_node_first_child(node)
        while let row = child {
            child = cmark_node_next(row)
            var cells: [TableCell] = []
            var cellNode = cmark_node_first_child(row)
            while let cell = cellNode {
                cellNode = cmark_node_next(cell)
                cells.append(TableCell(text: Inline.render(cell), lines: range(of: cell)))
            }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0, header.isEmpty {
                header = cells
            } else {
                rows.append(TableRow(cells: cells, lines: range(of: row)))
            }
        }
        return .table(Table(header: header, rows: rows, lines: lines))
    }

    private func range(of node: OpaquePointer) -> LineRange {
        let start = max(1, Int(cmark_node_get_start_line(node))) + lineOffset
        let end = max(Int(cmark_node_get_end_line(node)) + lineOffset, start)
        return LineRange(start: start, end: end)
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}

private func typeName(_ node: OpaquePointer) -> String {
    cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
}

/// Inline content as inline text (see `InlineText`), walked with cmark's own iterator, so that
/// nesting depth costs nothing.
private enum Inline {
    static func render(_ node: OpaquePointer) -> String {
        // One run of plain text, as most cells and paragraphs are: no walk needed.
        if let only = cmark_node_first_child(node), cmark_node_next(only) == nil, cmark_node_get_type(only) == CMARK_NODE_TEXT {
            return literal(only).trimmingWhitespace()
        }
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var inImage = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_IMAGE {
                inImage += entering ? 1 : -1
                continue
            }
            guard inImage == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT:
                if entering { text += literal(current) }
            case CMARK_NODE_CODE:
                if entering { text += "`" + literal(current) + "`" }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if entering { text += "\n" }
            case CMARK_NODE_STRONG:
                text += "**"
            case CMARK_NODE_HTML_INLINE:
                if entering { text += htmlTag(literal(current)) }
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM, CMARK_NODE_CODE_BLOCK:
                // Only met when a deep block is read as text: one line each.
                if !entering, !text.hasSuffix("\n") { text += "\n" }
                if entering, type == CMARK_NODE_CODE_BLOCK { text += literal(current) }
            default:
                break
            }
        }
        return text.trimmingWhitespace()
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Tags written inline in Markdown, as the inline text they stand for: `<br>` and list or
    /// paragraph tags break the line (so a cell's parts stay apart), `<strong>` and `<code>` keep
    /// their marks, and any other tag is markup only.
    static func htmlTag(_ tag: String) -> String {
        let name = tag.drop { $0 == "<" || $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        switch name {
        case "br", "li", "ul", "ol", "p", "div", "dd", "dt", "tr": return "\n"
        case "strong", "b": return "**"
        case "code", "tt", "kbd", "samp": return "`"
        default: return ""
        }
    }
}
