import ErrorKBCore

/// The states a revision records, as JSON: enough to put an entity back exactly as it was.

struct VariantSnapshot: Codable, Hashable {
    var id: Int64
    var code: String
    var vendor: String
    var document: String?
    var section: String?
    var occurrence: Int
    var position: Int
    var title: String?
    var description: String
    var httpStatus: Int?
    var causes: [String]
    var fixes: [String]
    var lineStart: Int?
    var lineEnd: Int?
    var edited: Bool

    var content: VariantContent {
        get {
            VariantContent(
                section: section, title: title, description: description, httpStatus: httpStatus, causes: causes,
                fixes: fixes)
        }
        set {
            section = newValue.section
            title = newValue.title
            description = newValue.description
            httpStatus = newValue.httpStatus
            causes = newValue.causes
            fixes = newValue.fixes
        }
    }
}

struct CodeSnapshot: Codable, Hashable {
    var code: String
    var kind: CodeKind
}

struct DocumentSnapshot: Codable, Hashable {
    var fileName: String
    var vendor: String
    var title: String?
    var sha256: String
    var lineCount: Int
    var importedAt: String
}
