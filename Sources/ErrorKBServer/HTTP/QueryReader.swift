import ErrorKBCore
import Hummingbird

/// Reads a request's query strictly: a parameter the route does not know, or a value it cannot
/// use, is a 400 that names the parameter.
struct QueryReader {
    private var values: [String: String] = [:]
    private let route: APIRoute

    init(_ request: Request, route: APIRoute) throws {
        self.route = route
        let allowed = Set(route.query.map(\.name))
        for (name, value) in request.uri.queryParameters {
            let key = String(name)
            guard allowed.contains(key) else {
                let known = allowed.isEmpty ? "this route takes none" : "known: " + allowed.sorted().joined(separator: ", ")
                throw Problem(.badRequest, "unknown query parameter '\(key)' (\(known))")
            }
            guard values[key] == nil else { throw Problem(.badRequest, "query parameter '\(key)' is given twice") }
            // Hummingbird has percent-decoded the value already.
            values[key] = String(value)
        }
        for parameter in route.query where parameter.required && (values[parameter.name] ?? "").isEmpty {
            throw Problem(.badRequest, "query parameter '\(parameter.name)' is required")
        }
    }

    func string(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty, value.utf8.count <= 1024 else {
            throw Problem(.badRequest, "query parameter '\(name)' must be 1 to 1024 bytes")
        }
        return value
    }

    var filter: CodeFilter {
        get throws {
            var filter = CodeFilter()
            if let kind = try string("kind") {
                guard let parsed = CodeKind(rawValue: kind) else {
                    throw Problem(.badRequest, "query parameter 'kind' must be http, oauth or other")
                }
                filter.kind = parsed
            }
            if let httpClass = try string("class") {
                guard let normalized = CodeFilter.normalizedClass(httpClass) else {
                    throw Problem(.badRequest, "query parameter 'class' must be 1xx, 2xx, 3xx, 4xx or 5xx")
                }
                filter.httpClass = normalized
            }
            filter.vendor = try string("vendor")
            filter.document = try string("document")
            filter.text = try string("q")
            return filter
        }
    }

    var page: PageRequest {
        get throws {
            var limit = 50
            if let text = try string("limit") {
                guard let value = Int(text), (1...PageRequest.maximumLimit).contains(value) else {
                    throw Problem(.badRequest, "query parameter 'limit' must be a whole number from 1 to \(PageRequest.maximumLimit)")
                }
                limit = value
            }
            var cursor: Cursor?
            if let token = try string("cursor") {
                let numbered = route.query.contains { $0.name == "cursor" && $0.isNumberCursor }
                guard let parsed = numbered ? Cursor(numberToken: token) : Cursor(token: token) else {
                    throw Problem(.badRequest, "query parameter 'cursor' is not a cursor this server issued")
                }
                cursor = parsed
            }
            return PageRequest(limit: limit, cursor: cursor)
        }
    }
}
