import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One loopback connection kept open across steps, for tests that hold many at once: send
/// part of a request now, read what the server answers later.
public final class RawConnection {
    private let socket: Int32

    public init(port: Int, timeout seconds: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EMFILE) }
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
        guard connected == 0 else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(socket) }

    /// Sends what the server takes; a server that answered and closed takes less.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Int {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }
            sent += count
        }
        return sent
    }

    /// The first answer, once its head and its `Content-Length` of body are in; nil if the
    /// server closed or a read timed out first.
    public func readAnswer() -> RawHTTP.Answer? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let answer = RawHTTP.answers(in: bytes).first,
                answer.body.count >= (answer.field("content-length").flatMap { Int($0) } ?? 0)
            {
                return answer
            }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            bytes += buffer[0..<count]
        }
    }

    /// Everything the server sends until it closes (`closed`), or until a read times out.
    public func readToClose() -> (bytes: [UInt8], closed: Bool) {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (answer, true) }
            if count < 0 { return (answer, errno == ECONNRESET) }
            answer += buffer[0..<count]
        }
    }
}
