import ErrorKBCore
import GRDB

extension KnowledgeBaseStore {
    public func importDocuments(
        _ documents: [DocumentImport], retryGuidance: [RetryGuidance], options: ImportOptions, actor: String
    ) async throws -> [DocumentImportOutcome] {
        // A dry run does all the work in the transaction and then rolls it back, so what it
        // reports is exactly what a real run would do.
        try await database.writeWithoutTransaction { db in
            var outcomes: [DocumentImportOutcome] = []
            try db.inTransaction {
                try VariantStore.translating {
                    let recorder = try RevisionRecorder(actor: actor, action: "import")
                    let triggers = try VariantStore.suspendSearchTriggers(db)
                    // The search index's changes, in the order the rows were written: replayed in
                    // that order, each removal names the text the index holds at that point, even
                    // when one batch writes the same variant twice.
                    var written: [SearchIndexChange] = []
                    // Codes recur across a batch's documents; each is looked up (or created) once.
                    var codeIDs: [String: Int64] = [:]
                    outcomes = try documents.map {
                        try Self.importDocument(db, $0, options: options, recorder: recorder, codeIDs: &codeIDs, written: &written)
                    }
                    for change in written {
                        switch change {
                        case .add(let snapshot, let old): try VariantStore.indexForSearch(db, snapshot, replacing: old)
                        case .remove(let old): try VariantStore.unindexForSearch(db, old)
                        }
                    }
                    try VariantStore.restoreSearchTriggers(db, triggers)
                    try Self.importRetryGuidance(db, retryGuidance, recorder: recorder)
                    let summary = outcomes.map { outcome in
                        "\(outcome.fileName): \(outcome.added.count) added, \(outcome.changed.count + outcome.overwritten.count) changed, \(outcome.removed.count) removed"
                    }.joined(separator: "; ")
                    try recorder.commit(db, summary: "import " + summary)
                }
                return options.dryRun ? .rollback : .commit
            }
            return outcomes
        }
    }

    /// A row of the search index an import changes; the import's own triggers are lifted.
    private enum SearchIndexChange {
        case add(VariantSnapshot, replacing: VariantSnapshot?)
        case remove(VariantSnapshot)
    }

    private struct EntryKey: Hashable {
        var code: String
        var section: String?
        var occurrence: Int
    }

    private static func importDocument(
        _ db: Database, _ document: DocumentImport, options: ImportOptions, recorder: RevisionRecorder,
        codeIDs: inout [String: Int64], written: inout [SearchIndexChange]
    ) throws -> DocumentImportOutcome {
        var outcome = DocumentImportOutcome(fileName: document.fileName, vendor: document.vendor.slug)
        if try VariantStore.vendor(db, slug: document.vendor.slug) == nil {
            try VariantStore.insertVendor(db, document.vendor, recorder: recorder)
        }
        let vendorID = try VariantStore.vendorID(db, slug: document.vendor.slug)

        let existingDocument = try VariantStore.document(db, fileName: document.fileName)
        let documentBefore = existingDocument?.snapshot
        if let documentBefore, documentBefore.vendor != document.vendor.slug {
            throw KnowledgeBaseError.conflict(
                "\(document.fileName) was imported for vendor '\(documentBefore.vendor)'; import it with --vendor \(documentBefore.vendor)")
        }
        // A document's import time is when its content last changed: kept on an unchanged
        // re-import, set now for a new document or a new version.
        let importedAt = Timestamp.now()
        let documentID: Int64
        if let existingDocument {
            documentID = existingDocument.id
        } else {
            try db.execute(
                sql: "INSERT INTO document (file_name, vendor_id, title, sha256, line_count, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [document.fileName, vendorID, document.title, document.sha256, document.lineCount, importedAt])
            documentID = db.lastInsertedRowID
        }

        if let text = document.text {
            // Content-addressed: the same bytes always give the same text, so a version already
            // kept (this document's, or a revert's target) is left as it is.
            try db.execute(
                sql: "INSERT INTO document_text (sha256, text) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                arguments: [document.sha256, text])
        }
        if let registry = document.registry {
            try RegistryRows.keep(db, registry, sha256: document.sha256)
        }

        var existing: [EntryKey: VariantSnapshot] = [:]
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM variant WHERE document_id = ?", arguments: [documentID]) {
            if let snapshot = try VariantStore.snapshot(db, variantID: id) {
                existing[EntryKey(code: snapshot.code, section: snapshot.section, occurrence: snapshot.occurrence)] = snapshot
            }
        }

        var occurrences: [EntryKey: Int] = [:]
        for (position, entry) in document.entries.enumerated() {
            let content = try entry.content.validated()
            let baseKey = EntryKey(code: entry.code, section: content.section, occurrence: 0)
            let occurrence = occurrences[baseKey, default: 0]
            occurrences[baseKey] = occurrence + 1
            let key = EntryKey(code: entry.code, section: content.section, occurrence: occurrence)
            let reported = DocumentImportOutcome.Entry(code: entry.code, section: content.section, line: entry.lines.start)
            let codeID: Int64
            if let known = codeIDs[entry.code] {
                codeID = known
            } else {
                codeID = try VariantStore.ensureCode(db, code: entry.code, kind: entry.kind, recorder: recorder)
                codeIDs[entry.code] = codeID
            }

            var desired = VariantSnapshot(
                id: 0, code: entry.code, vendor: document.vendor.slug, document: document.fileName,
                section: content.section, occurrence: occurrence, position: position, title: nil, description: "",
                httpStatus: nil, causes: [], fixes: [], lineStart: entry.lines.start, lineEnd: entry.lines.end,
                edited: false)
            desired.content = content

            guard let current = existing.removeValue(forKey: key) else {
                desired.id = try VariantStore.insert(db, desired, codeID: codeID, vendorID: vendorID, documentID: documentID)
                written.append(.add(desired, replacing: nil))
                try recorder.record(.variant, key: String(desired.id), code: entry.code, before: nil, after: desired)
                outcome.added.append(reported)
                continue
            }
            desired.id = current.id
            if current.content == desired.content {
                outcome.unchanged.append(reported)
                // The text stands where it stood; provenance may still have moved with edits around it.
                if current.edited { desired.edited = true }
            } else if current.edited && !options.overwrite {
                outcome.conflicts.append(reported)
                continue
            } else if current.edited {
                outcome.overwritten.append(reported)
            } else {
                outcome.changed.append(reported)
            }
            if desired != current {
                try VariantStore.update(db, from: current, to: desired)
                written.append(.add(desired, replacing: current))
                try recorder.record(.variant, key: String(current.id), code: entry.code, before: current, after: desired)
            }
        }

        for stale in existing.values.sorted(by: { $0.position < $1.position }) {
            let reported = DocumentImportOutcome.Entry(code: stale.code, section: stale.section, line: stale.lineStart)
            if stale.edited && !options.overwrite {
                outcome.conflicts.append(reported)
                continue
            }
            try VariantStore.delete(db, variantID: stale.id)
            written.append(.remove(stale))
            try recorder.record(.variant, key: String(stale.id), code: stale.code, before: stale, after: nil)
            outcome.removed.append(reported)
        }

        let unchangedDocument = documentBefore.map {
            $0.sha256 == document.sha256 && $0.title == document.title && $0.lineCount == document.lineCount
        } ?? false
        if !unchangedDocument || outcome.changesAnything {
            try db.execute(
                sql: "UPDATE document SET title = ?, sha256 = ?, line_count = ?, imported_at = ? WHERE id = ?",
                arguments: [document.title, document.sha256, document.lineCount, importedAt, documentID])
            let after = DocumentSnapshot(
                fileName: document.fileName, vendor: document.vendor.slug, title: document.title,
                sha256: document.sha256, lineCount: document.lineCount, importedAt: importedAt)
            try recorder.record(.document, key: document.fileName, code: nil, before: documentBefore, after: after)
        }
        return outcome
    }
}
