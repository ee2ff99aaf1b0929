import Foundation

/// Checks a JSON value against a JSON Schema, for the subset the OpenAPI document uses: `$ref`
/// into `components/schemas`, `type`, `properties`, `required`, `additionalProperties: false`,
/// `items`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`. Returns every violation found.
public struct SchemaValidator {
    let schemas: [String: Any]

    public init(openAPI: Any) {
        let components = (openAPI as? [String: Any])?["components"] as? [String: Any]
        schemas = components?["schemas"] as? [String: Any] ?? [:]
    }

    public func violations(of value: Any, against schema: Any, at path: String = "$") -> [String] {
        guard let schema = schema as? [String: Any] else { return ["\(path): schema is not an object"] }
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { return ["\(path): unknown schema \(reference)"] }
            return violations(of: value, against: target, at: path)
        }
        var found: [String] = []
        if let options = schema["enum"] as? [Any], !options.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): \(value) is not one of \(options)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return found + ["\(path): not an object"] }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): missing required '\(key)'")
            }
            for (key, item) in object {
                if let property = properties[key] {
                    found += violations(of: item, against: property, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += violations(of: item, against: additional, at: "\(path).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    found.append("\(path): unexpected property '\(key)'")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return found + ["\(path): not an array"] }
            if let items = schema["items"] {
                for (index, item) in array.enumerated() { found += violations(of: item, against: items, at: "\(path)[\(index)]") }
            }
        case "string":
            guard let string = value as? String else { return found + ["\(path): not a string"] }
            // JSON Schema counts lengths in code points.
            let length = Double(string.unicodeScalars.count)
            if let minimum = (schema["minLength"] as? NSNumber)?.doubleValue, length < minimum { found.append("\(path): shorter than \(minimum)") }
            if let maximum = (schema["maxLength"] as? NSNumber)?.doubleValue, length > maximum { found.append("\(path): longer than \(maximum)") }
            if let pattern = schema["pattern"] as? String, string.range(of: Self.icuPattern(pattern), options: .regularExpression) == nil {
                found.append("\(path): '\(string)' does not match \(pattern)")
            }
        case "integer", "number":
            guard let number = value as? NSNumber, !isBoolean(value) else { return found + ["\(path): not a number"] }
            if schema["type"] as? String == "integer", number.doubleValue != number.doubleValue.rounded() {
                found.append("\(path): \(number) is not an integer")
            }
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { found.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { found.append("\(path): above \(maximum)") }
        case "boolean":
            if !isBoolean(value) { found.append("\(path): not a boolean") }
        default:
            break
        }
        return found
    }

    /// `is Bool` holds for any NSNumber on Linux, so ask the value's own type.
    private func isBoolean(_ value: Any) -> Bool {
        type(of: value) == Bool.self || (value as? NSNumber).map { String(cString: $0.objCType) == "c" } == true
    }

    /// ECMA-262's `$` (without the m flag) is the end of the text; ICU's also matches before a
    /// final newline, so a closing `$` is spelled `\z`.
    static func icuPattern(_ pattern: String) -> String {
        pattern.hasSuffix("$") && !pattern.hasSuffix("\\$") ? pattern.dropLast() + "\\z" : pattern
    }
}
