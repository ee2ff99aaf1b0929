import ErrorKBCore
import ErrorKBImport
import Foundation

/// Reads an `errorkb export --format json` file for restoring.
enum ExportFile {
    static func read(_ path: String) throws -> KnowledgeBaseExport {
        // An export holds the whole knowledge base: no per-document limit, only the machine's.
        let data = Data(try LocalFile.read(path, limit: Int.max))
        do {
            return try JSONDecoder().decode(KnowledgeBaseExport.self, from: data)
        } catch let error as DecodingError {
            throw ImportRefusal.invalidExport(file: path, reason: describe(error, in: data))
        }
    }

    /// Why text the decoder refused as a whole is no export. Foundation's decoder says "not
    /// valid JSON" also for JSON whose number does not fit its field (`"line_count": 1e30`);
    /// the tolerant parser tells the two apart and finds the number.
    private static func wholeTextReason(_ data: Data) -> String {
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            if let path = oversizedNumber(in: value, at: "") { return "a number too large for its field at \(path)" }
            return "not an export"
        } catch {
            let words = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            // JSON puts no bound on numbers; this one is beyond what any field can hold.
            if words.contains("not representable") { return "a number too large for any field (\(words))" }
            return "not JSON (\(words))"
        }
    }

    /// Where the first number that is no 64-bit integer is, in key order (`.codes[3].variants[0].line`).
    private static func oversizedNumber(in value: Any, at path: String) -> String? {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = oversizedNumber(in: object[key] as Any, at: path + "." + key) { return found }
            }
        case let array as [Any]:
            for (index, item) in array.enumerated() {
                if let found = oversizedNumber(in: item, at: path + "[\(index)]") { return found }
            }
        case let number as NSNumber where !(number is Bool):
            if Int64(exactly: number.doubleValue) == nil, number.doubleValue.rounded() == number.doubleValue { return path }
        default: break
        }
        return nil
    }

    /// The decoder's own words, and those of the error beneath, one line and not too long.
    private static func detail(_ context: DecodingError.Context) -> String {
        var words = context.debugDescription
        if let underlying = context.underlyingError { words += " " + String(describing: underlying) }
        let line = words.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }

    private static func describe(_ error: DecodingError, in data: Data) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(at(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong value\(at(context))"
        // Where the decoder was says which: at the top the text is no JSON; inside, the JSON
        // read fine and one value does not fit (a number too large for its field, say).
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return wholeTextReason(data)
        case .dataCorrupted(let context): return "a value that does not fit\(at(context)) (\(detail(context)))"
        @unknown default: return "not an export"
        }
    }
}
