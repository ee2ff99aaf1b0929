import Foundation

/// A place in an HTTP response where an error code shows, as an agent saw the response.
struct ResponseClue: Encodable, Hashable {
    enum Origin: String, Encodable {
        /// `HTTP/1.1 401 Unauthorized`, or the status given alone.
        case status
        /// An `error` parameter of a `WWW-Authenticate` challenge (RFC 6750 §3).
        case wwwAuthenticate = "www_authenticate"
        /// An `error` in a redirect's query or fragment (RFC 6749 §4.1.2.1, §4.2.2.1).
        case location
        /// The `error` member of a JSON (RFC 6749 §5.2) or form body.
        case bodyError = "body_error"
        /// A nested error object's `code` or `status` (`{"error": {"code": 404, "status": "NOT_FOUND"}}`).
        case bodyErrorObject = "body_error_object"
        /// A top-level `code` or `error_code`.
        case bodyCode = "body_code"
        /// A problem details `type` (RFC 9457), read by its last path segment.
        case problemType = "problem_type"
        /// A problem details `status`.
        case problemStatus = "problem_status"
    }

    var origin: Origin
    /// The name as it appeared.
    var value: String
    /// What the response said beside it: an `error_description`, a problem's `title` or `detail`.
    var detail: String?
}

/// Reads the codes a response carries from its status line, headers and body. Each reader
/// follows the specification of where that code goes; a body that is not JSON or a form is
/// left alone rather than guessed at.
enum ResponseClues {
    static func read(statusLine: String?, status: Int?, headers: [(name: String, value: String)], body: String?) -> [ResponseClue] {
        var clues: [ResponseClue] = []
        if let statusLine, let code = statusCode(inStatusLine: statusLine) {
            clues.append(ResponseClue(origin: .status, value: code, detail: statusLine.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let status {
            clues.append(ResponseClue(origin: .status, value: String(status)))
        }
        for (name, value) in headers {
            switch name.lowercased() {
            case "www-authenticate": clues += challengeErrors(value)
            case "location": clues += redirectErrors(value)
            default: continue
            }
        }
        if let body { clues += bodyClues(body) }
        var seen = Set<ResponseClue>()
        return clues.filter { seen.insert($0).inserted }
    }

    /// `HTTP/1.1 404 Not Found`, `HTTP/2 404`, `404 Not Found`, `404`.
    static func statusCode(inStatusLine line: String) -> String? {
        captures(#"^\s*(?:HTTP/[0-9](?:\.[0-9])?\s+)?([1-5][0-9]{2})(?:\s|$)"#, in: line).first
    }

    /// Each challenge's `error` (and `error_description`) auth-param, quoted or a token.
    static func challengeErrors(_ header: String) -> [ResponseClue] {
        let errors = parameters(named: "error", in: header)
        let descriptions = parameters(named: "error_description", in: header)
        return errors.enumerated().map { index, error in
            ResponseClue(origin: .wwwAuthenticate, value: error, detail: index < descriptions.count ? descriptions[index] : nil)
        }
    }

    private static func parameters(named name: String, in header: String) -> [String] {
        let pattern = #"(?:^|[\s,])"# + name + #"\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))"#
        return captures(pattern, in: header).map { $0.replacingOccurrences(of: #"\\(.)"#, with: "$1", options: .regularExpression) }
    }

    /// The first group that took part in each match of `pattern`.
    private static func captures(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            (1..<match.numberOfRanges).lazy.compactMap { Range(match.range(at: $0), in: text) }.first.map { String(text[$0]) }
        }
    }

    /// `https://client.example/cb?error=access_denied&error_description=...` or the same in a fragment.
    static func redirectErrors(_ location: String) -> [ResponseClue] {
        guard let components = URLComponents(string: location) else { return [] }
        var clues: [ResponseClue] = []
        for part in [components.percentEncodedQuery, components.percentEncodedFragment].compactMap({ $0 }) {
            let fields = formFields(part)
            if let error = fields["error"] { clues.append(ResponseClue(origin: .location, value: error, detail: fields["error_description"])) }
        }
        return clues
    }

    static func bodyClues(_ body: String) -> [ResponseClue] {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{"), let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] {
            return jsonClues(object)
        }
        if !trimmed.contains(" "), trimmed.contains("error=") {
            let fields = formFields(trimmed)
            if let error = fields["error"] { return [ResponseClue(origin: .bodyError, value: error, detail: fields["error_description"])] }
        }
        return []
    }

    private static func jsonClues(_ object: [String: Any]) -> [ResponseClue] {
        var clues: [ResponseClue] = []
        func text(_ value: Any?) -> String? {
            switch value {
            case let string as String: string.isEmpty ? nil : string
            case let number as NSNumber: number.stringValue
            default: nil
            }
        }
        let problemDetail = text(object["detail"]) ?? text(object["title"])
        if let error = object["error"] as? String {
            clues.append(ResponseClue(origin: .bodyError, value: error, detail: text(object["error_description"])))
        } else if let nested = object["error"] as? [String: Any] {
            let message = text(nested["message"])
            for key in ["status", "code", "reason"] {
                if let value = text(nested[key]) { clues.append(ResponseClue(origin: .bodyErrorObject, value: value, detail: message)) }
            }
        }
        for key in ["code", "error_code", "errorCode"] {
            if let value = text(object[key]) { clues.append(ResponseClue(origin: .bodyCode, value: value, detail: text(object["message"]))) }
        }
        if let type = object["type"] as? String, type != "about:blank", let name = lastPathSegment(type) {
            clues.append(ResponseClue(origin: .problemType, value: name, detail: problemDetail))
        }
        if object["type"] != nil || object["title"] != nil, let status = text(object["status"]) {
            clues.append(ResponseClue(origin: .problemStatus, value: status, detail: problemDetail))
        }
        return clues
    }

    /// `https://example.com/probs/out-of-credit` → `out-of-credit`.
    static func lastPathSegment(_ uri: String) -> String? {
        let path = URLComponents(string: uri)?.path ?? uri
        let segment = path.split(separator: "/").last.map(String.init)
        return segment.flatMap { $0.removingPercentEncoding ?? $0 }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let decode = { (part: Substring) in part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
            fields[decode(parts[0])] = decode(parts[1])
        }
        return fields
    }
}
