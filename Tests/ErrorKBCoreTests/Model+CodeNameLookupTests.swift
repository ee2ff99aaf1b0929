import ErrorKBCore
import Testing

@Suite("Model: code names")
struct CodeNameLookupTests {
    @Test(
        "an HTTP status is read from the ways people write it, and only a status from 100 to 599",
        arguments: [
            ("HTTP 404", 404), ("HTTP/1.1 404 Not Found", 404), ("http/2 503", 503), ("404 Not Found", 404), ("status 429", 429),
            ("Status code: 500", 500), ("404", 404), ("HTTP 4040", nil), ("HTTP 700", nil), ("E404", nil), ("the 404 page", nil),
        ] as [(String, Int?)])
    func httpStatus(text: String, status: Int?) {
        #expect(CodeNameLookup.httpStatus(in: text)?.value == status)
    }

    @Test("titles compare by their words: case, punctuation and underscores do not count")
    func titleWords() {
        #expect(CodeNameLookup.titleWords("NOT_FOUND") == CodeNameLookup.titleWords("Not found."))
        #expect(CodeNameLookup.titleWords("Resource not found") != CodeNameLookup.titleWords("Not Found"))
    }
}
