import ErrorKBCore
import MCP

/// A tool call's arguments, checked strictly against the tool's parameters: an argument the
/// tool does not know, a missing required one, or a value its kind does not allow is an
/// `invalid params` error that names the argument. Clients do not always validate against the
/// advertised schema, so the server does.
struct ToolArguments {
    private var values: [String: Value]

    init(_ arguments: [String: Value]?, parameters: [ToolParameter], tool: String) throws {
        let arguments = arguments ?? [:]
        for name in arguments.keys.sorted() where !parameters.contains(where: { $0.name == name }) {
            let known = parameters.map(\.name).sorted().joined(separator: ", ")
            throw MCPError.invalidParams("\(tool): unknown argument \(name.quotedForMessage()) (known: \(known))")
        }
        values = [:]
        for parameter in parameters {
            guard let value = arguments[parameter.name], !value.isNull else {
                if parameter.required { throw MCPError.invalidParams("\(tool): argument '\(parameter.name)' is required") }
                continue
            }
            try Self.check(value, against: parameter, tool: tool)
            values[parameter.name] = value
        }
    }

    private static func check(_ value: Value, against parameter: ToolParameter, tool: String) throws {
        let name = parameter.name
        func refuse(_ rule: String) -> MCPError { .invalidParams("\(tool): argument '\(name)' must be \(rule)") }
        switch parameter.kind {
        case .text(let maximumLength):
            guard let text = value.stringValue else { throw refuse("a string") }
            guard (1...maximumLength).contains(text.unicodeScalars.count), !SearchQuery.isBlank(text) else {
                throw refuse("1 to \(maximumLength) characters, not blank")
            }
        case .slug:
            guard let text = value.stringValue, Vendor.isValidSlug(text) else {
                throw refuse("a vendor slug: lowercase letters, digits and hyphens")
            }
        case .integer(let range):
            guard let number = Self.integer(value), range.contains(number) else {
                throw refuse("a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
        case .enumeration(let allowed):
            guard let text = value.stringValue, allowed.contains(text) else { throw refuse("one of \(allowed.joined(separator: ", "))") }
        case .cursor:
            guard let text = value.stringValue, Cursor(numberToken: text) != nil || Cursor(token: text) != nil else {
                throw refuse("a cursor a previous answer gave")
            }
        case .fields(let maximumCount, let maximumBytes):
            guard let object = value.objectValue else { throw refuse("an object of header names to string values") }
            guard object.count <= maximumCount else { throw refuse("at most \(maximumCount) header fields") }
            var bytes = 0
            for (field, fieldValue) in object {
                guard let text = fieldValue.stringValue else { throw refuse("an object whose values are strings ('\(field)' is not)") }
                bytes += field.utf8.count + text.utf8.count
            }
            guard bytes <= maximumBytes else { throw refuse("at most \(maximumBytes) bytes of header fields") }
        }
    }

    /// JSON has one number type: `5` may arrive as an integer or as `5.0`.
    private static func integer(_ value: Value) -> Int? {
        if let number = value.intValue { return number }
        if let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        return nil
    }

    func string(_ name: String) -> String? { values[name]?.stringValue }

    func integer(_ name: String) -> Int? { values[name].flatMap(Self.integer) }

    /// Header fields in name order (names as given).
    func fields(_ name: String) -> [(name: String, value: String)] {
        guard let object = values[name]?.objectValue else { return [] }
        return object.keys.sorted().compactMap { key in object[key]?.stringValue.map { (key, $0) } }
    }

    var filter: CodeFilter {
        CodeFilter(
            kind: string("kind").flatMap(CodeKind.init(rawValue:)), httpClass: string("class"), vendor: string("vendor"),
            document: string("document"))
    }
}
