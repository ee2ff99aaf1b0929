import ErrorKBCore
import Testing

/// Issue 27, finding 9: `--public-url` is pasted into every `Link` header and problem `type`,
/// so what it may hold is one strict rule.
@Suite("Model: the public URL rule")
struct PublicURLTests {
    @Test("absolute http(s) URLs with a DNS name or an IP address, a port in range and a plain path are taken, normalised")
    func valid() {
        let cases = [
            ("https://errors.example.com", "https://errors.example.com"),
            ("https://errors.example.com/", "https://errors.example.com"),
            ("HTTPS://Errors.Example.COM:8443/kb/", "https://errors.example.com:8443/kb"),
            ("http://10.0.0.5:8080", "http://10.0.0.5:8080"),
            ("https://[2001:db8::1]:8443/errors", "https://[2001:db8::1]:8443/errors"),
            ("https://kb.example.com/a%20b/~team", "https://kb.example.com/a%20b/~team"),
        ]
        for (text, normalised) in cases {
            #expect(PublicURL(text)?.text == normalised, "\(text)")
        }
        #expect(PublicURL("https://Errors.Example.com:8443")?.host == "errors.example.com")
    }

    @Test("anything a header, JSON or HTML attribute would read otherwise is refused")
    func invalid() {
        for text in [
            "ftp://x", "errors.example.com", "https://", "https:///path", "https://a>b", "https://x\"y", "https://<script>",
            "https://example.com/<script>", "https://example.com/a>,<https://evil.example>;rel=preload",
            "https://user:pw@example.com", "https://user@example.com", "https://example.com:99999", "https://example.com:0",
            "https://example.com:", "https://example.com:80a", "https://ex ample.com", "https://example.com/a b",
            "https://example.com/?q=1", "https://example.com/#top", "https://-bad.example", "https://bad-.example",
            "https://exa_mple.com", "https://example..com", "https://exämple.com", "https://[::1", "https://[zz::1]",
            "https://example.com/%zz", "https://example.com/%4", "https://example.com/a'b", "https://example.com\\@evil",
        ] {
            #expect(PublicURL(text) == nil, "\(text)")
        }
    }
}
