/// The reason phrases HTTP statuses go by: IANA's registry (RFC 9110 and its extensions), the
/// older names of RFC 2616 and RFC 7231, and the spellings vendors commonly use. The importer
/// uses them to split `404 Not Found The requested resource...` where a table lost its borders.
enum ReasonPhrases {
    static let byStatus: [Int: [String]] = [
        100: ["Continue"], 101: ["Switching Protocols"], 102: ["Processing"], 103: ["Early Hints"],
        200: ["OK"], 201: ["Created"], 202: ["Accepted"], 203: ["Non-Authoritative Information"],
        204: ["No Content"], 205: ["Reset Content"], 206: ["Partial Content"], 207: ["Multi-Status"],
        208: ["Already Reported"], 226: ["IM Used"],
        300: ["Multiple Choices"], 301: ["Moved Permanently"], 302: ["Found", "Moved Temporarily", "Redirect"],
        303: ["See Other"], 304: ["Not Modified"], 305: ["Use Proxy"], 307: ["Temporary Redirect"],
        308: ["Permanent Redirect"],
        400: ["Bad Request"], 401: ["Unauthorized", "Unauthorised"], 402: ["Payment Required"], 403: ["Forbidden"],
        404: ["Not Found", "Resource Not Found"], 405: ["Method Not Allowed"], 406: ["Not Acceptable"],
        407: ["Proxy Authentication Required"], 408: ["Request Timeout", "Request Time-out"], 409: ["Conflict"],
        410: ["Gone"], 411: ["Length Required"], 412: ["Precondition Failed"],
        413: ["Content Too Large", "Payload Too Large", "Request Entity Too Large"],
        414: ["URI Too Long", "Request-URI Too Long", "Request URI Too Long", "Request-URI Too Large"],
        415: ["Unsupported Media Type"],
        416: ["Range Not Satisfiable", "Requested Range Not Satisfiable"], 417: ["Expectation Failed"],
        418: ["I'm a teapot", "I'm a Teapot"], 421: ["Misdirected Request"],
        422: ["Unprocessable Content", "Unprocessable Entity"], 423: ["Locked"], 424: ["Failed Dependency"],
        425: ["Too Early"], 426: ["Upgrade Required"], 428: ["Precondition Required"], 429: ["Too Many Requests"],
        431: ["Request Header Fields Too Large"], 451: ["Unavailable For Legal Reasons"],
        500: ["Internal Server Error"], 501: ["Not Implemented"], 502: ["Bad Gateway"],
        503: ["Service Unavailable"], 504: ["Gateway Timeout", "Gateway Time-out"],
        505: ["HTTP Version Not Supported", "HTTP Version not supported"], 506: ["Variant Also Negotiates"],
        507: ["Insufficient Storage"], 508: ["Loop Detected"], 510: ["Not Extended"],
        511: ["Network Authentication Required"],
    ]

    /// The phrase `text` starts with, as written in `text`, longest first; `nil` if none.
    static func prefix(of text: String, status: Int) -> String? {
        let candidates = (byStatus[status] ?? []).sorted { $0.count > $1.count }
        for phrase in candidates {
            guard let end = text.caseInsensitivePrefixEnd(phrase) else { continue }
            // The phrase must end at a word boundary: "Gone" must not match "Goner".
            if end == text.endIndex || !(text[end].isLetter || text[end].isNumber) {
                return String(text[..<end])
            }
        }
        return nil
    }

    /// True when IANA registers (or registered) the status: the ones named here.
    static func isRegistered(_ status: Int) -> Bool { byStatus[status] != nil }

    /// True when `title` is one of the status's own names (ignoring case).
    static func isReasonPhrase(_ title: String, status: Int) -> Bool {
        (byStatus[status] ?? []).contains { $0.caseInsensitiveCompare(title) == .orderedSame }
    }

    /// True when `title` is any status's name.
    static func isAnyReasonPhrase(_ title: String) -> Bool {
        allPhrases.contains(title.lowercased())
    }

    private static let allPhrases: Set<String> = Set(byStatus.values.joined().map { $0.lowercased() })
}

extension String {
    /// Where `prefix` ends in `self` if `self` starts with it, ignoring case.
    func caseInsensitivePrefixEnd(_ prefix: String) -> String.Index? {
        var index = startIndex
        for character in prefix {
            guard index < endIndex, self[index].lowercased() == character.lowercased() else { return nil }
            index = self.index(after: index)
        }
        return index
    }
}
