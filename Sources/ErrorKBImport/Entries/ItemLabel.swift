/// What labels a list of causes or of fixes: `Cause:`, `Possible causes:`, `**Fix:**`,
/// `Solution:`, `What to do:`, or a heading such as `### Common causes` or `### Resolution`.
/// Only labelled text is a cause or a fix; prose that explains or advises is description.
enum ItemLabel: Hashable {
    case causes, fixes

    private static let causeLabels: Set<String> = [
        "cause", "causes", "cause(s)", "possible cause", "possible causes", "common cause", "common causes",
        "common cause(s)", "probable cause", "probable causes", "likely cause", "likely causes", "root cause",
        "root causes", "why", "reason", "reasons", "why it happens", "when it happens", "when this happens",
        "why this happens", "trigger", "triggers",
    ]

    private static let fixLabels: Set<String> = [
        "fix", "fixes", "how to fix", "how to fix it", "how to fix?", "solution", "solutions", "resolution",
        "resolutions", "remedy", "remedies", "what to do", "to fix", "workaround", "workarounds", "action", "actions",
        "recommended action", "recommended actions", "recommendation", "recommendations", "mitigation", "mitigations",
        "how to resolve", "to resolve", "how to resolve it", "troubleshooting", "troubleshooting steps",
        "recovery", "how to recover", "suggested action", "suggested actions", "resolving",
        "steps to resolve", "possible solutions", "possible solution", "possible fixes", "fix it",
        "recovery behavior", "client recovery behavior", "suggested client recovery behavior", "suggested recovery",
        "recovery action", "recovery actions", "how to recover from it", "client action",
    ]

    /// Words a fix label may go on from: `How to fix violations`.
    private static let fixLeads = ["how to fix", "how to resolve", "how to solve", "how to correct", "how to remedy", "steps to fix",
        "steps to resolve", "fixing", "resolving"]

    /// The label a whole line or heading is (`Common causes`, `Resolution:`), if it is one.
    static func named(_ text: String) -> ItemLabel? {
        // No label is longer than this, marks and colon included: most lines are passed at once.
        guard text.utf8.count <= 40 else { return nil }
        var name = InlineText.flat(text).lowercased()
        while let last = name.last, last == ":" || last == "." { name.removeLast() }
        name = name.trimmingWhitespace()
        // `Cause 1`, `Solution 2`: numbered labels, one item each.
        if let space = name.lastIndex(of: " "), name[name.index(after: space)...].allSatisfy(\.isNumber),
            name.index(after: space) < name.endIndex
        {
            name = String(name[..<space])
        }
        if causeLabels.contains(name) { return .causes }
        if fixLabels.contains(name) { return .fixes }
        // `How to fix violations`, `How to resolve this error`: a fix label with its object.
        if fixLeads.contains(where: { name.hasPrefix($0 + " ") }) { return .fixes }
        return nil
    }

    /// A run-in label and the text after it: `Cause: The key was rotated.`,
    /// `**Fix:** Retry.`, `Resolution: `.
    static func split(_ line: String) -> (label: ItemLabel, rest: String)? {
        let text = line.trimmingWhitespace()
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = InlineText.plain(String(text[..<colon]))
        guard head.split(separator: " ").count <= 4, let label = named(head) else { return nil }
        var rest = String(text[text.index(after: colon)...])
        // `**Fix:** text`: the closing mark comes after the colon.
        if rest.hasPrefix("**") { rest.removeFirst(2) }
        return (label, rest.trimmingWhitespace())
    }
}
