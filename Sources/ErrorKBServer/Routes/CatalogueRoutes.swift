import ErrorKBCore
import Hummingbird

/// `/v1/vendors`, `/v1/vendors/{slug}`, `/v1/documents`, `/v1/documents/{id}`.
struct CatalogueRoutes<Context: RequestContext, Reading: KnowledgeBaseReading>: Sendable {
    let knowledgeBase: Reading

    func register(on router: Router<Context>) {
        router.get(.vendors, use: vendors)
        router.get(.vendor, use: vendor)
        router.get(.documents, use: documents)
        router.get(.document, use: document)
    }

    @Sendable func vendors(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .vendors)
        let items = try await knowledgeBase.vendors().map(VendorResponse.init)
        return try JSONResponse.make(VendorListResponse(items: items), for: request)
    }

    @Sendable func vendor(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .vendor)
        let slug = try VendorParameter.read(context)
        guard let summary = try await knowledgeBase.vendor(slug) else {
            throw Problem(.notFound, "the knowledge base has no vendor '\(slug)'")
        }
        let documents = try await knowledgeBase.documents(vendor: slug)
        return try JSONResponse.make(VendorDetailResponse(vendor: VendorResponse(summary), documents: documents), for: request)
    }

    @Sendable func documents(_ request: Request, context: Context) async throws -> Response {
        let query = try QueryReader(request, path: .documents)
        let items = try await knowledgeBase.documents(vendor: query.string("vendor"))
        return try JSONResponse.make(DocumentListResponse(items: items), for: request)
    }

    @Sendable func document(_ request: Request, context: Context) async throws -> Response {
        _ = try QueryReader(request, path: .document)
        let id = try DocumentParameter.read(context)
        guard let document = try await knowledgeBase.document(id: id) else {
            throw Problem(.notFound, "the knowledge base has no document \(id)")
        }
        return try JSONResponse.make(document, for: request)
    }
}

/// The `{slug}` path segment: a vendor slug.
enum VendorParameter {
    static func read(_ context: some RequestContext) throws -> String {
        guard let slug = context.parameters.get("slug"), Vendor.isValidSlug(slug) else {
            throw Problem(.badRequest, "parameter 'slug' must be lowercase letters, digits and hyphens")
        }
        return slug
    }
}

/// The `{id}` path segment of a document: a positive whole number.
enum DocumentParameter {
    static func read(_ context: some RequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), text.utf8.count <= 18, let id = Int64(text), id > 0 else {
            throw Problem(.badRequest, "parameter 'id' must be a positive whole number")
        }
        return id
    }
}
