import Hummingbird
import NIOCore

/// Reads a request's content within three limits: its size, the server's total
/// (``ContentBudget``), and a time. Each refusal is an answer, and closes the connection
/// after it: the rest of the content is never read. (Reading it to drop it, as Hummingbird
/// does after an answer, cost 78 MiB at the peak for 200 refused 1 MiB bodies, closing 32.)
/// - more than `maximum` bytes, declared or sent: 413;
/// - the total in use: 503 (``ContentBudget``);
/// - content not all there within `timeout`: 408. Without it a client that stopped
///   sending held its connection, and its bytes, until the 60 s idle timeout closed it
///   without a word.
enum RequestContent {
    static func collect(
        _ request: Request, upTo maximum: Int, hold: ContentBudget.Hold, timeout: Duration, path: String
    ) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maximum {
            throw tooLarge(maximum, path: path)
        }
        let body = request.body
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var content = ByteBuffer()
                for try await part in body {
                    guard content.readableBytes + part.readableBytes <= maximum else { throw tooLarge(maximum, path: path) }
                    try hold.take(part.readableBytes)
                    content.writeImmutableBuffer(part)
                }
                return content
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            // The first to finish: the content, or the timer (nil). Either way the other stops.
            let first = try await group.next()
            group.cancelAll()
            guard let content = first ?? nil else {
                throw Problem(
                    .requestTimeout, "the request's content did not all arrive within \(timeout.seconds) s",
                    headers: [.connection: "close"])
            }
            return content
        }
    }

    private static func tooLarge(_ maximum: Int, path: String) -> Problem {
        Problem(.contentTooLarge, "\(path) takes at most \(maximum) bytes of content", headers: [.connection: "close"])
    }
}

extension Duration {
    /// Whole seconds, for messages.
    var seconds: Int64 { components.seconds }
}
