import Foundation

/// An imported documentation page.
public struct SourceDocument: Codable, Sendable, Hashable {
    public var id: Int64
    public var fileName: String
    public var vendor: String
    public var title: String?
    public var sha256: String
    public var lineCount: Int
    /// ISO 8601, UTC.
    public var importedAt: String
    public var variantCount: Int

    public init(
        id: Int64, fileName: String, vendor: String, title: String?, sha256: String,
        lineCount: Int, importedAt: String, variantCount: Int
    ) {
        self.id = id
        self.fileName = fileName
        self.vendor = vendor
        self.title = title
        self.sha256 = sha256
        self.lineCount = lineCount
        self.importedAt = importedAt
        self.variantCount = variantCount
    }
}
