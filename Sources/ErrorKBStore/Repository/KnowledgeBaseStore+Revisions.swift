import ErrorKBCore
import Foundation
import GRDB

extension KnowledgeBaseStore {
    public func revisions(code: String?, page: PageRequest) async throws -> Page<Revision> {
        let before: Int64
        if let cursor = page.cursor {
            guard let value = Int64(cursor.after) else {
                throw KnowledgeBaseError.invalid(field: "cursor", reason: "not a history cursor")
            }
            before = value
        } else {
            before = .max
        }
        return try await read { db in
            let ids: [Int64] =
                if let code {
                    try Int64.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT DISTINCT revision_id FROM revision_change WHERE code = ? AND revision_id < ?
                                ORDER BY revision_id DESC LIMIT ?
                                """),
                        arguments: [code, before, page.limit + 1])
                } else {
                    try Int64.fetchAll(
                        db.cachedStatement(sql: "SELECT id FROM revision WHERE id < ? ORDER BY id DESC LIMIT ?"),
                        arguments: [before, page.limit + 1])
                }
            let revisions = try ids.prefix(page.limit).compactMap { try Self.fetchRevision(db, id: $0) }
            let next = ids.count > page.limit ? revisions.last.map { Cursor(number: $0.id) } : nil
            return Page(items: revisions, next: next)
        }
    }

    public func revision(id: Int64) async throws -> Revision? {
        try await read { db in try Self.fetchRevision(db, id: id) }
    }

    static func fetchRevision(_ db: Database, id: Int64) throws -> Revision? {
        guard let revision = try RevisionRecord.fetchOne(
            db.cachedStatement(sql: "SELECT id, created_at, actor, action, summary, reverts FROM revision WHERE id = ?"),
            arguments: [id])
        else { return nil }
        let changes = try RevisionChangeRecord.fetchAll(
            db.cachedStatement(
                sql: "SELECT entity, entity_key, code, before, after FROM revision_change WHERE revision_id = ? ORDER BY id"),
            arguments: [id])
        return revision.revision(changes: changes.map(\.change))
    }

    public func revert(revision id: Int64, actor: String) async throws -> Revision {
        let newID: Int64 = try await database.write { db in
            try VariantStore.translating {
                guard let revision = try Self.fetchRevision(db, id: id) else {
                    throw KnowledgeBaseError.unknownRevision(id)
                }
                let recorder = try RevisionRecorder(actor: actor, action: "revert")
                let undo = RevisionUndo(db: db, recorder: recorder)
                try SearchIndexUpkeep.during(db, recorder: recorder) {
                    for change in RevisionUndo.order(revision.changes) {
                        try undo.undo(change)
                    }
                }
                try Self.mergeSmallSearchSegments(db)
                guard let newID = try recorder.commit(db, summary: "revert revision \(id): \(revision.summary)", reverts: id)
                else { throw KnowledgeBaseError.conflict("revision \(id) changed nothing that can be undone") }
                return newID
            }
        }
        guard let revision = try await revision(id: newID) else { throw KnowledgeBaseError.unknownRevision(newID) }
        return revision
    }
}

/// Puts each entity a revision touched back to its state before, after checking that nothing
/// since has changed it (undoing over a later edit would silently lose that edit).
private struct RevisionUndo {
    let db: Database
    let recorder: RevisionRecorder
    let decoder = JSONDecoder()

    /// Newest change first, except that vendors, codes and documents are put back before the
    /// variants that need them, and removed only after the variants that hang on them.
    static func order(_ changes: [RevisionChange]) -> [RevisionChange] {
        let newestFirst = Array(changes.reversed())
        func rank(_ entity: RevisionChange.Entity, _ order: [RevisionChange.Entity]) -> Int {
            order.firstIndex(of: entity) ?? order.count
        }
        let restored = newestFirst.filter { $0.entity != .variant && $0.before != nil }
            .enumerated().sorted { (rank($0.element.entity, [.vendor, .code, .document]), $0.offset)
                < (rank($1.element.entity, [.vendor, .code, .document]), $1.offset) }.map(\.element)
        let removed = newestFirst.filter { $0.entity != .variant && $0.before == nil }
            .enumerated().sorted { (rank($0.element.entity, [.document, .code, .vendor]), $0.offset)
                < (rank($1.element.entity, [.document, .code, .vendor]), $1.offset) }.map(\.element)
        return restored + newestFirst.filter { $0.entity == .variant } + removed
    }

    func undo(_ change: RevisionChange) throws {
        switch change.entity {
        case .variant: try undoVariant(change)
        case .code: try undoCode(change)
        case .vendor: try undoVendor(change)
        case .document: try undoDocument(change)
        case .guidance: try undoGuidance(change)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ json: String?) throws -> T? {
        try json.map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }

    private func requireUnchanged<T: Equatable>(_ current: T?, _ expected: T?, _ change: RevisionChange) throws {
        guard current == expected else {
            throw KnowledgeBaseError.conflict(
                "\(change.entity.rawValue) \(change.key) has changed since; revert the later revisions first")
        }
    }

    private func undoVariant(_ change: RevisionChange) throws {
        guard let id = Int64(change.key) else { return }
        let before = try decode(VariantSnapshot.self, change.before)
        let current = try VariantStore.snapshot(db, variantID: id)
        // The recorder wrote `after` as the snapshot's own JSON, so the same text means the same
        // state without decoding it (10,000 items take a while); other text is decoded and compared.
        if current?.jsonText != change.after {
            try requireUnchanged(current, try decode(VariantSnapshot.self, change.after), change)
        }
        switch (current, before) {
        case (let current?, nil):
            try VariantStore.delete(db, variantID: current.id)
        case (nil, let before?):
            guard let codeID = try VariantStore.codeID(db, code: before.code) else {
                throw KnowledgeBaseError.unknownCode(before.code)
            }
            let vendorID = try VariantStore.vendorID(db, slug: before.vendor)
            let documentID = try before.document.map { try VariantStore.documentID(db, fileName: $0) }
            try VariantStore.insert(db, before, codeID: codeID, vendorID: vendorID, documentID: documentID)
        case (let current?, let before?):
            try VariantStore.update(db, from: current, to: before)
        case (nil, nil):
            return
        }
        try recorder.record(.variant, key: change.key, code: change.code, before: current, after: before)
    }

    private func undoCode(_ change: RevisionChange) throws {
        let before = try decode(CodeSnapshot.self, change.before)
        let after = try decode(CodeSnapshot.self, change.after)
        let current = try CodeRecord.fetchOne(db, sql: "SELECT id, code, kind, http_class FROM code WHERE code = ?", arguments: [change.key])
            .map { CodeSnapshot(code: $0.code, kind: $0.kind) }
        try requireUnchanged(current, after, change)
        if let before, current == nil {
            try db.execute(sql: "INSERT INTO code (code, kind) VALUES (?, ?)", arguments: [before.code, before.kind.rawValue])
        } else if before == nil, current != nil {
            try db.execute(sql: "DELETE FROM code WHERE code = ?", arguments: [change.key])
        }
        try recorder.record(.code, key: change.key, code: change.code, before: current, after: before)
    }

    private func undoVendor(_ change: RevisionChange) throws {
        let before = try decode(Vendor.self, change.before)
        let after = try decode(Vendor.self, change.after)
        let current = try VariantStore.vendor(db, slug: change.key)
        try requireUnchanged(current, after, change)
        switch (current, before) {
        case (nil, let before?):
            try db.execute(
                sql: "INSERT INTO vendor (slug, name, kind) VALUES (?, ?, ?)",
                arguments: [before.slug, before.name, before.kind.rawValue])
        case (_?, nil):
            try db.execute(sql: "DELETE FROM vendor WHERE slug = ?", arguments: [change.key])
        case (_?, let before?):
            try db.execute(
                sql: "UPDATE vendor SET name = ?, kind = ? WHERE slug = ?",
                arguments: [before.name, before.kind.rawValue, before.slug])
        case (nil, nil):
            return
        }
        try recorder.record(.vendor, key: change.key, code: nil, before: current, after: before)
    }

    private func undoGuidance(_ change: RevisionChange) throws {
        let before = try decode(RetryGuidance.self, change.before)
        let after = try decode(RetryGuidance.self, change.after)
        guard let code = before?.code ?? after?.code else { return }
        let context = before?.context ?? after?.context
        let current = try RetryGuidanceRows.one(db, code: code, context: context)
        try requireUnchanged(current, after, change)
        if let before {
            try RetryGuidanceRows.write(db, before)
        } else {
            try RetryGuidanceRows.delete(db, code: code, context: context)
        }
        try recorder.record(.guidance, key: change.key, code: change.code, before: current, after: before)
    }

    private func undoDocument(_ change: RevisionChange) throws {
        let before = try decode(DocumentSnapshot.self, change.before)
        let after = try decode(DocumentSnapshot.self, change.after)
        let current = try VariantStore.document(db, fileName: change.key)?.snapshot
        try requireUnchanged(current, after, change)
        if let before {
            try VariantStore.writeDocument(db, before)
        } else {
            try db.execute(sql: "DELETE FROM document WHERE file_name = ?", arguments: [change.key])
        }
        try recorder.record(.document, key: change.key, code: nil, before: current, after: before)
    }
}
