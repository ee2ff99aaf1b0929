extension Substring {
    /// `String.trimmingWhitespace()`, for a slice.
    func trimmingWhitespace() -> String { String(self).trimmingWhitespace() }
}
