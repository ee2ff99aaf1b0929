/// One parsed document, ready to be written: what an importer hands the repository.
public struct DocumentImport: Sendable, Hashable {
    public var fileName: String
    /// The vendor it belongs to; created with `vendorName` and `vendorKind` if missing.
    public var vendor: Vendor
    public var title: String?
    public var sha256: String
    public var lineCount: Int
    /// The document's lines joined by `\n`, numbered as every entry's `lines`; kept so that
    /// provenance can show them. `nil` when the importer has no text to keep.
    public var text: String?
    public var entries: [ImportedEntry]
    /// The document's rows, verbatim, when it is a registry table.
    public var registry: RegistryTable?

    public init(
        fileName: String, vendor: Vendor, title: String?, sha256: String, lineCount: Int, text: String? = nil,
        entries: [ImportedEntry], registry: RegistryTable? = nil
    ) {
        self.fileName = fileName
        self.vendor = vendor
        self.title = title
        self.sha256 = sha256
        self.lineCount = lineCount
        self.text = text
        self.entries = entries
        self.registry = registry
    }
}

/// One entry found in a document: a code under a section, with where it stood.
public struct ImportedEntry: Sendable, Hashable {
    public var code: String
    public var kind: CodeKind
    public var content: VariantContent
    public var lines: LineRange

    public init(code: String, kind: CodeKind, content: VariantContent, lines: LineRange) {
        self.code = code
        self.kind = kind
        self.content = content
        self.lines = lines
    }
}

/// How an import treats what is already there.
public struct ImportOptions: Sendable, Hashable {
    /// Compute and report everything, then write nothing.
    public var dryRun: Bool
    /// Replace variants an admin has edited instead of keeping the edit.
    public var overwrite: Bool

    public init(dryRun: Bool = false, overwrite: Bool = false) {
        self.dryRun = dryRun
        self.overwrite = overwrite
    }
}

/// What an import did (or, dry, would do) to one document's variants.
public struct DocumentImportOutcome: Codable, Sendable, Hashable {
    /// A variant named by what identifies it within its document.
    public struct Entry: Codable, Sendable, Hashable {
        public var code: String
        public var section: String?
        public var line: Int?

        public init(code: String, section: String?, line: Int?) {
            self.code = code
            self.section = section
            self.line = line
        }
    }

    public var fileName: String
    public var vendor: String
    public var added: [Entry] = []
    public var changed: [Entry] = []
    public var unchanged: [Entry] = []
    public var removed: [Entry] = []
    /// Variants an admin edited that the document now says otherwise; kept unless `overwrite`.
    public var conflicts: [Entry] = []
    public var overwritten: [Entry] = []

    public init(fileName: String, vendor: String) {
        self.fileName = fileName
        self.vendor = vendor
    }

    public var changesAnything: Bool {
        !added.isEmpty || !changed.isEmpty || !removed.isEmpty || !overwritten.isEmpty
    }
}
