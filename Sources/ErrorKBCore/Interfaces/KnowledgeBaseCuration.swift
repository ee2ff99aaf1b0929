/// What a curator may change: edits, imports, restores and reverts, beside every read. Every
/// write is one transaction that records one ``Revision`` naming `actor`; a write that throws
/// leaves the knowledge base as it was.
public protocol KnowledgeBaseCuration: KnowledgeBaseReading {
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
    /// Writes a batch of parsed documents in one transaction (rolled back when `dryRun`), with
    /// the retry guidance for codes that have none yet (a seed's; an admin's is never replaced).
    func importDocuments(
        _ documents: [DocumentImport], retryGuidance: [RetryGuidance], options: ImportOptions, actor: String
    ) async throws -> [DocumentImportOutcome]
    /// Adds or replaces the guidance for its code and context; returns it as stored.
    func setRetryGuidance(_ guidance: RetryGuidance, actor: String) async throws -> RetryGuidance
    func deleteRetryGuidance(code: String, context: String?, actor: String) async throws
    /// Fills an empty knowledge base from an export, so that exporting again gives the same bytes.
    func restore(_ export: KnowledgeBaseExport, actor: String) async throws
    /// Writes a consistent copy of the whole database to a new file, while others use it.
    func backup(to path: String) async throws
    /// Undoes a revision as a new revision. Refuses if a later revision changed the same entities.
    func revert(revision id: Int64, actor: String) async throws -> Revision
    /// Merges the search index into one segment, which makes searches faster; for after bulk imports.
    func optimizeSearchIndex() async throws -> SearchIndexOptimization
}

extension KnowledgeBaseCuration {
    public func importDocuments(_ documents: [DocumentImport], options: ImportOptions, actor: String) async throws
        -> [DocumentImportOutcome]
    {
        try await importDocuments(documents, retryGuidance: [], options: options, actor: actor)
    }
}
