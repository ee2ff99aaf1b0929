import ErrorKBCore

/// How the importer reads one page, without writing anything: its document model and the
/// entries found in it. What `errorkb parse` shows a curator before an import, and what the
/// readers' tests compare.
public struct PageInspection: Sendable {
    public var model: DocumentModel
    public var parsed: ParsedDocument

    /// Reads, checks and parses the file at `path`, refusing it as an import would.
    public static func inspect(path: String) async throws -> PageInspection {
        let bytes = try LocalFile.read(path, limit: SourceText.maximumBytes)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return try await ParsingThread.inspect(name: name, bytes: bytes)
    }
}

extension ParsingThread {
    /// `parse`, keeping the document model a page was read into. A registry table has none: its
    /// rows are the entries.
    static func inspect(name: String, bytes: [UInt8]) async throws -> PageInspection {
        try await run {
            let source = try SourceText(bytes: bytes, fileName: name)
            if let kind = try RegistryCSV.registry(of: source.lines, fileName: name) {
                let parsed = try RegistryCSV.parsed(kind, source: source, bytes: bytes, asOf: nil)
                return PageInspection(model: DocumentModel(format: .csv, title: parsed.title, blocks: []), parsed: parsed)
            }
            let model = DocumentParser.read(source)
            return PageInspection(model: model, parsed: DocumentParser.parse(source, model: model))
        }
    }
}
