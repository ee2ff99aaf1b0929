import ErrorKBCore
import MCP

/// One argument a tool takes. Its kind is both the JSON Schema the tool advertises and what
/// ``ToolArguments`` checks, so the two cannot disagree (as the REST API's query parameters).
struct ToolParameter: Sendable {
    enum Kind: Sendable {
        /// 1 to `maximumLength` characters, not blank.
        case text(maximumLength: Int)
        case slug
        case integer(ClosedRange<Int>)
        case enumeration([String])
        /// A cursor a previous answer gave.
        case cursor
        /// Header fields as an agent saw them: names to values.
        case fields(maximumCount: Int, maximumBytes: Int)
    }

    var name: String
    var description: String
    var kind: Kind
    var required = false

    var schema: Value {
        var schema: [String: Value] = ["description": .string(description)]
        switch kind {
        case .text(let maximumLength):
            schema["type"] = "string"
            schema["minLength"] = 1
            schema["maxLength"] = .int(maximumLength)
        case .slug:
            schema["type"] = "string"
            schema["pattern"] = .string(Vendor.slugPattern)
        case .integer(let range):
            schema["type"] = "integer"
            schema["minimum"] = .int(range.lowerBound)
            schema["maximum"] = .int(range.upperBound)
        case .enumeration(let values):
            schema["type"] = "string"
            schema["enum"] = .array(values.map(Value.string))
        case .cursor:
            schema["type"] = "string"
            schema["maxLength"] = .int(Cursor.maximumTokenLength)
        case .fields(let maximumCount, _):
            schema["type"] = "object"
            schema["additionalProperties"] = ["type": "string"]
            schema["maxProperties"] = .int(maximumCount)
        }
        return .object(schema)
    }

    static let vendor = ToolParameter(name: "vendor", description: "Only this vendor's variants (a vendor slug such as `akana`).", kind: .slug)
    static let kind = ToolParameter(
        name: "kind", description: "Only codes of this kind.", kind: .enumeration(CodeKind.allCases.map(\.rawValue)))
    static let httpClass = ToolParameter(
        name: "class", description: "Only HTTP codes of this class.", kind: .enumeration(["1xx", "2xx", "3xx", "4xx", "5xx"]))
    static let document = ToolParameter(
        name: "document", description: "Only variants from this document (its file name).", kind: .text(maximumLength: 255))
}

/// The input schema of a tool taking `parameters`: an object with exactly these properties.
func inputSchema(_ parameters: [ToolParameter]) -> Value {
    var properties: [String: Value] = [:]
    for parameter in parameters { properties[parameter.name] = parameter.schema }
    let required = parameters.filter(\.required).map { Value.string($0.name) }
    var schema: [String: Value] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
    if !required.isEmpty { schema["required"] = .array(required) }
    return .object(schema)
}
