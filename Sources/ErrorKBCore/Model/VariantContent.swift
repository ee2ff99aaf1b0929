/// The editable part of a variant: what an admin may change and an import may write.
public struct VariantContent: Codable, Sendable, Hashable {
    public var section: String?
    public var title: String?
    public var description: String
    public var httpStatus: Int?
    public var causes: [String]
    public var fixes: [String]

    public init(
        section: String? = nil, title: String? = nil, description: String, httpStatus: Int? = nil,
        causes: [String] = [], fixes: [String] = []
    ) {
        self.section = section
        self.title = title
        self.description = description
        self.httpStatus = httpStatus
        self.causes = causes
        self.fixes = fixes
    }

    /// Refuses what the knowledge base must never hold: blank items, a status outside 100-599, a
    /// variant with neither title nor description.
    public func validated() throws -> VariantContent {
        var content = self
        content.section = try Self.optionalText(section, field: "section")
        content.title = try Self.optionalText(title, field: "title")
        content.description = description.isBlankText ? "" : description.trimmingWhitespace()
        guard !content.description.isEmpty || content.title != nil else {
            throw KnowledgeBaseError.invalid(field: "description", reason: "must not be empty")
        }
        if let status = httpStatus, HTTPStatus(status) == nil {
            throw KnowledgeBaseError.invalid(field: "HTTP status", reason: "\(status) is outside 100-599")
        }
        content.causes = try Self.items(causes, field: "cause")
        content.fixes = try Self.items(fixes, field: "fix")
        return content
    }

    private static func optionalText(_ text: String?, field: String) throws -> String? {
        guard let text else { return nil }
        guard !text.isBlankText else {
            throw KnowledgeBaseError.invalid(field: field, reason: "must not be empty (omit it instead)")
        }
        return text.trimmingWhitespace()
    }

    private static func items(_ items: [String], field: String) throws -> [String] {
        try items.map { item in
            guard !item.isBlankText else {
                throw KnowledgeBaseError.invalid(field: field, reason: "must not be empty")
            }
            return item.trimmingWhitespace()
        }
    }
}

/// A new variant an admin adds by hand.
public struct VariantDraft: Sendable, Hashable {
    public var code: String
    public var vendor: String
    public var content: VariantContent

    public init(code: String, vendor: String, content: VariantContent) {
        self.code = code
        self.vendor = vendor
        self.content = content
    }
}

extension String {
    /// Trims spaces, tabs and newlines (and no-break spaces, which pages are full of).
    public func trimmingWhitespace() -> String {
        // Most text has no space at either end: a byte check avoids Unicode property lookups.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
