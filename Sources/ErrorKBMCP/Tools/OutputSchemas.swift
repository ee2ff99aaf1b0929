import MCP

/// The JSON Schemas of the tools' structured results. Clients validate results against them
/// (the Python SDK does), so they state exactly what ``ToolAnswer`` encodes: snake_case keys,
/// optional fields left out when empty.
enum OutputSchemas {
    static func object(_ properties: [String: Value], required: [String]) -> Value {
        ["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string))]
    }

    static func array(_ items: Value) -> Value { ["type": "array", "items": items] }

    static let string: Value = ["type": "string"]
    static let integer: Value = ["type": "integer"]
    static let number: Value = ["type": "number"]
    static let boolean: Value = ["type": "boolean"]
    static let strings = array(string)
    static let integers = array(integer)

    static let lines = object(["start": integer, "end": integer], required: ["start", "end"])

    static let source = object(
        [
            "vendor": string, "document": string, "document_id": integer, "lines": lines, "citation": string, "link": string,
            "page": string, "document_resource": string,
        ], required: ["vendor", "citation", "link", "page"])

    static let variant = object(
        [
            "id": integer, "code": string, "vendor": string, "title": string, "description": string, "http_status": integer,
            "causes": strings, "fixes": strings, "section": string, "document": string, "document_id": integer, "lines": lines,
            "edited": boolean, "source": source,
        ], required: ["id", "code", "vendor", "description", "causes", "fixes", "edited", "source"])

    static let code = object(
        [
            "code": string, "kind": string, "http_class": string, "link": string, "page": string, "resource": string, "variants": array(variant),
        ], required: ["code", "kind", "link", "page", "resource", "variants"])

    /// A code as a name matched it.
    static let match = object(
        [
            "matched_by": ["type": "string", "enum": ["code", "http_status", "code_spelling", "title"]],
            "matched_text": string, "entry": code,
        ], required: ["matched_by", "matched_text", "entry"])

    static func position(_ value: Value) -> Value {
        object(["value": value, "variant_ids": integers, "vendors": strings], required: ["value", "variant_ids", "vendors"])
    }

    static let comparison = object(
        [
            "code": string, "variant_count": integer, "titles": array(position(string)), "http_statuses": array(position(integer)),
            "without_http_status": integers,
            "disagreements": array(["type": "string", "enum": ["title", "http_status"]]),
            "with_causes": integers, "with_fixes": integers,
        ],
        required: [
            "code", "variant_count", "titles", "http_statuses", "without_http_status", "disagreements", "with_causes", "with_fixes",
        ])
}
