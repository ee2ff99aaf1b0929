import ErrorKBCore

/// The page a failure shows a person: the status, what was wrong, a search box, and for an
/// unknown code the codes nearest to it.
struct ErrorPage {
    var frame: PageFrame
    var status: Int
    var reason: String
    var detail: String
    var nearest: [CodeLink]
    var hasNearest: Bool

    init(status: Int, reason: String, detail: String, query: String, nearest: [CodeLink]) {
        frame = PageFrame(title: "\(status) \(reason)", alternate: nil, query: query)
        self.status = status
        self.reason = reason
        self.detail = detail
        self.nearest = nearest
        hasNearest = !nearest.isEmpty
    }

    /// Codes someone who asked for `code` may have meant: what the name names (`not_found`,
    /// `Not Found`), the codes it starts with, then the codes that follow it in code order
    /// (`4044` → `404`, then `405`, `406`, ...).
    static func nearestCodes(to code: String, in knowledgeBase: some KnowledgeBaseReading) async throws -> [CodeLink] {
        var found: [CodeLink] = []
        // A name too long or blank to resolve still gets the codes that follow it.
        if let named = try? await CodeNameLookup.resolve(code, in: knowledgeBase, limit: 4) {
            for resolution in named {
                if let entry = try await knowledgeBase.code(resolution.code, vendor: nil) { found.append(CodeLink(entry)) }
            }
        }
        // A typo that adds to a code (`4044`, `invalid_grantt`) still starts with it.
        for length in stride(from: code.count - 1, through: max(3, code.count - 10), by: -1) where found.count < 4 {
            let prefix = String(code.prefix(length))
            guard ErrorCode.isValid(prefix), !found.contains(where: { $0.code == prefix }) else { continue }
            if let entry = try await knowledgeBase.code(prefix, vendor: nil) { found.append(CodeLink(entry)) }
        }
        let following = try await knowledgeBase.codes(filter: CodeFilter(), page: PageRequest(limit: 8, cursor: Cursor(after: code)))
        for summary in following.items where !found.contains(where: { $0.code == summary.code }) && found.count < 8 {
            found.append(CodeLink(summary))
        }
        return found
    }
}
