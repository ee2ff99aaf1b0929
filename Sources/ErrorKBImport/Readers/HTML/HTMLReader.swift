import CLibXML2
import ErrorKBCore

/// HTML pages through libxml2's HTML parser, which recovers from the markup real pages have
/// (unclosed `<p>`, stray tags, entities) the way browsers do. Its tree becomes the document
/// model: headings, paragraphs, lists, `<dl>` definitions, tables (row and column spans filled
/// in), `<pre>` code, and notes; navigation, scripts and styles are page chrome.
enum HTMLReader {
    static func read(_ source: SourceText) -> DocumentModel {
        var model = parse(source.lines.map(\.text).joined(separator: "\n"), firstLine: 1)
        model.format = .html
        return model
    }

    /// The blocks of an HTML fragment inside another page (an HTML block in Markdown).
    static func fragment(_ html: String, firstLine: Int) -> [Block] {
        parse(html, firstLine: firstLine).blocks
    }

    private static func parse(_ html: String, firstLine: Int) -> DocumentModel {
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return DocumentModel(format: .html, title: nil, blocks: []) }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let document = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    readDocument($0, count: Int32(buffer.count), options: options)
                }
            }
        }
        guard let document else { return DocumentModel(format: .html, title: nil, blocks: []) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return DocumentModel(format: .html, title: nil, blocks: []) }
        var builder = HTMLTreeBuilder(lineOffset: firstLine - 1)
        let blocks = builder.blocks(in: root, depth: 0)
        let title = builder.title ?? blocks.lazy.compactMap { block -> String? in
            if case .heading(let heading) = block { return InlineText.flat(heading.text) }
            return nil
        }.first
        return DocumentModel(format: .html, title: title, titleLine: builder.titleLine, blocks: blocks, chrome: builder.chrome)
    }
}

extension HTMLReader {
    /// libxml2's global state (its dictionaries' lock, the encoding handlers), set up once
    /// before any thread parses: `htmlReadMemory` does it on each call, a context made by hand
    /// does not, and pages are parsed on several threads at once. Swift runs a static
    /// initialiser once, whatever thread asks first.
    private static let libraryInitialised: Void = xmlInitParser()

    /// `htmlReadMemory`, step by step, to ask for big lines: without them libxml2 keeps line
    /// numbers in 16 bits and cites every node past line 65,535 at 65,535. Its HTML parser's
    /// options have no such flag, and `htmlCtxtUseOptions` drops the XML one, so it is set on
    /// the context after them. The text is UTF-8 whatever its `<meta charset>` says: decoded
    /// already, as `htmlReadMemory(..., "UTF-8", ...)` tells the parser.
    fileprivate static func readDocument(_ buffer: UnsafePointer<CChar>, count: Int32, options: Int32) -> htmlDocPtr? {
        _ = libraryInitialised
        guard let context = htmlCreateMemoryParserCtxt(buffer, count) else { return nil }
        defer { htmlFreeParserCtxt(context) }
        _ = htmlCtxtUseOptions(context, options)
        context.pointee.options |= Int32(XML_PARSE_BIG_LINES.rawValue)
        if let utf8 = xmlFindCharEncodingHandler("UTF-8") {
            _ = xmlSwitchToEncoding(context, utf8)
            // Named, so that a `<meta charset>` does not switch it (the context frees it).
            if let input = context.pointee.input, input.pointee.encoding == nil {
                input.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
            }
        }
        _ = htmlParseDocument(context)
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        // The document keeps the names it was built with: the context must not free them (as
        // libxml2's own htmlDoRead leaves them).
        if context.pointee.dictNames != 0, let document, document.pointee.dict == context.pointee.dict {
            context.pointee.dict = nil
        }
        return document
    }
}

typealias XMLNode = UnsafeMutablePointer<xmlNode>

/// Walks libxml2's tree into blocks. Elements nested deeper than `maximumDepth` are read as
/// their text, and inline content is walked without recursion, so nesting costs no stack.
struct HTMLTreeBuilder {
    let lineOffset: Int
    private(set) var title: String?
    private(set) var titleLine: Int?
    private(set) var chrome: Set<Int> = []
    static let maximumDepth = 40

    init(lineOffset: Int) {
        self.lineOffset = lineOffset
    }

    /// The blocks of `element`'s content: runs of inline content become paragraphs.
    mutating func blocks(in element: XMLNode, depth: Int) -> [Block] {
        var blocks: [Block] = []
        var inline = InlineRun()
        var child = element.pointee.children
        while let node = child {
            child = node.pointee.next
            if HTMLNodes.isInline(node) {
                inline.add(node, builder: self)
                continue
            }
            if let paragraph = inline.finish() { blocks.append(.paragraph(paragraph)) }
            blocks += block(node, depth: depth)
        }
        if let paragraph = inline.finish() { blocks.append(.paragraph(paragraph)) }
        return blocks
    }

    private mutating func block(_ node: XMLNode, depth: Int) -> [Block] {
        guard node.pointee.type == XML_ELEMENT_NODE else { return [] }
        let name = HTMLNodes.name(node)
        let lines = range(of: node)
        if name == "title", title == nil {
            let text = InlineText.flat(HTMLInline.text(of: node))
            if !text.isEmpty {
                title = text
                titleLine = lines.start
            }
            return []
        }
        if HTMLNodes.isChrome(node) {
            // The head is chrome, but its <title> names the page.
            if name == "head", title == nil, let element = HTMLNodes.elements(in: node).first(where: { HTMLNodes.name($0) == "title" }) {
                let text = InlineText.flat(HTMLInline.text(of: element))
                if !text.isEmpty {
                    title = text
                    titleLine = range(of: element).start
                }
            }
            for line in lines.start...lines.end { chrome.insert(line) }
            return []
        }
        if depth >= Self.maximumDepth {
            let text = HTMLInline.text(of: node)
            return text.isEmpty ? [] : [.paragraph(Paragraph(text: text, lines: lines))]
        }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let text = HTMLInline.text(of: node)
            guard !text.isEmpty, let level = Int(name.dropFirst()) else { return [] }
            return [.heading(Heading(level: level, text: text, lines: lines))]
        case "p":
            // A `<p>` may hold blocks in recovered markup; read it like any container.
            return blocks(in: node, depth: depth + 1)
        case "ul", "ol", "menu":
            var items: [ListItem] = []
            var child = node.pointee.children
            while let item = child {
                child = item.pointee.next
                guard item.pointee.type == XML_ELEMENT_NODE else { continue }
                let itemBlocks = blocks(in: item, depth: depth + 1)
                if !itemBlocks.isEmpty { items.append(ListItem(blocks: itemBlocks, lines: range(of: item))) }
            }
            return items.isEmpty ? [] : [.list(BlockList(ordered: name == "ol", items: items, lines: lines))]
        case "dl":
            return definitions(node, lines: lines, depth: depth)
        case "table":
            return table(node, lines: lines, depth: depth)
        case "pre", "listing", "xmp":
            return [.code(CodeBlock(text: HTMLNodes.textContent(node), language: nil, lines: lines))]
        default:
            let inner = blocks(in: node, depth: depth + 1)
            if HTMLNodes.isNote(node), !inner.isEmpty { return [.note(Note(blocks: inner, lines: lines))] }
            return inner
        }
    }

    private mutating func definitions(_ node: XMLNode, lines: LineRange, depth: Int) -> [Block] {
        var items: [Definition] = []
        var elements: [XMLNode] = []
        // `<dt>`/`<dd>` may sit inside `<div>` wrappers (HTML 5 allows it).
        var child = node.pointee.children
        while let element = child {
            child = element.pointee.next
            guard element.pointee.type == XML_ELEMENT_NODE else { continue }
            if HTMLNodes.name(element) == "div" {
                var inner = element.pointee.children
                while let wrapped = inner {
                    inner = wrapped.pointee.next
                    if wrapped.pointee.type == XML_ELEMENT_NODE { elements.append(wrapped) }
                }
            } else {
                elements.append(element)
            }
        }
        for element in elements {
            let elementLines = range(of: element)
            switch HTMLNodes.name(element) {
            case "dt":
                items.append(
                    Definition(term: HTMLInline.text(of: element), termLines: elementLines, blocks: [], lines: elementLines))
            case "dd":
                guard !items.isEmpty else { continue }
                items[items.count - 1].blocks += blocks(in: element, depth: depth + 1)
                items[items.count - 1].lines = items[items.count - 1].lines.union(elementLines)
            default:
                continue
            }
        }
        return items.isEmpty ? [] : [.definitions(DefinitionList(items: items, lines: lines))]
    }

    private mutating func table(_ node: XMLNode, lines: LineRange, depth: Int) -> [Block] {
        // Rows in document order, inside `<thead>`, `<tbody>`, `<tfoot>` or not; a table inside a
        // cell stays in that cell.
        var rowNodes: [(node: XMLNode, inHead: Bool)] = []
        for element in HTMLNodes.elements(in: node) {
            let name = HTMLNodes.name(element)
            if name == "tr" {
                rowNodes.append((element, false))
            } else if ["thead", "tbody", "tfoot"].contains(name) {
                rowNodes += HTMLNodes.elements(in: element).filter { HTMLNodes.name($0) == "tr" }.map { ($0, name == "thead") }
            }
        }
        var rows: [(cells: [(cell: TableCell, header: Bool, rowspan: Int, colspan: Int)], lines: LineRange, inHead: Bool)] = []
        for (rowNode, inHead) in rowNodes {
            var cells: [(cell: TableCell, header: Bool, rowspan: Int, colspan: Int)] = []
            for cell in HTMLNodes.elements(in: rowNode) where ["td", "th"].contains(HTMLNodes.name(cell)) {
                let cellBlocks = blocks(in: cell, depth: depth + 1)
                cells.append(
                    (TableCell(blocks: cellBlocks, lines: range(of: cell)), HTMLNodes.name(cell) == "th",
                        HTMLNodes.span(cell, "rowspan"), HTMLNodes.span(cell, "colspan")))
            }
            rows.append((cells, range(of: rowNode), inHead))
        }
        // Spans: a cell that spans down or across fills those places with its own content.
        var grid: [TableRow] = []
        var carried: [Int: (cell: TableCell, remaining: Int)] = [:]
        var headerRows = 0
        for (index, row) in rows.enumerated() {
            var cells: [TableCell] = []
            func fillCarried() {
                while let (cell, remaining) = carried[cells.count] {
                    cells.append(cell)
                    carried[cells.count - 1] = remaining > 1 ? (cell, remaining - 1) : nil
                }
            }
            for entry in row.cells {
                fillCarried()
                for _ in 0..<entry.colspan {
                    if entry.rowspan > 1 { carried[cells.count] = (entry.cell, entry.rowspan - 1) }
                    cells.append(entry.cell)
                }
            }
            fillCarried()
            grid.append(TableRow(cells: cells, lines: row.lines))
            if headerRows == index, row.inHead || (!row.cells.isEmpty && row.cells.allSatisfy(\.header)) {
                headerRows += 1
            }
        }
        guard !grid.isEmpty else { return [] }
        // One header row is the table's header; a table without one starts with data.
        let header = headerRows > 0 ? grid[0].cells : []
        let body = headerRows > 0 ? Array(grid.dropFirst(headerRows)) : grid
        return [.table(Table(header: header, rows: body, lines: lines))]
    }

    func range(of node: XMLNode) -> LineRange {
        let (start, end) = HTMLNodes.lineSpan(node)
        return LineRange(start: start + lineOffset, end: end + lineOffset)
    }
}

/// A run of inline nodes between blocks: one paragraph.
private struct InlineRun {
    private var text = ""
    private var lines: LineRange?

    mutating func add(_ node: XMLNode, builder: HTMLTreeBuilder) {
        let rendered = HTMLInline.renderMarked(node)
        text += rendered
        guard !rendered.trimmingWhitespace().isEmpty else { return }
        let nodeLines = builder.range(of: node)
        lines = lines.map { $0.union(nodeLines) } ?? nodeLines
    }

    mutating func finish() -> Paragraph? {
        defer {
            text = ""
            lines = nil
        }
        let cleaned = HTMLInline.collapse(text)
        guard let lines, !cleaned.isEmpty else { return nil }
        return Paragraph(text: cleaned, lines: lines)
    }
}
