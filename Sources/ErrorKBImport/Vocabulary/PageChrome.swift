import ErrorKBCore
import Foundation

/// The navigation, toolbars and file details that a page saved from a browser carries around its
/// content (GitHub's file view, documentation portals, RFC page headers). Such lines are never
/// entries or sections; the report still lists them.
enum PageChrome {
    private static let phrases: Set<String> = [
        "skip to content", "latest commit", "history", "file metadata and controls", "raw", "blame", "copy path",
        "copy raw file", "download raw file", "preview", "code", "top", "navigation menu", "sign in", "sign up",
        "go to file", "open more actions menu", "edit this page", "edit this file", "table of contents",
        "on this page", "in this article", "was this page helpful?", "feedback", "copy", "copied!", "back to top",
        "view raw", "permalink", "breadcrumbs", "search", "menu", "toggle navigation", "print", "share",
        "expand all", "collapse all", "previous", "next", "outline",
    ]

    static func isChrome(_ line: String) -> Bool {
        // Every kind below is a short line; a long one is content, and not read character by character.
        guard line.utf8.count <= 200 else { return false }
        let trimmed = line.trimmingWhitespace()
        let lowered = trimmed.lowercased()
        if phrases.contains(lowered) { return true }
        if isFileSize(lowered) || isLineCount(lowered) || isFileName(trimmed) { return true }
        if lowered.hasPrefix("last updated") || lowered.hasPrefix("copyright ") || lowered.hasPrefix("©") { return true }
        return isRFCPageBoundary(trimmed)
    }

    /// `4.92 KB`
    private static func isFileSize(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        return parts.count == 2 && Double(parts[0]) != nil && ["b", "bytes", "kb", "mb", "gb"].contains(parts[1])
    }

    /// `47 lines (37 loc) · 4.92 KB`
    private static func isLineCount(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        return parts.count >= 2 && Int(parts[0]) != nil && parts[1] == "lines" && text.count < 60
    }

    /// `04_errors.md`: a file name standing alone.
    private static func isFileName(_ text: String) -> Bool {
        guard !text.containsBytes(" "), let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let suffix = text[text.index(after: dot)...].lowercased()
        return ["md", "markdown", "txt", "html", "htm", "rst", "adoc", "mdx"].contains(suffix)
    }

    /// `Fielding & Reschke   Standards Track   [Page 58]`: after it comes a new page.
    static func isPageFooter(_ text: String) -> Bool {
        guard text.hasSuffix("]"), let open = text.range(of: "[Page ", options: .backwards) else { return false }
        return Int(text[open.upperBound...].dropLast()) != nil
    }

    /// RFC page footers and headers: `Fielding & Reschke   Standards Track   [Page 58]`,
    /// `RFC 7231   HTTP/1.1 Semantics and Content   June 2014`.
    private static func isRFCPageBoundary(_ text: String) -> Bool {
        if isPageFooter(text) { return true }
        let words = text.split(separator: " ")
        guard words.count >= 4, words[0] == "RFC", Int(words[1]) != nil, let year = words.last.flatMap({ Int($0) })
        else { return false }
        return (1969...2100).contains(year)
    }
}
