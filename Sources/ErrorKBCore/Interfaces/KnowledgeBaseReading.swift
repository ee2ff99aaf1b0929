/// What may be read from a knowledge base: all the server needs, so a server holding one cannot
/// write. The SQLite store implements it; nothing above it speaks SQL.
///
/// Reads answer `nil` for what does not exist.
public protocol KnowledgeBaseReading: Sendable {
    /// One code with all its variants, causes, fixes and provenance; `vendor` narrows the variants.
    func code(_ code: String, vendor: String?) async throws -> CodeEntry?
    /// Codes in code order, filtered, one page at a time.
    func codes(filter: CodeFilter, page: PageRequest) async throws -> Page<CodeSummary>
    /// The same page of codes as `codes(filter:page:)`, each with its whole entry, read at once.
    func entries(filter: CodeFilter, page: PageRequest) async throws -> Page<CodeEntry>
    /// The codes a document documents, in code order, each summarised over that document's
    /// variants alone; empty for an unknown document.
    func codes(inDocument id: Int64) async throws -> [CodeSummary]
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
    /// The text of a document's current version as imported, lines joined by `\n`; `nil` when
    /// there is no such document or its text was not kept (imported before text was kept,
    /// or restored from an export).
    func documentText(id: Int64) async throws -> String?
    /// Rows of each registry's current copy (`RegistryCopy.current(among:)`: the newest one a
    /// registry vendor holds), in document then row order; `kind` and `key` (a row's first
    /// cell) narrow them.
    func registryRecords(kind: RegistryKind?, key: String?) async throws -> [RegistryRecord]
    /// The registry rows one document holds, current copy or not; empty for any other document.
    func registryRecords(inDocument id: Int64) async throws -> [RegistryRecord]
    /// Every document that holds a registry table, in file name order.
    func registryCopies() async throws -> [RegistryCopy]
    /// Retry guidance by code then context; `code` narrows it to one code.
    func retryGuidance(code: String?) async throws -> [RetryGuidance]
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
    /// A number that differs from every earlier one returned whenever anyone, in any process,
    /// changed the knowledge base in between (and now and then when nobody did): what a cache of
    /// answers asks on every request, so it must cost next to nothing.
    func changeVersion() throws -> Int64
}
