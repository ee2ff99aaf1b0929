import Foundation

/// Writes entries as a page in one of the layouts real documentation uses, changed by one
/// perturbation: the pages the invariance test feeds the importer.
enum LayoutFamily: String, CaseIterable {
    case markdownTable = "markdown table"
    case markdownTableBare = "markdown table, no outer pipes"
    case htmlTable = "HTML table"
    case rstGrid = "reStructuredText grid table"
    case asciiDocTable = "AsciiDoc table, a row a line"
    case asciiDocCellLines = "AsciiDoc table, a cell a line"
    case textGrid = "text table drawn with +---+"
    case textAligned = "text table in aligned columns"
    case markdownHeadings = "a Markdown heading per code"
    case htmlDefinitions = "an HTML definition list"
    case markdownBullets = "a Markdown bullet list"

    var fileName: String {
        switch self {
        case .markdownTable, .markdownTableBare, .markdownHeadings, .markdownBullets: "page.md"
        case .htmlTable, .htmlDefinitions: "page.html"
        case .rstGrid: "page.rst"
        case .asciiDocTable, .asciiDocCellLines: "page.adoc"
        case .textGrid, .textAligned: "page.txt"
        }
    }

    var isTable: Bool {
        switch self {
        case .markdownHeadings, .htmlDefinitions, .markdownBullets: false
        default: true
        }
    }

    var isText: Bool { self == .textGrid || self == .textAligned }

    /// Aligned columns hold one line of text a cell: no list of causes or fixes fits in one.
    var rendersItems: Bool { self != .textAligned }

    /// Which perturbations mean something in this layout.
    func admits(_ perturbation: Perturbation) -> Bool {
        switch perturbation {
        case .plain, .codeWithTitle, .titleInBrackets, .httpAnnounced, .repeated: true
        case .reordered, .synonyms, .tableBefore: isTable
        case .codeSpan: !isText && self != .rstGrid
        case .codeBold: !isText && self != .rstGrid && self != .asciiDocTable && self != .asciiDocCellLines
        case .wrapped, .pageBreak: isText
        }
    }
}

enum Perturbation: String, CaseIterable {
    case plain
    /// The columns in another order: the code in the middle.
    case reordered = "columns reordered"
    /// Header words replaced by others that mean the same.
    case synonyms = "header synonyms"
    case codeSpan = "code in a span"
    case codeBold = "code in bold"
    /// `404 Not Found` in the code's own cell, no title column.
    case codeWithTitle = "code and title together"
    /// `HTTP 404`.
    case httpAnnounced = "HTTP before a status"
    /// `404 (Not Found)`.
    case titleInBrackets = "title in brackets"
    case wrapped = "cells wrapped"
    case pageBreak = "a page break inside the table"
    case tableBefore = "a table of parameters before"
    case repeated = "the list given twice"
}

struct LayoutRenderer {
    let family: LayoutFamily
    let perturbation: Perturbation
    /// Every title of the page is a name that can stand beside its code.
    private(set) var entriesHaveOnlyNames = true

    /// The page, and what a faithful import reads back from it.
    func render(_ entries: [InvarianceEntry]) -> (page: String, expected: [ReadBack]) {
        var renderer = self
        renderer.entriesHaveOnlyNames = entries.allSatisfy { $0.title == nil || renderer.joinedTitle($0) != nil || !titleInCodeCell }
        return renderer.rendered(entries)
    }

    private func rendered(_ entries: [InvarianceEntry]) -> (page: String, expected: [ReadBack]) {
        let shown = perturbation == .repeated ? entries + entries : entries
        let expected = shown.map { entry in
            ReadBack(
                code: entry.code, title: entry.title, httpStatus: entry.httpStatus ?? Int(entry.code).flatMap { (100...599).contains($0) ? $0 : nil },
                causes: family.rendersItems ? entry.causes.count : 0, fixes: family.rendersItems ? entry.fixes.count : 0)
        }
        return (page(shown), expected)
    }

    private func page(_ entries: [InvarianceEntry]) -> String {
        switch family {
        case .markdownTable, .markdownTableBare: markdownTable(entries, outerPipes: family == .markdownTable)
        case .htmlTable: htmlTable(entries)
        case .rstGrid: rstGrid(entries)
        case .asciiDocTable, .asciiDocCellLines: asciiDoc(entries, cellLines: family == .asciiDocCellLines)
        case .textGrid: textGrid(entries)
        case .textAligned: textAligned(entries)
        case .markdownHeadings: markdownHeadings(entries)
        case .htmlDefinitions: htmlDefinitions(entries)
        case .markdownBullets: markdownBullets(entries)
        }
    }

    // MARK: The code as the perturbation writes it

    /// The code cell or lead: `404`, `` `404` ``, `**404**`, `404 Not Found`, `HTTP 404`, `404 (Not Found)`.
    /// Only a name goes with its code: a sentence-long message (`Access denied.`) keeps a place of
    /// its own, as pages keep it.
    private func codeText(_ entry: InvarianceEntry, span: String = "`", bold: String = "**") -> String {
        switch perturbation {
        case .codeSpan: return span + entry.code + span
        case .codeBold: return bold + entry.code + bold
        case .codeWithTitle: return joinedTitle(entry).map { entry.code + " " + $0 } ?? entry.code
        case .titleInBrackets: return joinedTitle(entry).map { entry.code + " (" + $0 + ")" } ?? entry.code
        case .httpAnnounced: return isHTTPStatus(entry.code) ? "HTTP " + entry.code : entry.code
        default: return entry.code
        }
    }

    /// Whether the code's cell carries the title, so there is no title column.
    private var titleInCodeCell: Bool { perturbation == .codeWithTitle || perturbation == .titleInBrackets }

    /// The title, when it is a name that can stand beside its code: short, no sentence.
    private func joinedTitle(_ entry: InvarianceEntry) -> String? {
        guard titleInCodeCell, let title = entry.title, title.split(separator: " ").count <= 6, !title.hasSuffix("."),
            !title.contains(":"), !title.contains("(")
        else { return nil }
        return title
    }

    private func isHTTPStatus(_ code: String) -> Bool {
        code.count == 3 && Int(code).map { (100...599).contains($0) } == true
    }

    // MARK: Tables

    private enum Column: CaseIterable {
        case code, title, status, description, causes, fixes
    }

    private var columns: [Column] {
        var columns: [Column] = [.code, .title, .status, .description, .causes, .fixes]
        // With every title beside its code, no title column is left.
        if titleInCodeCell, entriesHaveOnlyNames { columns.removeAll { $0 == .title } }
        if !family.rendersItems { columns.removeAll { $0 == .causes || $0 == .fixes } }
        if perturbation == .reordered {
            // The code in the middle after the description, which no row leaves empty; the title last.
            columns = [.description, .code] + columns.filter { $0 == .status || $0 == .causes || $0 == .fixes || $0 == .title }
        }
        return columns
    }

    private func header(_ column: Column) -> String {
        let synonyms = perturbation == .synonyms
        switch column {
        case .code: return synonyms ? "Error code" : "Code"
        case .title: return synonyms ? "Name" : "Title"
        case .status: return synonyms ? "Returned with HTTP status" : "HTTP status"
        case .description: return synonyms ? "Meaning" : "Description"
        case .causes: return synonyms ? "Possible causes" : "Cause"
        case .fixes: return synonyms ? "How to resolve" : "Solution"
        }
    }

    /// A cell's text, its items one a line.
    private func cell(_ column: Column, of entry: InvarianceEntry) -> [String] {
        switch column {
        case .code: [codeText(entry)]
        case .title: [joinedTitle(entry) == nil ? entry.title ?? "" : ""]
        case .status: [entry.httpStatus.map(String.init) ?? ""]
        case .description: [entry.description]
        case .causes: entry.causes
        case .fixes: entry.fixes
        }
    }

    private func markdownTable(_ entries: [InvarianceEntry], outerPipes: Bool) -> String {
        func row(_ cells: [String]) -> String {
            outerPipes ? "| " + cells.joined(separator: " | ") + " |" : "| " + cells.joined(separator: " | ")
        }
        var lines = ["# Error codes", "", "The service returns the following errors.", ""]
        if perturbation == .tableBefore {
            lines += [row(["Parameter", "Type", "Description"]), row(["---", "---", "---"]),
                row(["client_id", "string", "The client's identifier."]), row(["scope", "string", "The scopes asked for."]), ""]
        }
        lines.append(row(columns.map(header)))
        lines.append(row(columns.map { _ in "---" }))
        for entry in entries {
            lines.append(row(columns.map { cell($0, of: entry).joined(separator: "<br>") }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func htmlTable(_ entries: [InvarianceEntry]) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        func html(_ text: String) -> String {
            let inner = escaped(text)
            // The span and bold marks are Markdown's: in HTML they are <code> and <strong>.
            if perturbation == .codeSpan, inner.hasPrefix("`") { return "<code>" + inner.dropFirst().dropLast() + "</code>" }
            if perturbation == .codeBold, inner.hasPrefix("**") { return "<strong>" + inner.dropFirst(2).dropLast(2) + "</strong>" }
            return inner
        }
        var lines = ["<!DOCTYPE html>", "<html><head><title>Error codes</title></head><body>", "<h1>Error codes</h1>",
            "<p>The service returns the following errors.</p>"]
        if perturbation == .tableBefore {
            lines += ["<table><tr><th>Parameter</th><th>Type</th><th>Description</th></tr>",
                "<tr><td>client_id</td><td>string</td><td>The client's identifier.</td></tr>",
                "<tr><td>scope</td><td>string</td><td>The scopes asked for.</td></tr></table>"]
        }
        lines.append("<table>")
        lines.append("<thead><tr>" + columns.map { "<th>\(header($0))</th>" }.joined() + "</tr></thead><tbody>")
        for entry in entries {
            let cells = columns.map { column -> String in
                let items = cell(column, of: entry)
                if column == .causes || column == .fixes {
                    return items.isEmpty ? "<td></td>" : "<td><ul>" + items.map { "<li>\(escaped($0))</li>" }.joined() + "</ul></td>"
                }
                return "<td>\(html(items.joined()))</td>"
            }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody></table></body></html>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines of each cell of a text or RST grid row: items as `- ` bullets.
    private func gridLines(_ column: Column, of entry: InvarianceEntry, wrap: Bool) -> [String] {
        let items = cell(column, of: entry)
        if column == .causes || column == .fixes { return items.map { "- " + $0 } }
        if wrap, column == .description, let text = items.first {
            // Cut after the fifth word: the cell goes on on the next line.
            let words = text.split(separator: " ")
            return [words.prefix(5).joined(separator: " "), words.dropFirst(5).joined(separator: " ")]
        }
        return items.isEmpty ? [""] : items
    }

    private func grid(_ entries: [InvarianceEntry], indent: String, wrap: Bool, pageBreakAfter: Int?) -> [String] {
        let rows: [[[String]]] = entries.map { entry in columns.map { gridLines($0, of: entry, wrap: wrap) } }
        let headers = columns.map(header)
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.map(\.count).max() ?? 0) }
        }
        func border(_ mark: Character) -> String {
            indent + "+" + widths.map { String(repeating: mark, count: $0 + 2) }.joined(separator: "+") + "+"
        }
        func line(_ texts: [String]) -> String {
            indent + "| " + zip(texts, widths).map { Self.padded($0, to: $1) }.joined(separator: " | ") + " |"
        }
        var lines = [border("-"), line(headers), border(family == .rstGrid ? "=" : "-")]
        for (number, row) in rows.enumerated() {
            let height = row.map(\.count).max() ?? 1
            for index in 0..<height { lines.append(line(row.map { index < $0.count ? $0[index] : "" })) }
            lines.append(border("-"))
            if number == pageBreakAfter { lines += Self.pageBreak }
        }
        return lines
    }

    /// Padded to a width in characters, as a table's columns are counted (Foundation's
    /// `padding(toLength:)` counts UTF-16 units and would cut a cell with an emoji in it short).
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// An RFC's page break: blank lines, the footer, a form feed, the running header.
    static let pageBreak = ["", "", "", "Example                      Informational                      [Page 7]", "\u{0C}",
        "RFC 9999                     Error Codes                  December 2026", "", ""]

    private func rstGrid(_ entries: [InvarianceEntry]) -> String {
        var lines = ["Error codes", "===========", "", "The service returns the following errors.", ""]
        if perturbation == .tableBefore {
            lines += ["+-----------+--------+--------------------------+", "| Parameter | Type   | Description              |",
                "+===========+========+==========================+", "| client_id | string | The client's identifier. |",
                "+-----------+--------+--------------------------+", ""]
        }
        lines += grid(entries, indent: "", wrap: false, pageBreakAfter: nil)
        return lines.joined(separator: "\n") + "\n"
    }

    private func textGrid(_ entries: [InvarianceEntry]) -> String {
        var lines = ["Error Codes", "", "   The service returns the following errors.", ""]
        if perturbation == .tableBefore {
            lines += ["   +-----------+--------+--------------------------+", "   | Parameter | Type   | Description              |",
                "   +-----------+--------+--------------------------+", "   | client_id | string | The client's identifier. |",
                "   +-----------+--------+--------------------------+", ""]
        }
        lines += grid(entries, indent: "   ", wrap: perturbation == .wrapped, pageBreakAfter: perturbation == .pageBreak ? entries.count / 2 : nil)
        return lines.joined(separator: "\n") + "\n"
    }

    private func textAligned(_ entries: [InvarianceEntry]) -> String {
        let headers = columns.map(header)
        let texts: [[[String]]] = entries.map { entry in columns.map { gridLines($0, of: entry, wrap: perturbation == .wrapped) } }
        var widths = headers.map(\.count)
        for row in texts {
            for (index, cell) in row.enumerated() where index < widths.count - 1 { widths[index] = max(widths[index], cell.map(\.count).max() ?? 0) }
        }
        func line(_ cells: [String]) -> String {
            var text = "   " + cells.enumerated().map { index, text in index == cells.count - 1 ? text : Self.padded(text, to: widths[index] + 3) }
                .joined()
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = ["Error Codes", "", "   The service returns the following errors.", "", line(headers),
            "   " + widths.enumerated().map { index, width in String(repeating: "-", count: width) + (index == widths.count - 1 ? "" : "   ") }.joined()]
        for (number, row) in texts.enumerated() {
            let height = row.map(\.count).max() ?? 1
            for index in 0..<height { lines.append(line(row.map { index < $0.count ? $0[index] : "" })) }
            if perturbation == .pageBreak, number == texts.count / 2 { lines += Self.pageBreak }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func asciiDoc(_ entries: [InvarianceEntry], cellLines: Bool) -> String {
        var lines = ["= Error codes", "", "The service returns the following errors.", ""]
        if perturbation == .tableBefore {
            lines += ["[cols=\"1,1,2\"]", "|===", "|Parameter |Type |Description", "", "|client_id |string |The client's identifier.", "|===", ""]
        }
        lines.append("[cols=\"" + columns.map { _ in "1" }.joined(separator: ",") + "\"]")
        lines.append("|===")
        lines.append(columns.map { "|" + header($0) }.joined(separator: " "))
        lines.append("")
        for entry in entries {
            let cells = columns.map { cell($0, of: entry) }
            if cellLines {
                // A cell a line, its items each on a line of its own after it.
                for items in cells {
                    lines.append("|" + (items.first ?? ""))
                    lines += items.dropFirst()
                }
            } else {
                lines.append(cells.map { "|" + $0.joined(separator: " +\n") }.joined(separator: " "))
            }
            lines.append("")
        }
        lines.append("|===")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Headings, definitions and lists

    /// A heading's or term's text: `404: Not Found` plain, as most pages write a weakly shaped
    /// code's heading, or the perturbation's form.
    private func lead(_ entry: InvarianceEntry, span: String = "`", bold: String = "**") -> String {
        // A message of a sentence or more is no heading's or term's text: pages give it a line
        // of its own (`message(_:)`).
        if let title = entry.title, !Self.isName(title) {
            return codeText(InvarianceEntry(code: entry.code, title: nil, httpStatus: nil, description: "", causes: [], fixes: []), span: span, bold: bold)
        }
        switch perturbation {
        case .codeWithTitle, .titleInBrackets, .codeSpan, .codeBold, .httpAnnounced:
            let code = codeText(entry, span: span, bold: bold)
            if titleInCodeCell, joinedTitle(entry) != nil { return code }
            return entry.title.map { code + ": " + $0 } ?? code
        default:
            return entry.title.map { entry.code + ": " + $0 } ?? entry.code
        }
    }

    /// `Message: Access denied.`: a title that is a message, on a line of its own.
    private func message(_ entry: InvarianceEntry) -> String? {
        guard let title = entry.title, !Self.isName(title) else { return nil }
        return "Message: " + title
    }

    /// Short, with no sentence's end: a name that can follow its code on one line.
    static func isName(_ title: String) -> Bool {
        title.split(separator: " ").count <= 8 && !title.hasSuffix(".") && !title.contains(". ")
    }

    private func statusSentence(_ entry: InvarianceEntry) -> String? {
        entry.httpStatus.map { "This error is returned with HTTP status \($0)." }
    }

    private func markdownHeadings(_ entries: [InvarianceEntry]) -> String {
        var lines = ["# Error codes", "", "The service returns the following errors.", ""]
        for entry in entries {
            lines += ["## " + lead(entry), ""]
            if let message = message(entry) { lines += [message, ""] }
            lines += [entry.description, ""]
            if let status = statusSentence(entry) { lines += [status, ""] }
            if !entry.causes.isEmpty { lines += ["### Causes", ""] + entry.causes.map { "- " + $0 } + [""] }
            if !entry.fixes.isEmpty { lines += ["### Solution", ""] + entry.fixes.map { "- " + $0 } + [""] }
        }
        return lines.joined(separator: "\n")
    }

    private func htmlDefinitions(_ entries: [InvarianceEntry]) -> String {
        var lines = ["<!DOCTYPE html>", "<html><head><title>Error codes</title></head><body>", "<h1>Error codes</h1>",
            "<p>The service returns the following errors.</p>", "<dl>"]
        for entry in entries {
            lines.append("<dt>" + lead(entry, span: "", bold: "").replacingOccurrences(of: "&", with: "&amp;") + "</dt>")
            var body = "<dd>" + (message(entry).map { "<p>\($0)</p>" } ?? "") + "<p>\(entry.description)</p>"
            if let status = statusSentence(entry) { body += "<p>\(status)</p>" }
            if !entry.causes.isEmpty { body += "<p><strong>Causes:</strong></p><ul>" + entry.causes.map { "<li>\($0)</li>" }.joined() + "</ul>" }
            if !entry.fixes.isEmpty { body += "<p><strong>Solution:</strong></p><ul>" + entry.fixes.map { "<li>\($0)</li>" }.joined() + "</ul>" }
            lines.append(body + "</dd>")
        }
        lines.append("</dl></body></html>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func markdownBullets(_ entries: [InvarianceEntry]) -> String {
        var lines = ["# Error codes", "", "The service returns the following errors.", ""]
        for entry in entries {
            lines.append("- " + lead(entry) + " — " + entry.description + (statusSentence(entry).map { " " + $0 } ?? ""))
            if let message = message(entry) { lines.append("  " + message) }
            if !entry.causes.isEmpty { lines += ["  - Causes:"] + entry.causes.map { "    - " + $0 } }
            if !entry.fixes.isEmpty { lines += ["  - Solution:"] + entry.fixes.map { "    - " + $0 } }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
