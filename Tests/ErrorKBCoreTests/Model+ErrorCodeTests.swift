import Foundation
import Testing

@testable import ErrorKBCore

/// The one rule of what a code is (``ErrorCode``), and the OpenAPI pattern that states it.
@Suite("Model: what an error code is")
struct ErrorCodeTests {
    static let valid = [
        "404", "invalid_grant", "E0000011", "0x80070005", "AADSTS50020", "-32600", "rate.limited", "M_FORBIDDEN",
        "RESOURCE_EXHAUSTED", "a", String(repeating: "x", count: 100), "no such element", "- a", "a -",
    ]
    static let invalid = [
        "", ".", "..", "-", "_", "._-", "a/b", "acme:E42", "😀", "a  b", " a", "a ", " ", "- -", "tab\tbed", "new\nline", "e\u{301}", "%2e%2e",
        "a?b", "a#b", String(repeating: "x", count: 101), "\u{1B}[2J",
    ]

    @Test("codes of letters, digits, '_', '-' and '.', with a letter or digit, in words apart by single spaces, up to 100", arguments: valid)
    func validCodes(code: String) {
        #expect(ErrorCode.isValid(code))
        #expect(Self.matchesPattern(code))
    }

    @Test("anything a URL path segment or a terminal would change is refused", arguments: invalid)
    func invalidCodes(code: String) {
        #expect(!ErrorCode.isValid(code))
        #expect(!Self.matchesPattern(code) || code.utf8.count > ErrorCode.maximumLength)
        #expect(throws: KnowledgeBaseError.self) { try ErrorCode.validate(code, kind: .other) }
    }

    @Test("a code is one path segment: a space is %20 there, and read back", arguments: valid)
    func pathSegments(code: String) {
        let segment = ErrorCode.pathSegment(code)
        #expect(!segment.contains(" ") && !segment.contains("/"))
        #expect(ErrorCode.fromPathSegment(segment) == code)
    }

    @Test("the kind fits the code: http is exactly a status, a status is always http")
    func kinds() throws {
        try ErrorCode.validate("404", kind: .http)
        try ErrorCode.validate("invalid_grant", kind: .oauth)
        #expect(throws: KnowledgeBaseError.self) { try ErrorCode.validate("600", kind: .http) }
        #expect(throws: KnowledgeBaseError.self) { try ErrorCode.validate("404", kind: .other) }
    }

    @Test("the OpenAPI pattern and the rule agree on random strings of the alphabet and beyond")
    func patternAgreesWithTheRule() {
        let alphabet = Array("aZ09_.-/:% é😀")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 1...8, using: &generator)
            let code = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            #expect(ErrorCode.isValid(code) == Self.matchesPattern(code), "\(code)")
        }
    }

    private static func matchesPattern(_ code: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: ErrorCode.pattern) else { return false }
        let range = NSRange(code.startIndex..., in: code)
        return expression.firstMatch(in: code, range: range) != nil
    }
}
