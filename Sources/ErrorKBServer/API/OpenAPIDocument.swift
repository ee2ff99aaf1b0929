import ErrorKBCore
import Foundation

/// The OpenAPI 3.1 description served at `/openapi.json`, built from the same route list the
/// router is built from, so every route, parameter and response is in it.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(document))) ?? Array("{}".utf8)
    }()

    static var document: JSONValue {
        var paths: [String: JSONValue] = [:]
        for route in APIPath.allCases.map(\.route) {
            paths[route.path.pattern] = ["get": operation(route, head: false), "head": operation(route, head: true)]
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "ErrorKB", "version": "1",
                "description": "The error knowledge base: HTTP statuses and string error codes, as every vendor, guide and standard describes them, beside the IANA registries, what the OAuth specifications prescribe and retry guidance quoted from the RFCs. Errors are RFC 9457 problems whose type is this API's own entry for the status. Problem types, Link headers and lookup links are relative to the server unless it was started with --public-url (or ERRORKB_PUBLIC_URL), which makes them absolute under that URL; a list's next is always a cursor, not a link.",
            ],
            "paths": .object(paths),
            "components": ["schemas": .object(Schemas.all)],
        ]
    }

    private static func operation(_ route: APIRoute, head: Bool) -> JSONValue {
        var parameters: [JSONValue] = route.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": pathSchema(name)]
        }
        parameters += route.query.map { parameter in
            let schema: JSONValue =
                switch parameter.kind {
                case .text(let maximumLength): ["type": "string", "minLength": 1, "maxLength": .number(Double(maximumLength))]
                case .searchText: ["type": "string", "minLength": 1, "pattern": .string(notBlankPattern)]
                case .filterText: ["type": "string"]
                case .slug: ["type": "string", "pattern": .string(Vendor.slugPattern)]
                case .limit: ["type": "integer", "minimum": 1, "maximum": .number(Double(PageRequest.maximumLimit))]
                case .enumeration(let values): ["type": "string", "enum": .array(values.map(JSONValue.string))]
                case .cursor(let pattern, let maximumLength):
                    ["type": "string", "minLength": 1, "maxLength": .number(Double(maximumLength)), "pattern": .string(pattern)]
                }
            // `?limit=` is refused like any other bad value, never read as "not given"; only
            // a filter's text may be empty.
            var allowsEmpty = false
            if case .filterText = parameter.kind { allowsEmpty = true }
            return [
                "name": .string(parameter.name), "in": "query", "required": .bool(parameter.required),
                "allowEmptyValue": .bool(allowsEmpty), "description": .string(parameter.description), "schema": schema,
            ]
        }
        var responses: [String: JSONValue] = [
            "200": head
                ? ["description": "As GET, without a body.", "headers": ["ETag": ["schema": ["type": "string"]]]]
                : [
                    "description": "OK", "headers": ["ETag": ["schema": ["type": "string"]]],
                    "content": [.init(stringLiteral: route.contentType.components(separatedBy: ";")[0]): ["schema": ["$ref": .string("#/components/schemas/\(route.schema)")]]],
                ],
            "304": ["description": "Not modified: the If-None-Match tag is still current."],
        ]
        for status in problemStatuses(route) {
            responses[String(status)] = head
                ? ["description": "A problem; HEAD carries no body."]
                : ["description": "An RFC 9457 problem.", "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
        }
        return [
            "operationId": .string(head ? route.operationID + "Head" : route.operationID), "summary": .string(route.summary),
            "parameters": .array(parameters), "responses": .object(responses),
        ]
    }

    /// A character outside `SearchQuery.whitespace`, written with `\u` escapes only, which
    /// ECMA-262, Python and PCRE read alike.
    static var notBlankPattern: String {
        func escaped(_ scalar: Unicode.Scalar) -> String {
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        let ranges = SearchQuery.whitespace.map { range in
            range.lowerBound == range.upperBound ? escaped(range.lowerBound) : escaped(range.lowerBound) + "-" + escaped(range.upperBound)
        }
        return "[^" + ranges.joined() + "]"
    }

    private static func problemStatuses(_ route: APIRoute) -> [Int] {
        var statuses = [400, 405, 406, 413, 414, 431, 500]
        if !route.pathParameters.isEmpty { statuses.append(404) }
        if route.path == .health { statuses.append(503) }
        return statuses.sorted()
    }

    private static func pathSchema(_ name: String) -> JSONValue {
        switch name {
        case "code": ["type": "string", "minLength": 1, "maxLength": .number(Double(ErrorCode.maximumLength)), "pattern": .string(ErrorCode.pattern)]
        case "slug": ["type": "string", "pattern": .string(Vendor.slugPattern)]
        case "id": ["type": "string", "pattern": "^[1-9][0-9]{0,17}$"]
        default: ["type": "string"]
        }
    }
}

/// The JSON schemas of every body the API serves, keys as they appear on the wire.
enum Schemas {
    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    private static let string: JSONValue = ["type": "string"]
    private static let integer: JSONValue = ["type": "integer"]
    private static let date: JSONValue = ["type": "string", "format": "date"]
    private static let strings: JSONValue = ["type": "array", "items": ["type": "string"]]
    private static let counts: JSONValue = ["type": "object", "additionalProperties": ["type": "integer"]]

    private static func object(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array(required.map(JSONValue.string)), "additionalProperties": false]
    }

    private static func list(_ item: String, paged: Bool) -> JSONValue {
        var properties: [String: JSONValue] = ["items": ["type": "array", "items": ref(item)]]
        if paged { properties["next"] = string }
        return object(properties, required: ["items"])
    }

    static let all: [String: JSONValue] = [
        "Problem": object(
            ["type": ["type": "string", "description": "This API's entry for the status: relative, or absolute under --public-url."], "title": string, "status": integer, "detail": string, "instance": string],
            required: ["type", "title", "status", "detail", "instance"]),
        "LineRange": object(["start": integer, "end": integer], required: ["start", "end"]),
        "Variant": object(
            [
                "id": integer, "code": string, "vendor": string, "document": string, "document_id": integer, "section": string,
                "title": string, "description": string, "http_status": ["type": "integer", "minimum": 100, "maximum": 599],
                "causes": strings, "fixes": strings, "lines": ref("LineRange"), "edited": ["type": "boolean"],
            ],
            required: ["id", "code", "vendor", "description", "causes", "fixes", "edited"]),
        "Code": object(
            [
                "code": string, "kind": ["enum": ["http", "oauth", "other"]], "http_class": string,
                "variants": ["type": "array", "items": ref("Variant")],
                "registrations": ["type": "array", "items": ref("Registration")],
                "prescriptions": ["type": "array", "items": ref("Prescription")],
                "retry": ["type": "array", "items": ref("RetryGuidance")],
                "divergences": ["type": "array", "items": ref("Divergence")],
            ],
            required: ["code", "kind", "variants", "registrations", "prescriptions", "retry", "divergences"]),
        "RegistryReference": object(
            ["text": string, "document": string, "section": string, "url": ["type": "string", "format": "uri"]],
            required: ["text", "document"]),
        "RegistrySource": object(
            ["document": string, "document_id": integer, "line": integer, "registry_as_of": date],
            required: ["document", "document_id", "line"]),
        "Registration": object(
            [
                "registry": ["enum": .array(RegistryKind.allCases.map { .string($0.rawValue) })], "value": string, "name": string,
                "status": ["enum": .array(RegistrationStatus.allCases.map { .string($0.rawValue) })],
                "registered": date, "extended": date, "expires": date, "expired": ["type": "boolean"],
                "usage_locations": strings, "protocol_extension": string, "change_controller": string,
                "references": ["type": "array", "items": ref("RegistryReference")], "source": ref("RegistrySource"),
            ],
            required: ["registry", "value", "status", "references", "source"]),
        "Prescription": object(
            [
                "usage_location": string, "delivery": ["enum": .array(Prescription.Delivery.allCases.map { .string($0.rawValue) })],
                "http_status": ["type": "integer", "minimum": 100, "maximum": 599],
                "requirement": ["enum": ["MUST", "SHOULD", "MAY", "default", "none"]],
                "references": ["type": "array", "items": ref("RegistryReference")], "quote": string, "source": ref("RegistrySource"),
            ],
            required: ["usage_location", "delivery", "requirement", "references", "quote", "source"]),
        "RetryGuidance": object(
            [
                "code": string, "context": string, "retry": ["enum": .array(RetryGuidance.Decision.allCases.map { .string($0.rawValue) })],
                "idempotent_only": ["type": "boolean"], "wait": string, "reference": string, "quote": string, "read_from": string,
            ],
            required: ["code", "retry", "idempotent_only", "reference", "quote", "read_from"]),
        "RetryGuidanceList": list("RetryGuidance", paged: false),
        "Divergence": object(
            [
                "code": string, "kind": ["enum": .array(Divergence.Kind.allCases.map { .string($0.rawValue) })], "variant_id": integer,
                "vendor": string, "says": string, "expected": string, "against": ["enum": ["registry", "specification", "variants"]],
                "detail": string,
            ],
            required: ["code", "kind", "variant_id", "vendor", "says", "expected", "against", "detail"]),
        "DivergenceList": list("Divergence", paged: true),
        "Lookup": object(
            [
                "query": string,
                "items": [
                    "type": "array",
                    "items": object(
                        [
                            "code": string, "match": ["enum": ["code", "http_status", "code_spelling", "title"]], "matched_text": string,
                            "link": string,
                        ], required: ["code", "match", "matched_text", "link"]),
                ],
            ],
            required: ["query", "items"]),
        "CodeSummary": object(
            ["code": string, "kind": ["enum": ["http", "oauth", "other"]], "http_class": string, "titles": strings, "vendors": strings, "variant_count": integer],
            required: ["code", "kind", "titles", "vendors", "variant_count"]),
        "Facets": object(
            ["by_class": counts, "by_vendor": counts, "by_kind": counts, "by_document": counts],
            required: ["by_class", "by_vendor", "by_kind", "by_document"]),
        "CodeList": object(
            ["items": ["type": "array", "items": ref("CodeSummary")], "next": string, "facets": ref("Facets")],
            required: ["items", "facets"]),
        "SearchHit": object(
            [
                "variant_id": integer, "code": string, "kind": ["enum": ["http", "oauth", "other"]], "vendor": string, "document": string,
                "section": string, "title": string, "snippet": string, "rank": ["type": "number"],
            ],
            required: ["variant_id", "code", "kind", "vendor", "snippet", "rank"]),
        "SearchResults": list("SearchHit", paged: true),
        "Vendor": object(
            ["slug": string, "name": string, "kind": ["enum": .array(VendorKind.allCases.map { .string($0.rawValue) })], "document_count": integer, "variant_count": integer, "code_count": integer],
            required: ["slug", "name", "kind", "document_count", "variant_count", "code_count"]),
        "VendorList": list("Vendor", paged: false),
        "VendorDetail": object(["vendor": ref("Vendor"), "documents": ["type": "array", "items": ref("Document")]], required: ["vendor", "documents"]),
        "Document": object(
            [
                "id": integer, "file_name": string, "vendor": string, "title": string, "sha256": string, "line_count": integer,
                "imported_at": string, "variant_count": integer,
            ],
            required: ["id", "file_name", "vendor", "sha256", "line_count", "imported_at", "variant_count"]),
        "DocumentList": list("Document", paged: false),
        "RevisionChange": object(
            ["entity": ["enum": ["vendor", "code", "document", "variant", "guidance"]], "key": string, "code": string, "before": [:], "after": [:]],
            required: ["entity", "key", "before", "after"]),
        "Revision": object(
            [
                "id": integer, "created_at": string, "actor": string, "action": string, "summary": string, "reverts": integer,
                "changes": ["type": "array", "items": ref("RevisionChange")],
            ],
            required: ["id", "created_at", "actor", "action", "summary", "changes"]),
        "RevisionList": list("Revision", paged: true),
        "Health": object(
            ["status": ["enum": ["ok", "degraded"]], "schema_version": integer, "pending_migrations": strings, "codes": integer],
            required: ["status", "schema_version", "pending_migrations", "codes"]),
        "Metrics": ["type": "string", "description": "Prometheus text exposition format."],
        "OpenAPI": ["type": "object"],
    ]
}
