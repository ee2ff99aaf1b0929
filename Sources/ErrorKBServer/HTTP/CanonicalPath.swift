import Hummingbird

/// One URL for each page and resource. `/codes/404/`, `/codes//404`, `/codes/%34%30%34` and
/// `/documents/01` named the same page as `/codes/404` and `/documents/1` (or, for the escaped
/// digits, refused it with a 400), and each spelling was a cache entry of its own. A GET or
/// HEAD for another spelling of a route's path is now answered 308 with the one spelling in
/// `Location`, the query kept:
/// - escapes of unreserved characters decoded (`%34` is `4`, RFC 3986 §6.2.2.2);
/// - no empty segment and no trailing slash (but `/` itself);
/// - a numeric id (`{id}`) in its shortest decimal form: `01` and `+1` are `1`.
/// A path that names no route is left as it is, for the router's 404.
enum CanonicalPath {
    /// The path parameters that are numbers.
    static let numericParameters: Set<Substring> = ["{id}"]

    /// Every route's pattern, split into segments.
    static let patterns: [[Substring]] =
        (APIPath.allCases.map(\.pattern) + PagePath.allCases.map(\.pattern)).map { $0.split(separator: "/") }

    /// The canonical spelling of `path` when it differs from it and names a route; else nil.
    static func redirect(for path: String) -> String? {
        guard mayDiffer(path) else { return nil }
        let segments = path.split(separator: "/").map(decodingUnreserved)
        guard let pattern = patterns.first(where: { fits(segments, $0) }) else {
            return segments.isEmpty && path != "/" ? "/" : nil
        }
        let canonical = zip(segments, pattern).map { segment, part in
            numericParameters.contains(part) ? shortestNumber(segment) : segment
        }
        let written = "/" + canonical.joined(separator: "/")
        return written == path ? nil : written
    }

    /// Whether `target` (a path, or a path and its query) may be another spelling: checked
    /// without allocating, since the connection asks it of every cached answer.
    static func mayDiffer(_ target: some StringProtocol) -> Bool {
        var previous: UInt8 = 0
        var segmentStart = true
        var length = 0
        for byte in target.utf8 {
            if byte == UInt8(ascii: "?") { break }
            length += 1
            if byte == UInt8(ascii: "%") || (byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/")) { return true }
            if segmentStart, byte == UInt8(ascii: "0") || byte == UInt8(ascii: "+") { return true }
            segmentStart = byte == UInt8(ascii: "/")
            previous = byte
        }
        return length > 1 && previous == UInt8(ascii: "/")
    }

    private static func fits(_ segments: [String], _ pattern: [Substring]) -> Bool {
        segments.count == pattern.count && zip(segments, pattern).allSatisfy { $1.hasPrefix("{") || $0 == $1 }
    }

    /// `%34` becomes `4`; an escape of anything else stays, its hex digits in capitals.
    private static func decodingUnreserved(_ segment: Substring) -> String {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        var bytes = Array(segment.utf8)[...]
        var result: [UInt8] = []
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%"), bytes.count >= 2, let high = hex(bytes[bytes.startIndex]),
                let low = hex(bytes[bytes.startIndex + 1])
            else {
                result.append(byte)
                continue
            }
            let decoded = high << 4 | low
            bytes = bytes.dropFirst(2)
            if isUnreserved(decoded) {
                result.append(decoded)
            } else {
                result += Array("%\(String(decoded, radix: 16, uppercase: true).leftPadded(to: 2))".utf8)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `007` is `7` and `+7` is `7`; anything but digits (after one `+`) stays as it is.
    private static func shortestNumber(_ segment: String) -> String {
        let digits = segment.hasPrefix("+") ? segment.dropFirst() : Substring(segment)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return segment }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

/// Answers a GET or HEAD for another spelling of a route's path with 308 to its one spelling.
struct CanonicalPathMiddleware<Context: RequestContext>: RouterMiddleware {
    var links = PublicLinks()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, let canonical = CanonicalPath.redirect(for: request.uri.path) else {
            return try await next(request, context)
        }
        var headers = HTTPFields()
        headers[.location] = links.absolute(canonical) + (request.uri.query.map { "?" + $0 } ?? "")
        headers[.contentLength] = "0"
        return Response(status: .permanentRedirect, headers: headers)
    }
}
