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
            throw ImportRefusal.invalidExport(file: path, reason: describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(at(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong value\(at(context))"
        case .dataCorrupted(let context): return "not JSON\(at(context))"
        @unknown default: return "not an export"
        }
    }
}
