import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Sends bytes to a loopback port exactly as given — no client library in between to tidy a
/// malformed request — and reads the status line of whatever comes back.
public enum RawHTTP {
    /// The answer's status code, or nil when the server closed the connection without one.
    public static func send(_ request: [UInt8], port: Int, timeout seconds: Int = 10) throws -> Int? {
        let answer = try exchange(request, port: port, timeout: seconds) { $0.contains(UInt8(ascii: "\n")) }
        // "HTTP/1.1 404 Not Found"
        let statusLine = String(decoding: answer.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let fields = statusLine.split(separator: " ")
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/") else { return nil }
        return Int(fields[1])
    }

    /// Everything the server sends back for `request` until it closes the connection.
    public static func exchange(_ request: [UInt8], port: Int, timeout seconds: Int = 10) throws -> [UInt8] {
        try exchange(request, port: port, timeout: seconds) { _ in false }
    }

    /// ``exchange(_:port:timeout:)`` on a thread of its own, for a server in this process: its
    /// blocking reads must not hold one of the few threads the server's handlers run on.
    public static func exchangeOffPool(_ request: [UInt8], port: Int, timeout seconds: Int = 10) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try exchange(request, port: port, timeout: seconds) })
            }.start()
        }
    }

    /// Everything the server sends back for `request` on a connection this side keeps open, and
    /// whether the server closed it within `seconds` (a read timing out means it did not).
    public static func exchangeKeepingOpen(_ request: [UInt8], port: Int, timeout seconds: Int) throws -> (bytes: [UInt8], closed: Bool) {
        var closed = false
        let bytes = try exchange(request, port: port, timeout: seconds, halfClose: false, until: { _ in false }) { closed = $0 }
        return (bytes, closed)
    }

    /// Sends `request`, half-closes unless told not to, and reads until `enough` says so or the
    /// server closes (`ended` is told which: true for a close, false for a read timing out).
    private static func exchange(
        _ request: [UInt8], port: Int, timeout seconds: Int, halfClose: Bool = true, until enough: ([UInt8]) -> Bool,
        ended: (Bool) -> Void = { _ in }
    ) throws -> [UInt8] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socket) }
        var wait = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }

        // The server may answer and close before reading everything (a 431, say); a failed
        // send is then not an error, the answer is what counts.
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        if halfClose { shutdown(socket, Int32(SHUT_WR)) }

        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !enough(answer) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 {
                ended(count == 0)
                break
            }
            answer += buffer[0..<count]
        }
        return answer
    }

    /// One answer read off the wire.
    public struct Answer: Sendable {
        public var status: Int
        /// Field names lowercased, in the order sent.
        public var fields: [(name: String, value: String)]
        public var body: [UInt8]

        public func field(_ name: String) -> String? { fields.first { $0.name == name.lowercased() }?.value }
    }

    /// Splits bytes into the answers they hold, each framed by its `Content-Length` (none means
    /// no body, as for a 304 or a HEAD answer: pass the requests' methods to say which).
    public static func answers(in bytes: [UInt8], bodiless: (Int) -> Bool = { _ in false }) -> [Answer] {
        var answers: [Answer] = []
        var rest = bytes[...]
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while let end = rest.firstRange(of: separator) {
            let head = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let statusFields = head[0].split(separator: " ")
            guard statusFields.count >= 2, let status = Int(statusFields[1]) else { break }
            let fields = head.dropFirst().compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var answer = Answer(status: status, fields: fields, body: [])
            let length = bodiless(answers.count) ? 0 : (answer.field("content-length").flatMap { Int($0) } ?? 0)
            let bodyEnd = min(end.upperBound + length, rest.endIndex)
            answer.body = Array(rest[end.upperBound..<bodyEnd])
            answers.append(answer)
            rest = rest[bodyEnd...]
        }
        return answers
    }

    /// `GET target` with a Host header and whatever else is given, as bytes.
    public static func get(_ target: [UInt8], headers: String = "") -> [UInt8] {
        Array("GET ".utf8) + target + Array(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\(headers)\r\n".utf8)
    }

    public static func get(_ target: String, headers: String = "") -> [UInt8] {
        get(Array(target.utf8), headers: headers)
    }
}
