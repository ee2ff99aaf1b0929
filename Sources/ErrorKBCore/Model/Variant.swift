/// The lines of a document a fact came from, 1-based and inclusive.
public struct LineRange: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }
}

/// What one vendor's document says about one code under one section.
public struct Variant: Codable, Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var vendor: String
    /// The document's file name; `nil` for a variant an admin added by hand.
    public var document: String?
    public var documentID: Int64?
    public var section: String?
    public var title: String?
    public var description: String
    /// The HTTP status the code is returned with (for HTTP codes, the code itself).
    public var httpStatus: Int?
    public var causes: [String]
    public var fixes: [String]
    public var lines: LineRange?
    /// True once an admin has edited it; imports then report conflicts instead of overwriting.
    public var edited: Bool

    public init(
        id: Int64, code: String, vendor: String, document: String?, documentID: Int64?,
        section: String?, title: String?, description: String, httpStatus: Int?,
        causes: [String], fixes: [String], lines: LineRange?, edited: Bool
    ) {
        self.id = id
        self.code = code
        self.vendor = vendor
        self.document = document
        self.documentID = documentID
        self.section = section
        self.title = title
        self.description = description
        self.httpStatus = httpStatus
        self.causes = causes
        self.fixes = fixes
        self.lines = lines
        self.edited = edited
    }
}

/// A code with every variant the knowledge base holds for it.
public struct CodeEntry: Codable, Sendable, Hashable {
    public var code: String
    public var kind: CodeKind
    /// `"4xx"` for HTTP codes, `nil` otherwise.
    public var httpClass: String?
    public var variants: [Variant]

    public init(code: String, kind: CodeKind, httpClass: String?, variants: [Variant]) {
        self.code = code
        self.kind = kind
        self.httpClass = httpClass
        self.variants = variants
    }
}

/// One row of a code listing.
public struct CodeSummary: Codable, Sendable, Hashable {
    public var code: String
    public var kind: CodeKind
    public var httpClass: String?
    /// The titles vendors give it, most common first (at most five).
    public var titles: [String]
    public var vendors: [String]
    public var variantCount: Int

    public init(code: String, kind: CodeKind, httpClass: String?, titles: [String], vendors: [String], variantCount: Int) {
        self.code = code
        self.kind = kind
        self.httpClass = httpClass
        self.titles = titles
        self.vendors = vendors
        self.variantCount = variantCount
    }
}
