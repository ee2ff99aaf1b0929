import ErrorKBCore
import Foundation

/// `/codes/{code}/history`: the revisions that touched a code, who and when, before and after.
struct HistoryPage {
    struct RevisionRow {
        var id: Int64
        var anchor: String
        var createdAt: String
        var actor: String
        var action: String
        var summary: String
        var reverts: Int64?
        var changes: [ChangeRow]
    }

    struct ChangeRow {
        var entity: String
        var key: String
        /// The entity's state as indented JSON; `nil` when it did not exist.
        var before: String?
        var after: String?
    }

    var frame: PageFrame
    var code: String
    var codeHref: String
    var revisions: [RevisionRow]
    var hasRevisions: Bool
    var nextHref: String?

    init(code: String, page: Page<Revision>, limit: Int?) {
        frame = PageFrame(title: "History of \(code)", alternate: "/v1/codes/\(ErrorCode.pathSegment(code))/history")
        self.code = code
        codeHref = PageLinks.code(code)
        revisions = page.items.map { revision in
            RevisionRow(
                id: revision.id, anchor: "revision-\(revision.id)", createdAt: revision.createdAt, actor: revision.actor,
                action: revision.action, summary: revision.summary, reverts: revision.reverts,
                changes: revision.changes.filter { $0.code == code || $0.key == code }.map { change in
                    ChangeRow(entity: change.entity.rawValue, key: change.key, before: Self.indented(change.before), after: Self.indented(change.after))
                })
        }
        hasRevisions = !revisions.isEmpty
        nextHref = page.next.map { PageLinks.with(PageLinks.history(code), [("limit", limit.map(String.init)), ("cursor", $0.token)]) }
    }

    private static func indented(_ json: String?) -> String? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
