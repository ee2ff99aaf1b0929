import Foundation
import MCP

/// A JSON-RPC id as MCP allows it: a string or an integer, never null, a fraction or a boolean.
public enum JSONRPCID: Hashable, Sendable {
    case string(String)
    case number(Int)

    init?(_ value: Value?) {
        switch value {
        case .string(let text): self = .string(text)
        case .int(let number): self = .number(number)
        default: return nil
        }
    }

    var json: Value {
        switch self {
        case .string(let text): .string(text)
        case .number(let number): .int(number)
        }
    }
}

/// One JSON-RPC message as read, before the SDK sees it: what it is, or why it is no message.
///
/// The SDK's server answers what it cannot decode with a parse error under a random id, and
/// what it decodes only partly (an id of `1.5`, `true` or `1e20`, `"jsonrpc":"1.0"`) not at
/// all; a stdio client then waits forever and so did the transport, for an answer that never
/// came. Every message is judged here first, by JSON-RPC 2.0 and MCP's stricter id rule, and
/// what is not a message is answered here.
public enum JSONRPCMessage: Sendable, Equatable {
    case request(id: JSONRPCID, method: String)
    /// `cancels`: the request a `notifications/cancelled` names, which will get no answer.
    case notification(method: String, cancels: JSONRPCID?)
    case response(id: JSONRPCID?)
    /// Not a message: answered with -32600, to its id when it has a valid one (else null).
    case invalid(id: JSONRPCID?, reason: String)

    /// What a line or body holds: one message, a batch of them, or no JSON at all.
    public enum Incoming: Sendable, Equatable {
        case single(JSONRPCMessage)
        case batch([JSONRPCMessage])
        /// Not JSON, or an empty batch: one error, id null.
        case refused(JSONRPCError)
    }

    public static func read(_ data: Data) -> Incoming {
        let value: Value
        do { value = try JSONDecoder().decode(Value.self, from: data) } catch {
            return .refused(.parseError("the message is not JSON"))
        }
        guard case .array(let items) = value else { return .single(classify(value)) }
        guard !items.isEmpty else { return .refused(.invalidRequest(id: nil, "an empty batch holds no request")) }
        return .batch(items.map(classify))
    }

    static func classify(_ value: Value) -> JSONRPCMessage {
        guard case .object(let fields) = value else {
            return .invalid(id: nil, reason: "a message must be a JSON object")
        }
        let idField = fields["id"]
        let id = JSONRPCID(idField)
        // Only a request is answered to its id: an error under the id of a broken response
        // would be read by the client as the answer to its own request of that id.
        let isRequest = fields["method"] != nil
        func invalid(_ reason: String) -> JSONRPCMessage { .invalid(id: isRequest ? id : nil, reason: reason) }
        guard fields["jsonrpc"] == .string("2.0") else { return invalid("\"jsonrpc\" must be \"2.0\"") }
        if let method = fields["method"] {
            guard case .string(let name) = method else { return invalid("\"method\" must be a string") }
            switch fields["params"] {
            case nil, .object?, .array?: break
            default: return invalid("\"params\" must be an object or an array")
            }
            guard let idField else {
                let cancelled = name == CancelledNotification.name ? fields["params"]?.objectValue?["requestId"] : nil
                return .notification(method: name, cancels: JSONRPCID(cancelled))
            }
            guard let id else { return .invalid(id: nil, reason: "\"id\" must be a string or an integer, not \(describe(idField))") }
            return .request(id: id, method: name)
        }
        let hasResult = fields["result"] != nil
        let hasError = fields["error"] != nil
        guard hasResult != hasError else {
            return invalid(hasResult ? "a response has a result or an error, not both" : "neither a request, a notification nor a response")
        }
        // An error answering what could not be read carries id null; a result never does.
        guard id != nil || (hasError && idField == .null) else {
            return .invalid(id: nil, reason: "a response's \"id\" must be a string or an integer")
        }
        return .response(id: id)
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .double: "a number with a fraction or beyond 64 bits"
        case .array: "an array"
        case .object: "an object"
        default: "that"
        }
    }
}

/// A JSON-RPC error answered by ErrorKB itself, before the SDK: `-32700` or `-32600`.
public struct JSONRPCError: Sendable, Equatable {
    var id: JSONRPCID?
    var code: Int
    var message: String

    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(id: nil, code: -32700, message: "Parse error: \(detail)")
    }

    public static func invalidRequest(id: JSONRPCID?, _ detail: String) -> JSONRPCError {
        JSONRPCError(id: id, code: -32600, message: "Invalid Request: \(detail)")
    }

    /// The error object, as one JSON value.
    var json: Value {
        .object(["jsonrpc": .string("2.0"), "id": id?.json ?? .null, "error": .object(["code": .int(code), "message": .string(message)])])
    }

    /// The errors as one message: an object, or an array for a batch.
    public static func encode(_ errors: [JSONRPCError], asBatch: Bool) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let value: Value = asBatch ? .array(errors.map(\.json)) : errors.first?.json ?? .null
        return (try? encoder.encode(value)) ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error"}}"#.utf8)
    }
}

extension JSONRPCMessage.Incoming {
    /// The answer ErrorKB gives itself, if the message is not one to pass on to the SDK: a
    /// batch with any item that is no message is refused whole, each request in it by its id,
    /// so that every request read gets exactly one answer.
    public var refusal: Data? {
        switch self {
        case .refused(let error): return JSONRPCError.encode([error], asBatch: false)
        case .single(.invalid(let id, let reason)): return JSONRPCError.encode([.invalidRequest(id: id, reason)], asBatch: false)
        case .single: return nil
        case .batch(let items):
            guard let bad = items.firstIndex(where: { if case .invalid = $0 { true } else { false } }) else { return nil }
            let errors = items.enumerated().compactMap { index, item -> JSONRPCError? in
                switch item {
                case .invalid(let id, let reason): .invalidRequest(id: id, "batch item \(index + 1): \(reason)")
                case .request(let id, _): .invalidRequest(id: id, "not run: batch item \(bad + 1) is not a valid message")
                case .notification, .response: nil
                }
            }
            return JSONRPCError.encode(errors, asBatch: true)
        }
    }

    /// The requests in it that the SDK will answer, when it is passed on.
    public var requestIDs: [JSONRPCID] {
        let items: [JSONRPCMessage]
        switch self {
        case .single(let item): items = [item]
        case .batch(let batch): items = batch
        case .refused: items = []
        }
        return items.compactMap { if case .request(let id, _) = $0 { id } else { nil } }
    }
}
