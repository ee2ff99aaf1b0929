import ErrorKBCore
import Testing

/// Issue 27, finding 10: the rules every text field, day and quoted value goes by.
@Suite("Model: visible text, calendar days, quoted values")
struct TextRulesTests {
    @Test("text of only white space, controls or characters drawn as nothing is blank")
    func blankText() throws {
        for text in ["", " ", "\u{200B}", "\u{FEFF}\u{2060}", "\u{00AD}", " \u{200B}\t\n", "\u{3000}\u{A0}", "\u{FE0F}", "\u{3164}", "\u{1}\u{7F}"] {
            #expect(text.isBlankText, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for text in ["a", " x ", "\u{200B}b", "·", "😀", "0"] {
            #expect(!text.isBlankText, "\(text)")
        }
        #expect(throws: KnowledgeBaseError.self) { try VariantContent(description: "d", causes: ["\u{200B}"]).validated() }
        #expect(throws: KnowledgeBaseError.self) { try VariantContent(title: "\u{FEFF}", description: "d").validated() }
        #expect(throws: KnowledgeBaseError.self) { try VariantContent(description: "\u{2060}").validated() }
        #expect(try VariantContent(title: "T", description: "\u{200B}").validated().description == "")
    }

    @Test("a day is one the calendar has: no 30 February, no 29 February outside leap years")
    func calendarDays() {
        for day in ["2026-12-01", "2024-02-29", "2000-02-29", "2026-04-30", "0001-01-01", "9999-12-31"] {
            #expect(CalendarDay.isValid(day), "\(day)")
        }
        for day in ["2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01",
            "2026-1-01", "2026/01/01", "2026-01-01T", "２０２６-01-01", "+026-01-01"]
        {
            #expect(!CalendarDay.isValid(day), "\(day)")
        }
    }

    @Test("a quoted value is cut to its first characters and its length")
    func quotedValues() {
        #expect("404".quotedForMessage() == "'404'")
        let long = String(repeating: "1", count: 4_000_000)
        let quoted = long.quotedForMessage()
        #expect(quoted == "'\(String(repeating: "1", count: 60))…' (4000000 characters)")
        #expect(String(repeating: "é", count: 61).quotedForMessage(limit: 60).hasSuffix("(61 characters)"))
    }

    @Test("retry guidance names an HTTP status 100-599 when its code is a number")
    func retryCodes() throws {
        func guidance(_ code: String) -> RetryGuidance {
            RetryGuidance(code: code, retry: .no, idempotentOnly: false, reference: "[RFC9110, Section 15.5.5]", quote: "q", readFrom: "r")
        }
        #expect(throws: KnowledgeBaseError.self) { try guidance("999").validated() }
        #expect(throws: KnowledgeBaseError.self) { try guidance("0").validated() }
        #expect(throws: KnowledgeBaseError.self) { try guidance("4040").validated() }
        #expect(try guidance("404").validated().code == "404")
        #expect(try guidance("invalid_grant").validated().code == "invalid_grant")
        #expect(throws: KnowledgeBaseError.self) {
            try RetryGuidance(code: "404", retry: .no, idempotentOnly: false, reference: "[RFC9110]", quote: "\u{200B}", readFrom: "r").validated()
        }
    }
}
