import ErrorKBCore
import Foundation
import GRDB
import Testing

@testable import ErrorKBStore

@Suite("Repository: revision snapshots written as JSON by hand")
struct SnapshotJSONTests {
    /// Text that needs every kind of escape JSON has, and some that needs none.
    static let awkward = [
        "", "plain", "\"quoted\" and \\backslashed\\", "line\nbreak\r\ntab\tend", "bell\u{07} nul\u{00} unit\u{1F}",
        "del\u{7F} and / slash", "naïve café", "emoji \u{1F600} and CJK 錯誤", "\u{2028}separator\u{2029}",
    ]

    @Test("every snapshot reads back as itself, through JSONDecoder and SQLite's json_valid")
    func snapshotsRoundTrip() throws {
        let queue = try DatabaseQueue()
        for (index, text) in Self.awkward.enumerated() {
            let snapshot = VariantSnapshot(
                id: Int64(index) + 1, code: "invalid_grant", vendor: "acme", document: index.isMultiple(of: 2) ? nil : text,
                section: index.isMultiple(of: 3) ? nil : text, occurrence: index, position: index * 7, title: text.isEmpty ? nil : text,
                description: text, httpStatus: index.isMultiple(of: 2) ? 400 : nil, causes: [text, "second"],
                fixes: index.isMultiple(of: 2) ? [] : [text], lineStart: index + 1, lineEnd: index.isMultiple(of: 4) ? nil : index + 2,
                edited: index.isMultiple(of: 2))
            let json = snapshot.jsonText
            #expect(try JSONDecoder().decode(VariantSnapshot.self, from: Data(json.utf8)) == snapshot, "\(json)")
            #expect(try queue.read { db in try Bool.fetchOne(db, sql: "SELECT json_valid(?)", arguments: [json]) } == true, "\(json)")
        }
        let code = CodeSnapshot(code: "invalid_grant", kind: .oauth)
        #expect(try JSONDecoder().decode(CodeSnapshot.self, from: Data(code.jsonText.utf8)) == code)
    }
}
