import Foundation
import MCP

/// A method whose parameters reach the handler as they came, so that ErrorKB, not the SDK,
/// decides what malformed parameters are: the SDK turns a decoding failure into `-32603
/// Internal error`, where JSON-RPC has `-32602 Invalid params` (array `arguments`, a number
/// for a `uri`). Registered under `M`'s name.
struct UncheckedParameters<M: MCP.Method>: MCP.Method {
    static var name: String { M.name }
    typealias Parameters = Value
    typealias Result = M.Result
}

extension Server {
    /// Registers `handler` for `M`, its parameters decoded here and any that do not fit
    /// refused with `-32602`, naming what is wrong.
    @discardableResult
    func withCheckedMethodHandler<M: MCP.Method>(
        _ type: M.Type, handler: @escaping @Sendable (M.Parameters) async throws -> M.Result
    ) -> Self {
        withMethodHandler(UncheckedParameters<M>.self) { value in
            try await handler(try CheckedParameters.decode(M.Parameters.self, from: value, method: M.name))
        }
    }
}

enum CheckedParameters {
    static func decode<P: Decodable>(_ type: P.Type, from value: Value, method: String) throws -> P {
        // Absent parameters are the empty ones, for methods whose parameters are all optional.
        if value == .null, let empty = type as? any NotRequired.Type, let parameters = empty.init() as? P {
            return parameters
        }
        do {
            return try JSONDecoder().decode(P.self, from: JSONEncoder().encode(value))
        } catch let error as DecodingError {
            throw MCPError.invalidParams("\(method): \(describe(error))")
        }
    }

    /// The decoding failure in a client's words: which parameter, and what it must be.
    static func describe(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            let names = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? "params" : "params." + names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "'\(place(context.codingPath + [key]))' is required"
        case .typeMismatch(let type, let context): return "'\(place(context.codingPath))' must be \(kind(of: type))"
        case .valueNotFound(let type, let context): return "'\(place(context.codingPath))' must be \(kind(of: type)), not null"
        case .dataCorrupted(let context): return "'\(place(context.codingPath))' is not valid: \(context.debugDescription)"
        @unknown default: return "the parameters do not fit the method"
        }
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Dictionary") ? "an object" : "an object or value of another shape"
        }
    }
}
