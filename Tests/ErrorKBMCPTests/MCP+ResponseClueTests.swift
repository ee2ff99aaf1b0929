import Testing

@testable import ErrorKBMCP

@Suite("MCP: reading a response's codes")
struct MCPResponseClueTests {
    @Test("WWW-Authenticate: every challenge's error, quoted or token, escapes undone, error_description kept apart")
    func challenges() {
        let clues = ResponseClues.challengeErrors(
            #"Bearer realm="a\"b", error="invalid_token", error_description="it \"expired\"", DPoP algs="ES256", error=use_dpop_nonce"#)
        #expect(clues.map(\.value) == ["invalid_token", "use_dpop_nonce"])
        #expect(clues.first?.detail == #"it "expired""#)
        #expect(ResponseClues.challengeErrors(#"Basic realm="x", charset="UTF-8""#).isEmpty)
    }

    @Test(
        "status lines in the forms tools print",
        arguments: [
            ("HTTP/1.1 404 Not Found", "404"), ("HTTP/2 503", "503"), ("  429 Too Many Requests", "429"), ("404", "404"),
            ("HTTP/1.1 4040", nil), ("600 nope", nil), ("Not Found", nil),
        ] as [(String, String?)])
    func statusLines(line: String, code: String?) {
        #expect(ResponseClues.statusCode(inStatusLine: line) == code)
    }

    @Test("a redirect's error is read from its query or its fragment; other bodies than JSON and forms are left alone")
    func redirectsAndBodies() {
        #expect(ResponseClues.redirectErrors("https://c.example/cb?error=invalid_scope&error_description=bad+scope").first?.detail == "bad scope")
        #expect(ResponseClues.redirectErrors("https://c.example/cb#state=1&error=access_denied").map(\.value) == ["access_denied"])
        #expect(ResponseClues.bodyClues("error=invalid_request&error_description=missing%20code").map(\.value) == ["invalid_request"])
        #expect(ResponseClues.bodyClues("<html>error=404</html> Not Found").isEmpty)
        #expect(ResponseClues.bodyClues(#"{"type": "about:blank", "title": "Not Found", "status": 404}"#).map(\.origin) == [.problemStatus])
        #expect(ResponseClues.lastPathSegment("https://example.com/probs/out-of-credit") == "out-of-credit")
    }

    @Test("the same code seen twice in one place is one clue; the status line wins over a separate status")
    func deduplicated() {
        let clues = ResponseClues.read(
            statusLine: "HTTP/1.1 400 Bad Request", status: 500, headers: [("WWW-Authenticate", #"Bearer error="x""#), ("www-authenticate", #"Bearer error="x""#)],
            body: nil)
        #expect(clues.map(\.value) == ["400", "x"])
    }
}
