import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    /// Runs `body` in one write transaction that records one revision.
    func write<T: Sendable>(
        actor: String, action: String, _ body: @Sendable (Database, RevisionRecorder) throws -> (T, String)
    ) async throws -> T {
        try await database.write { db in
            try VariantStore.translating {
                let recorder = try RevisionRecorder(actor: actor, action: action)
                let (result, summary) = try SearchIndexUpkeep.during(db, recorder: recorder) { try body(db, recorder) }
                try Self.mergeSmallSearchSegments(db)
                try recorder.commit(db, summary: summary)
                return result
            }
        }
    }

    public func createVendor(_ vendor: Vendor, actor: String) async throws {
        try await write(actor: actor, action: "vendor.create") { db, recorder in
            try VariantStore.insertVendor(db, vendor, recorder: recorder)
            return ((), "add vendor \(vendor.slug)")
        }
    }

    public func updateVendor(_ slug: String, name: String?, kind: VendorKind?, actor: String) async throws -> Vendor {
        try await write(actor: actor, action: "vendor.update") { db, recorder in
            guard let before = try VariantStore.vendor(db, slug: slug) else { throw KnowledgeBaseError.unknownVendor(slug) }
            var after = before
            if let name {
                after.name = name.trimmingWhitespace()
                guard !name.isBlankText else {
                    throw KnowledgeBaseError.invalid(field: "vendor name", reason: "must not be empty")
                }
            }
            if let kind { after.kind = kind }
            try db.execute(
                sql: "UPDATE vendor SET name = ?, kind = ? WHERE slug = ?",
                arguments: [after.name, after.kind.rawValue, slug])
            try recorder.record(.vendor, key: slug, code: nil, before: before, after: after)
            return (after, "update vendor \(slug)")
        }
    }

    public func deleteVendor(_ slug: String, actor: String) async throws {
        try await write(actor: actor, action: "vendor.delete") { db, recorder in
            guard let vendor = try VariantStore.vendor(db, slug: slug) else { throw KnowledgeBaseError.unknownVendor(slug) }
            let vendorID = try VariantStore.vendorID(db, slug: slug)
            let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE vendor_id = ?", arguments: [vendorID]) ?? 0
            guard documents == 0 else {
                throw KnowledgeBaseError.conflict("vendor '\(slug)' still has \(documents) document(s); remove them first")
            }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM variant WHERE vendor_id = ?", arguments: [vendorID]) {
                try Self.deleteVariant(db, id: id, recorder: recorder)
            }
            try db.execute(sql: "DELETE FROM vendor WHERE id = ?", arguments: [vendorID])
            try recorder.record(.vendor, key: slug, code: nil, before: vendor, after: nil)
            return ((), "delete vendor \(slug)")
        }
    }

    public func createCode(_ code: String, kind: CodeKind, actor: String) async throws {
        try await write(actor: actor, action: "code.create") { db, recorder in
            guard try VariantStore.codeID(db, code: code) == nil else {
                throw KnowledgeBaseError.conflict("code '\(code)' already exists")
            }
            _ = try VariantStore.ensureCode(db, code: code, kind: kind, recorder: recorder)
            return ((), "add code \(code)")
        }
    }

    public func deleteCode(_ code: String, actor: String) async throws {
        try await write(actor: actor, action: "code.delete") { db, recorder in
            guard let record = try CodeRecord.fetchOne(db, sql: "SELECT id, code, kind, http_class FROM code WHERE code = ?", arguments: [code])
            else { throw KnowledgeBaseError.unknownCode(code) }
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM variant WHERE code_id = ?", arguments: [record.id]) {
                try Self.deleteVariant(db, id: id, recorder: recorder)
            }
            try db.execute(sql: "DELETE FROM code WHERE id = ?", arguments: [record.id])
            let snapshot = CodeSnapshot(code: code, kind: record.kind)
            try recorder.record(.code, key: code, code: code, before: snapshot, after: nil)
            return ((), "delete code \(code)")
        }
    }

    public func createVariant(_ draft: VariantDraft, actor: String) async throws -> Variant {
        let content = try draft.content.validated()
        let id: Int64 = try await write(actor: actor, action: "variant.create") { db, recorder in
            guard let codeID = try VariantStore.codeID(db, code: draft.code) else {
                throw KnowledgeBaseError.unknownCode(draft.code)
            }
            let vendorID = try VariantStore.vendorID(db, slug: draft.vendor)
            let duplicate = try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM variant WHERE code_id = ? AND vendor_id = ? AND document_id IS NULL
                    AND ifnull(section, '') = ifnull(?, '')
                    """,
                arguments: [codeID, vendorID, content.section])
            if let duplicate {
                throw KnowledgeBaseError.conflict(
                    "\(draft.vendor) already has a hand-made variant of \(draft.code) under that section (id \(duplicate))")
            }
            var snapshot = VariantSnapshot(
                id: 0, code: draft.code, vendor: draft.vendor, document: nil, section: nil, occurrence: 0, position: 0,
                title: nil, description: "", httpStatus: nil, causes: [], fixes: [], lineStart: nil, lineEnd: nil,
                edited: true)
            snapshot.content = content
            snapshot.id = try VariantStore.insert(db, snapshot, codeID: codeID, vendorID: vendorID, documentID: nil)
            try recorder.record(.variant, key: String(snapshot.id), code: draft.code, before: nil, after: snapshot)
            return (snapshot.id, "add \(draft.vendor) variant of \(draft.code)")
        }
        guard let variant = try await variant(id: id) else { throw KnowledgeBaseError.unknownVariant(id) }
        return variant
    }

    public func editVariant(
        id: Int64, actor: String, action: String, _ edit: @Sendable (inout VariantContent) throws -> Void
    ) async throws -> Variant {
        // An edit that changes nothing records no change, and so writes no revision.
        try await write(actor: actor, action: action) { db, recorder in
            guard let before = try VariantStore.snapshot(db, variantID: id) else {
                throw KnowledgeBaseError.unknownVariant(id)
            }
            var content = before.content
            try edit(&content)
            var after = before
            after.content = try content.validated()
            guard after.content != before.content else { return (try Self.variant(db, from: before), "") }
            after.edited = true
            try VariantStore.update(db, from: before, to: after)
            try recorder.record(.variant, key: String(id), code: before.code, before: before, after: after)
            // The state just written, not read back: a variant may have 10,000 items.
            return (try Self.variant(db, from: after), "\(action) \(before.vendor) variant of \(before.code)")
        }
    }

    /// The variant a snapshot describes, as reads return it.
    private static func variant(_ db: Database, from snapshot: VariantSnapshot) throws -> Variant {
        let documentID = try snapshot.document.map { try VariantStore.documentID(db, fileName: $0) }
        return Variant(
            id: snapshot.id, code: snapshot.code, vendor: snapshot.vendor, document: snapshot.document, documentID: documentID,
            section: snapshot.section, title: snapshot.title, description: snapshot.description, httpStatus: snapshot.httpStatus,
            causes: snapshot.causes, fixes: snapshot.fixes,
            lines: snapshot.lineStart.map { LineRange(start: $0, end: snapshot.lineEnd ?? $0) }, edited: snapshot.edited)
    }

    public func deleteVariant(id: Int64, actor: String) async throws {
        try await write(actor: actor, action: "variant.delete") { db, recorder in
            guard let snapshot = try VariantStore.snapshot(db, variantID: id) else {
                throw KnowledgeBaseError.unknownVariant(id)
            }
            try Self.deleteVariant(db, id: id, recorder: recorder)
            return ((), "delete \(snapshot.vendor) variant of \(snapshot.code)")
        }
    }

    static func deleteVariant(_ db: Database, id: Int64, recorder: RevisionRecorder) throws {
        guard let snapshot = try VariantStore.snapshot(db, variantID: id) else { return }
        try VariantStore.delete(db, variantID: id)
        try recorder.record(.variant, key: String(id), code: snapshot.code, before: snapshot, after: nil)
    }
}
