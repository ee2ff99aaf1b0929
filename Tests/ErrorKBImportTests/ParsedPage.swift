@testable import ErrorKBImport

extension DocumentParser {
    /// A page given as text, read as the file `name` would be: how the tests hand the importer
    /// a page they write.
    static func parse(_ text: String, as name: String) throws -> ParsedDocument {
        parse(try SourceText(bytes: Array(text.utf8), fileName: name))
    }
}
