/// Everything the CLI and the server may do with the knowledge base. The only implementation
/// today is ``SQLiteKnowledgeBase``; nothing above this protocol speaks SQL.
///
/// Reads answer `nil` for what does not exist. Every write is one transaction that records one
/// ``Revision`` naming `actor`; a write that throws leaves the knowledge base as it was.
public protocol KnowledgeBaseRepository: Sendable {
    // MARK: Reads

    /// One code with all its variants, causes, fixes and provenance; `vendor` narrows the variants.
    func code(_ code: String, vendor: String?) async throws -> CodeEntry?
    /// Codes in code order, filtered, one page at a time.
    func codes(filter: CodeFilter, page: PageRequest) async throws -> Page<CodeSummary>
    /// How many codes of the filtered listing fall in each class, vendor and kind.
    func facets(filter: CodeFilter) async throws -> Facets
    /// Variants matching `text`, best first, with highlighted snippets.
    func search(_ text: String, filter: CodeFilter, page: PageRequest, highlight: Highlight) async throws -> Page<SearchHit>
    /// One variant by id.
    func variant(id: Int64) async throws -> Variant?
    /// Every vendor with its counts, by slug.
    func vendors() async throws -> [VendorSummary]
    /// One vendor with its counts.
    func vendor(_ slug: String) async throws -> VendorSummary?
    /// Imported documents by file name, optionally of one vendor.
    func documents(vendor: String?) async throws -> [SourceDocument]
    /// One document by id.
    func document(id: Int64) async throws -> SourceDocument?
    /// One document by file name.
    func document(named fileName: String) async throws -> SourceDocument?
    /// Revisions, newest first, optionally only those touching `code`.
    func revisions(code: String?, page: PageRequest) async throws -> Page<Revision>
    /// One revision with its changes.
    func revision(id: Int64) async throws -> Revision?
    /// The whole knowledge base, sorted so that the same data always gives the same export.
    func export() async throws -> KnowledgeBaseExport
    /// True when nothing was ever written: no code, vendor or document, and no revision. A
    /// knowledge base emptied on purpose (a revert, deletes) has revisions, and stays empty.
    func hasNeverHeldAnything() async throws -> Bool
    /// Which schema migrations the store has applied, and which it lacks.
    func migrationStatus() throws -> MigrationStatus
    /// Reads every table's B-tree and the search index once, throwing what storage says if any
    /// part cannot be read: for health checks, which must fail when the data routes would.
    func checkStorage() async throws

    // MARK: Writes

    func createVendor(_ vendor: Vendor, actor: String) async throws
    func updateVendor(_ slug: String, name: String?, kind: VendorKind?, actor: String) async throws -> Vendor
    /// Deletes a vendor with no documents; its hand-made variants go with it.
    func deleteVendor(_ slug: String, actor: String) async throws
    func createCode(_ code: String, kind: CodeKind, actor: String) async throws
    /// Deletes a code and every variant of it.
    func deleteCode(_ code: String, actor: String) async throws
    func createVariant(_ draft: VariantDraft, actor: String) async throws -> Variant
    /// Reads the variant's content, lets `edit` change it, validates and writes it, in one
    /// transaction: concurrent edits never lose each other's changes.
    func editVariant(
        id: Int64, actor: String, action: String, _ edit: @Sendable (inout VariantContent) throws -> Void
    ) async throws -> Variant
    func deleteVariant(id: Int64, actor: String) async throws
    /// Writes a batch of parsed documents in one transaction (rolled back when `dryRun`).
    func importDocuments(_ documents: [DocumentImport], options: ImportOptions, actor: String) async throws
        -> [DocumentImportOutcome]
    /// Fills an empty knowledge base from an export, so that exporting again gives the same bytes.
    func restore(_ export: KnowledgeBaseExport, actor: String) async throws
    /// Writes a consistent copy of the whole database to a new file, while others use it.
    func backup(to path: String) async throws
    /// Undoes a revision as a new revision. Refuses if a later revision changed the same entities.
    func revert(revision id: Int64, actor: String) async throws -> Revision
    /// Merges the search index into one segment, which makes searches faster; for after bulk imports.
    func optimizeSearchIndex() async throws -> SearchIndexOptimization
}
