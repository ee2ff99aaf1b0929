import Foundation
import MCP
import Testing

@testable import ErrorKBMCP

/// Issue 27, finding 7: every message is judged before the SDK sees it, by JSON-RPC 2.0 and
/// MCP's id rule, so none is left without an answer.
@Suite("MCP: JSON-RPC messages judged before the SDK")
struct MCPJSONRPCMessageTests {
    static func read(_ text: String) -> JSONRPCMessage.Incoming { JSONRPCMessage.read(Data(text.utf8)) }

    @Test("requests, notifications and responses pass; the ids MCP allows are strings and integers")
    func validMessages() {
        #expect(Self.read(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#) == .single(.request(id: .number(1), method: "ping")))
        #expect(Self.read(#"{"jsonrpc":"2.0","id":"a","method":"ping","params":{}}"#) == .single(.request(id: .string("a"), method: "ping")))
        #expect(Self.read(#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}"#).requestIDs == [.number(Int.min)])
        #expect(Self.read(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) == .single(.notification(method: "notifications/initialized", cancels: nil)))
        #expect(
            Self.read(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"x"}}"#)
                == .single(.notification(method: "notifications/cancelled", cancels: .string("x"))))
        #expect(Self.read(#"{"jsonrpc":"2.0","id":3,"result":{}}"#) == .single(.response(id: .number(3))))
        #expect(Self.read(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}}"#) == .single(.response(id: nil)))
        #expect(Self.read(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"n"}]"#).refusal == nil)
    }

    @Test("what is no message is refused: -32700 for what is not JSON, -32600 for the rest, id null unless it was valid")
    func refusals() throws {
        func error(_ text: String) throws -> [String: Any] {
            let refusal = try #require(Self.read(text).refusal, "\(text) was passed on")
            let object = try #require(try JSONSerialization.jsonObject(with: refusal) as? [String: Any])
            return object
        }
        for text in ["{", "nul", "\u{FF}", ""] {
            let answer = try error(text)
            #expect(answer["id"] is NSNull)
            #expect((answer["error"] as? [String: Any])?["code"] as? Int == -32700)
        }
        for text in [
            #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":1e20,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, "42", #""text""#, "[]", #"{"jsonrpc":"2.0","id":1,"result":{}, "error":{}}"#,
            #"{"jsonrpc":"2.0","id":true,"result":{}}"#, #"{"jsonrpc":"2.0","id":7}"#, #"{"jsonrpc":"1.0","id":7,"result":{}}"#,
        ] {
            let answer = try error(text)
            #expect(answer["id"] is NSNull, "\(text)")
            #expect((answer["error"] as? [String: Any])?["code"] as? Int == -32600, "\(text)")
        }
        // A request's own id, when valid, is answered to; a broken response's never is.
        for text in [
            #"{"jsonrpc":"1.0","id":7,"method":"ping"}"#, #"{"id":7,"method":"ping"}"#, #"{"jsonrpc":"2.0","id":7,"method":5}"#,
            #"{"jsonrpc":"2.0","id":7,"method":"ping","params":"x"}"#,
        ] {
            let answer = try error(text)
            #expect(answer["id"] as? Int == 7, "\(text): a valid id is answered to")
            #expect((answer["error"] as? [String: Any])?["code"] as? Int == -32600, "\(text)")
        }
        let batch = try #require(Self.read(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2.5,"method":"ping"}]"#).refusal)
        let answers = try #require(try JSONSerialization.jsonObject(with: batch) as? [[String: Any]])
        #expect(answers.count == 2, "one answer for each request in the refused batch")
        #expect(answers.contains { $0["id"] as? Int == 1 } && answers.contains { $0["id"] is NSNull })
    }

    @Test("the ledger ends its wait once every request is answered, cancelled, or the output is gone")
    func ledger() async {
        let ledger = RequestLedger()
        ledger.opened([.number(1), .string("1"), .number(2)])
        ledger.answered(Data(#"{"jsonrpc":"2.0","id":1,"result":{}}"#.utf8))
        ledger.answered(Data(#"[{"jsonrpc":"2.0","id":"1","result":{}}]"#.utf8))
        ledger.cancelled(.number(2))
        await ledger.drained()
        let abandoned = RequestLedger()
        abandoned.opened([.number(9)])
        abandoned.abandon()
        await abandoned.drained()
    }
}
