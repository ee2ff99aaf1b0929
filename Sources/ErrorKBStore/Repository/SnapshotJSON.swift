import ErrorKBCore

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

/// Builds JSON as UTF-8 bytes: appending to a `String` piece by piece re-checks its storage on
/// every append, and a snapshot is some twenty appends (6% of an import's samples when it did).
struct JSONText {
    private var bytes: [UInt8]
    private var needsComma = false

    init(capacity: Int = 1_024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = true
    }

    mutating func raw(_ value: String) { bytes.append(contentsOf: value.utf8) }

    mutating func number(_ value: Int?) {
        guard let value else { return raw("null") }
        raw(String(value))
    }

    mutating func string(_ value: String?) {
        guard var value else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        // Scanned as one buffer: iterating `String.UTF8View` byte by byte was 2% of an import.
        value.withUTF8 { utf8 in
            // Most text needs no escaping at all: copy it whole.
            guard utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 { appendEscaping(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaping(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        case 0..<0x20:
            let hex = String(byte, radix: 16)
            raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        // UTF-8 never uses bytes below 0x80 inside a multi-byte character, so every other
        // byte, ASCII or not, is copied as it is.
        default: bytes.append(byte)
        }
    }

    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
