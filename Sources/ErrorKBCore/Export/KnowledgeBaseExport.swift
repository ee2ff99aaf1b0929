/// The whole knowledge base as one document: what `errorkb export --format json` prints and
/// what `errorkb import --format json` restores. Sorted so the same data gives the same bytes.
public struct KnowledgeBaseExport: Codable, Sendable, Hashable {
    public static let formatName = "errorkb-export"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var vendors: [Vendor]
    public var documents: [Document]
    public var codes: [Code]

    public init(vendors: [Vendor], documents: [Document], codes: [Code]) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.vendors = vendors
        self.documents = documents
        self.codes = codes
    }

    public struct Document: Codable, Sendable, Hashable {
        public var fileName: String
        public var vendor: String
        public var title: String?
        public var sha256: String
        public var lineCount: Int
        public var importedAt: String

        enum CodingKeys: String, CodingKey {
            case fileName = "file_name", vendor, title, sha256, lineCount = "line_count", importedAt = "imported_at"
        }
    }

    public struct Code: Codable, Sendable, Hashable {
        public var code: String
        public var kind: CodeKind
        /// `"4xx"` for HTTP codes; `null` otherwise.
        public var `class`: String?
        public var variants: [Variant]
    }

    public struct Variant: Codable, Sendable, Hashable {
        public var vendor: String
        public var document: String?
        public var section: String?
        public var occurrence: Int
        public var position: Int
        public var title: String?
        public var description: String
        public var httpStatus: Int?
        public var causes: [String]
        public var fixes: [String]
        /// The first line of the document the variant came from.
        public var line: Int?
        /// The last line, when the variant spans several.
        public var lineEnd: Int?
        public var edited: Bool

        enum CodingKeys: String, CodingKey {
            case vendor, document, section, occurrence, position, title, description
            case httpStatus = "http_status", causes, fixes, line, lineEnd = "line_end", edited
        }
    }
}
