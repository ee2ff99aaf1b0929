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

        // Every key is written, null included, so the shape never depends on the data.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fileName, forKey: .fileName)
            try container.encode(vendor, forKey: .vendor)
            try container.encode(title, forKey: .title)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(lineCount, forKey: .lineCount)
            try container.encode(importedAt, forKey: .importedAt)
        }

        public init(fileName: String, vendor: String, title: String?, sha256: String, lineCount: Int, importedAt: String) {
            self.fileName = fileName
            self.vendor = vendor
            self.title = title
            self.sha256 = sha256
            self.lineCount = lineCount
            self.importedAt = importedAt
        }
    }

    public struct Code: Codable, Sendable, Hashable {
        public var code: String
        public var kind: CodeKind
        /// `"4xx"` for HTTP codes; `null` otherwise.
        public var `class`: String?
        public var variants: [Variant]

        enum CodingKeys: String, CodingKey {
            case code, kind, `class`, variants
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(kind, forKey: .kind)
            try container.encode(`class`, forKey: .class)
            try container.encode(variants, forKey: .variants)
        }

        public init(code: String, kind: CodeKind, class: String?, variants: [Variant]) {
            self.code = code
            self.kind = kind
            self.`class` = `class`
            self.variants = variants
        }
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

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(vendor, forKey: .vendor)
            try container.encode(document, forKey: .document)
            try container.encode(section, forKey: .section)
            try container.encode(occurrence, forKey: .occurrence)
            try container.encode(position, forKey: .position)
            try container.encode(title, forKey: .title)
            try container.encode(description, forKey: .description)
            try container.encode(httpStatus, forKey: .httpStatus)
            try container.encode(causes, forKey: .causes)
            try container.encode(fixes, forKey: .fixes)
            try container.encode(line, forKey: .line)
            try container.encode(lineEnd, forKey: .lineEnd)
            try container.encode(edited, forKey: .edited)
        }

        public init(
            vendor: String, document: String?, section: String?, occurrence: Int, position: Int,
            title: String?, description: String, httpStatus: Int?, causes: [String], fixes: [String],
            line: Int?, lineEnd: Int?, edited: Bool
        ) {
            self.vendor = vendor
            self.document = document
            self.section = section
            self.occurrence = occurrence
            self.position = position
            self.title = title
            self.description = description
            self.httpStatus = httpStatus
            self.causes = causes
            self.fixes = fixes
            self.line = line
            self.lineEnd = lineEnd
            self.edited = edited
        }
    }
}
