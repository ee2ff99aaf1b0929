import ErrorKBCore
import Hummingbird

/// Reads a request's query strictly: a parameter the route does not know, or a value its
/// declared kind does not allow, is a 400 that names the parameter.
struct QueryReader {
    private var values: [String: String] = [:]
    private var cursor: Cursor?

    init(_ request: Request, path: APIPath) throws {
        try self.init(request, parameters: path.route.query)
    }

    init(_ request: Request, page: PagePath) throws {
        try self.init(request, parameters: page.query)
    }

    private init(_ request: Request, parameters: [QueryParameter]) throws {
        for (name, value) in request.uri.queryParameters {
            // `?&limit=5`, `a=1&&b=2`: an empty pair between separators names nothing (as in
            // WHATWG URL parsing), so it is skipped, not refused as a parameter without a name.
            if name.isEmpty && value.isEmpty { continue }
            let key = String(name)
            guard let parameter = parameters.first(where: { $0.name == key }) else {
                let names = parameters.map(\.name).sorted()
                let known = names.isEmpty ? "this route takes none" : "known: " + names.joined(separator: ", ")
                throw Problem(.badRequest, "unknown query parameter '\(key)' (\(known))")
            }
            guard values[key] == nil else { throw Problem(.badRequest, "query parameter '\(key)' is given twice") }
            // Hummingbird has percent-decoded the value already.
            let text = String(value)
            if let cursor = try Self.check(text, against: parameter) { self.cursor = cursor }
            values[key] = text
        }
        for parameter in parameters where parameter.required && values[parameter.name] == nil {
            throw Problem(.badRequest, "query parameter '\(parameter.name)' is required")
        }
    }

    /// The same rules the OpenAPI document states for the parameter's kind; a cursor comes back
    /// read.
    private static func check(_ value: String, against parameter: QueryParameter) throws -> Cursor? {
        let name = parameter.name
        switch parameter.kind {
        case .text(let maximumLength):
            guard (1...maximumLength).contains(value.unicodeScalars.count) else {
                throw Problem(.badRequest, "query parameter '\(name)' must be 1 to \(maximumLength) characters")
            }
        case .searchText:
            // No length limit of its own: the URI limit bounds it, and a search reads at most
            // `SearchQuery.maximumTerms` words.
            guard !SearchQuery.isBlank(value) else { throw Problem(.badRequest, "query parameter '\(name)' is blank") }
        case .filterText:
            break
        case .slug:
            guard Vendor.isValidSlug(value) else {
                throw Problem(.badRequest, "query parameter '\(name)' must be a vendor slug: lowercase letters, digits and hyphens")
            }
        case .limit:
            guard let number = Int(value), (1...PageRequest.maximumLimit).contains(number) else {
                throw Problem(.badRequest, "query parameter '\(name)' must be a whole number from 1 to \(PageRequest.maximumLimit)")
            }
        case .enumeration(let allowed):
            guard allowed.contains(value) else {
                throw Problem(.badRequest, "query parameter '\(name)' must be one of \(allowed.joined(separator: ", "))")
            }
        case .cursor:
            let parsed = parameter.isNumberCursor ? Cursor(numberToken: value) : Cursor(token: value)
            guard let parsed else { throw Problem(.badRequest, "query parameter '\(name)' is not a cursor this server issued") }
            return parsed
        }
        return nil
    }

    /// The value as given; it has passed its parameter's check.
    func string(_ name: String) -> String? { values[name] }

    var filter: CodeFilter {
        var filter = CodeFilter()
        filter.kind = values["kind"].flatMap(CodeKind.init(rawValue:))
        filter.httpClass = values["class"]
        filter.vendor = values["vendor"]
        filter.document = values["document"]
        filter.text = values["q"].flatMap { SearchQuery.isBlank($0) ? nil : $0 }
        return filter
    }

    var page: PageRequest {
        PageRequest(limit: values["limit"].flatMap { Int($0) } ?? 50, cursor: cursor)
    }
}
