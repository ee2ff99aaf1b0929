import ErrorKBCore
import ErrorKBTestSupport
import Foundation
import Testing

@testable import ErrorKBImport

/// Pages the importer has never seen, in the layouts it must know: nothing here is a seed.
@Suite("Layouts beyond the seeds")
struct LayoutTests {
    private func parse(fixture name: String) throws -> ParsedDocument {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return DocumentParser.parse(try SourceText(bytes: Array(try Data(contentsOf: url)), fileName: name))
    }

    private func parse(_ text: String) throws -> ParsedDocument {
        DocumentParser.parse(try SourceText(bytes: Array(text.utf8), fileName: "inline.md"))
    }

    @Test("RFC 9110 §15 in RFC text format: numbered headings, wrapped paragraphs, page breaks, examples")
    func rfcTextFormat() throws {
        let parsed = try parse(fixture: "rfc9110-section15.txt")
        #expect(parsed.entries.map(\.code) == ["400", "401", "413", "503"])
        #expect(parsed.entries.map(\.section) == ["Client Error 4xx", "Client Error 4xx", "Client Error 4xx", "Server Error 5xx"])
        #expect(parsed.entries.map(\.title) == ["Bad Request", "Unauthorized", "Content Too Large", "Service Unavailable"])
        let unauthorized = parsed.entries[1]
        #expect(unauthorized.description.hasPrefix("The 401 (Unauthorized) status code indicates that the request has not been applied"))
        #expect(unauthorized.description.hasSuffix("authorization has been refused for those credentials."))
        #expect(unauthorized.description.components(separatedBy: "\n\n").count == 2)
        #expect(!parsed.entries[2].description.contains("HTTP/1.1"))
        #expect(parsed.unplaced.contains { $0.text.contains("[Page 172]") && $0.reason == .chrome })
        #expect(parsed.unplaced.contains { $0.text.contains("HTTP/1.1 413 Content Too Large") })
    }

    @Test("RFC 6749 §5.2: indented error codes under a parameter; parameters are not errors; the status the prose states")
    func rfcErrorList() throws {
        let parsed = try parse(fixture: "rfc6749-section5.2.txt")
        #expect(parsed.entries.map(\.code) == ["invalid_request", "invalid_client", "invalid_grant", "unsupported_grant_type"])
        #expect(parsed.entries.allSatisfy { $0.kind == .oauth && $0.title == nil })
        // "responds with an HTTP 400 (Bad Request) status code (unless specified otherwise)";
        // invalid_client's own text says 401.
        #expect(parsed.entries.map(\.httpStatus) == [400, 401, 400, 400])
        #expect(parsed.entries[1].description.hasSuffix("which HTTP authentication schemes are supported."))
        #expect(!parsed.entries[3].description.contains("Values for"))
        #expect(!parsed.entries.contains { $0.code == "error_description" })
    }

    @Test("a markdown table with its columns in any order, a status column, and a fenced example")
    func markdownTableAnyColumnOrder() throws {
        let parsed = try parse(fixture: "payments-errors.md")
        #expect(parsed.title == "Payments API errors")
        #expect(parsed.entries.map(\.code) == ["idempotency_key_in_use", "card_declined", "rate_limit_exceeded"])
        #expect(parsed.entries.map(\.httpStatus) == [409, 402, 429])
        #expect(parsed.entries.allSatisfy { $0.kind == .other && $0.section == "Payments API errors > Error codes" })
        #expect(parsed.entries[1].fixes == ["Check the card number, e.g. with a Luhn test.", "Ask for another card."])
        #expect(parsed.entries[1].description == "The card was declined.")
        #expect(!parsed.entries.contains { $0.code == "404" || $0.code == "resource_missing" })
    }

    @Test("an HTML table, with entities, a row span, and the page's navigation left out")
    func htmlTable() throws {
        let parsed = try parse(fixture: "gateway-guide.html")
        #expect(parsed.entries.map(\.code) == ["502", "503", "504"])
        #expect(parsed.entries.map(\.title) == ["Bad Gateway", "Service Unavailable", "Gateway Timeout"])
        #expect(parsed.entries[1].causes == ["The upstream crashed.", "The upstream is being deployed."])
        #expect(parsed.entries[2].description == "The upstream did not answer within 30 s.")
        #expect(parsed.entries.allSatisfy { $0.section == nil })
        #expect(parsed.entries[0].lines.start == 10)
    }

    @Test("Cause: and Fix: lists under a code, inline or as list items")
    func causeAndFixLists() throws {
        let parsed = try parse(fixture: "troubleshooting.md")
        #expect(parsed.entries.map(\.code) == ["401", "invalid_token"])
        #expect(parsed.entries.allSatisfy { $0.section == "Authentication" })
        let unauthorized = parsed.entries[0]
        #expect(unauthorized.description == "The request did not carry valid credentials.")
        #expect(unauthorized.causes == ["The API key was rotated.", "The key belongs to another environment."])
        #expect(unauthorized.fixes == [
            "Copy the current key from the dashboard.", "Check that the Authorization header uses the Bearer scheme.",
        ])
        #expect(parsed.entries[1].causes == ["The token expired.", "The token was issued for another audience (e.g. the staging API)."])
        #expect(parsed.entries[1].fixes == ["Request a new token."])
    }

    @Test("numbers in prose, ranges and example responses are not entries")
    func proseNumbersAreNotEntries() throws {
        let text = """
            Status codes

            - 100-199: Informational messages
            - 4xx: client errors
            A 404 means the page is gone. 500 errors are ours.
            HTTP/1.1 404 Not Found
            Content-Type: text/plain

            404 Not Found
            The page is not here.
            """
        let parsed = try parse(text)
        // Only the last, a code heading with its own paragraph, is an entry.
        #expect(parsed.entries.map(\.code) == ["404"])
        #expect(parsed.entries.first?.lines.start == 9)
    }

    @Test("every non-blank line is either part of an entry or reported with its number")
    func nothingIsSilentlyDropped() throws {
        let parsed = try parse(fixture: "rfc6749-section5.2.txt")
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/rfc6749-section5.2.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let placed = Set(parsed.entries.flatMap { Array($0.lines.start...$0.lines.end) })
        let reported = Set(parsed.unplaced.map(\.number))
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let number = offset + 1
            // The document's title heading is placed as the title.
            if line.contains("Error Response") { continue }
            #expect(placed.contains(number) || reported.contains(number), "line \(number) vanished: \(line)")
        }
    }
}
