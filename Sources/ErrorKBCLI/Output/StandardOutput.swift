import Foundation
import Synchronization

/// Everything a command prints, on its way to standard output, and whether it all got there.
///
/// Swift's `print` goes through the C library's `stdout`, which notes a failed write in the
/// stream and carries on: a full disk, `/dev/full` or a file system that fills half-way ended
/// in exit 0 with the output cut short. Here each write is checked; the first failure is kept
/// and ends the run with exit 1.
final class StandardOutput: Sendable {
    static let shared = StandardOutput(descriptor: STDOUT_FILENO)

    private struct State {
        var buffer: [UInt8] = []
        var failure: String?
    }

    private let descriptor: Int32
    private let state = Mutex(State())
    /// Written out once this much is pending: large exports stream instead of piling up. A
    /// terminal gets each line at once, as before, so what a command says comes when it says it.
    private let flushThreshold: Int
    /// On a terminal, control characters in the text are shown escaped (``Terminal``).
    private let isTerminal: Bool

    init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
        flushThreshold = isTerminal ? 1 : 64 * 1024
    }

    func write(_ text: String) {
        let text = isTerminal ? Terminal.escapingControls(text) : text
        state.withLock { state in
            guard state.failure == nil else { return }
            state.buffer.append(contentsOf: text.utf8)
            if state.buffer.count >= flushThreshold { flush(&state) }
        }
    }

    /// Writes what is pending; the first failure of this process, in words, if any write failed.
    func finish() -> String? {
        state.withLock { state in
            flush(&state)
            return state.failure
        }
    }

    private func flush(_ state: inout State) {
        defer { state.buffer.removeAll(keepingCapacity: true) }
        guard state.failure == nil, let error = DescriptorWriting.writeAll(state.buffer[...], to: descriptor) else { return }
        state.failure = "cannot write to standard output (\(String(cString: strerror(error)))); the output is incomplete"
    }
}

/// The module's `print`: the same signature as Swift's, through the checked writer above, so
/// no command can print around it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.shared.write(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
