import ErrorKBCore

/// The links the API writes into answers (a problem's `type`, `Link` headers, a lookup's
/// `link`): relative to the server that answered, or absolute under `--public-url`, for
/// clients behind a proxy or that keep an answer's links after the connection is gone.
struct PublicLinks: Sendable {
    /// `https://errors.example.com`, without a trailing slash; empty for relative links.
    let base: String

    /// A public URL that breaks ``PublicURL``'s rule (the executables refuse it at start)
    /// gives relative links rather than pasting it anywhere.
    init(publicURL: String? = nil) {
        base = publicURL.flatMap(PublicURL.init)?.text ?? ""
    }

    /// `path` (which starts with `/`) under the public URL, if there is one.
    func absolute(_ path: String) -> String { base + path }
}
