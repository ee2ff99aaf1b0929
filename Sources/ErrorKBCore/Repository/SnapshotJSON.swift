/// Writes variant and code snapshots as compact JSON with sorted keys by hand: an import records
/// one per row, and Foundation's encoder was a sixth of the import's time. `JSONDecoder` reads
/// them back like any other JSON.
extension VariantSnapshot {
    var jsonText: String {
        var json = JSONText()
        json.open()
        json.key("causes"); json.strings(causes)
        json.key("code"); json.string(code)
        json.key("description"); json.string(description)
        json.key("document"); json.string(document)
        json.key("edited"); json.raw(edited ? "true" : "false")
        json.key("fixes"); json.strings(fixes)
        json.key("httpStatus"); json.number(httpStatus)
        json.key("id"); json.raw(String(id))
        json.key("lineEnd"); json.number(lineEnd)
        json.key("lineStart"); json.number(lineStart)
        json.key("occurrence"); json.raw(String(occurrence))
        json.key("position"); json.raw(String(position))
        json.key("section"); json.string(section)
        json.key("title"); json.string(title)
        json.key("vendor"); json.string(vendor)
        json.close()
        return json.text
    }
}

extension CodeSnapshot {
    var jsonText: String {
        var json = JSONText()
        json.open()
        json.key("code"); json.string(code)
        json.key("kind"); json.string(kind.rawValue)
        json.close()
        return json.text
    }
}

struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func open() {
        text += "{"
        needsComma = false
    }

    mutating func close() { text += "}" }

    mutating func key(_ name: String) {
        if needsComma { text += "," }
        text += "\"\(name)\":"
        needsComma = true
    }

    mutating func raw(_ value: String) { text += value }

    mutating func number(_ value: Int?) { text += value.map(String.init) ?? "null" }

    mutating func string(_ value: String?) {
        guard let value else {
            text += "null"
            return
        }
        text += "\""
        // Most text needs no escaping at all: append it whole.
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            text += value
            text += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    mutating func strings(_ values: [String]) {
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            string(value)
        }
        text += "]"
    }
}
