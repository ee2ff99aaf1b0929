import ErrorKBCore

/// Finds the entries of a documentation page, whatever its markup and layout: the page is read
/// into the document model by the reader of its format, and the entry finder looks for entries
/// in the model. Nothing here knows any particular page.
public enum DocumentParser {
    public static func parse(_ source: SourceText) -> ParsedDocument {
        parse(source, model: read(source))
    }

    /// The entries of `model`, the page `source` read by its reader.
    static func parse(_ source: SourceText, model: DocumentModel) -> ParsedDocument {
        let finder = EntryFinder(model)
        // Only codes the knowledge base can store and serve (``ErrorCode``): a token the finder
        // took for a code but that breaks the rule stays with the lines not placed.
        var entries = finder.entries.filter { ErrorCode.isValid($0.code) }
        // A page whose every entry stands under its own title has no sections of its own.
        if let title = model.title, entries.allSatisfy({ $0.section == nil || $0.section == title }) {
            for index in entries.indices { entries[index].section = nil }
        }
        return ParsedDocument(
            title: model.title, format: model.format, layouts: finder.layouts, entries: entries, tables: finder.tables,
            unplaced: UnplacedLines.of(source, model: model, entries: entries, rowsWithoutCode: finder.rowsWithoutCode,
                examplesRead: finder.examplesRead))
    }

    /// The document model of a page, by the reader its file name or content calls for.
    public static func read(_ source: SourceText) -> DocumentModel {
        switch DocumentFormat.of(fileName: source.fileName, lines: source.lines) {
        case .markdown: MarkdownReader.read(source)
        case .html: HTMLReader.read(source)
        case .restructuredText: RSTReader.read(source)
        case .asciiDoc: AsciiDocReader.read(source)
        case .yaml: YAMLReader.read(source)
        // A CSV that is no registry table: its lines are read as text.
        case .pod: PODReader.read(source)
        case .csv, .text: PlainTextReader.read(source)
        }
    }
}
