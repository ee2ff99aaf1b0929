import ErrorKBCore
import GRDB

/// The `retry_guidance` table: one row per code and context, `''` standing for no context
/// (SQLite's primary key cannot hold a NULL that compares equal).
enum RetryGuidanceRows {
    static func fetch(_ db: Database, code: String?, context: String?? = nil) throws -> [RetryGuidance] {
        var sql = "SELECT code, context, retry, idempotent_only, wait, reference, quote, read_from FROM retry_guidance"
        var arguments: StatementArguments = []
        if let code {
            sql += " WHERE code = ?"
            _ = arguments.append(contentsOf: [code])
            if let context {
                sql += " AND context = ?"
                _ = arguments.append(contentsOf: [context ?? ""])
            }
        }
        sql += " ORDER BY code, context"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            let retry: String = row["retry"]
            guard let decision = RetryGuidance.Decision(rawValue: retry) else {
                throw KnowledgeBaseError.schema("retry guidance for \(row["code"] as String) says '\(retry)'")
            }
            let context: String = row["context"]
            return RetryGuidance(
                code: row["code"], context: context.isEmpty ? nil : context, retry: decision,
                idempotentOnly: row["idempotent_only"], wait: row["wait"], reference: row["reference"], quote: row["quote"],
                readFrom: row["read_from"])
        }
    }

    static func one(_ db: Database, code: String, context: String?) throws -> RetryGuidance? {
        try fetch(db, code: code, context: .some(context)).first
    }

    static func write(_ db: Database, _ guidance: RetryGuidance) throws {
        try db.execute(
            sql: """
                INSERT INTO retry_guidance (code, context, retry, idempotent_only, wait, reference, quote, read_from)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code, context) DO UPDATE SET retry = excluded.retry, idempotent_only = excluded.idempotent_only,
                    wait = excluded.wait, reference = excluded.reference, quote = excluded.quote, read_from = excluded.read_from
                """,
            arguments: [
                guidance.code, guidance.context ?? "", guidance.retry.rawValue, guidance.idempotentOnly, guidance.wait,
                guidance.reference, guidance.quote, guidance.readFrom,
            ])
    }

    static func delete(_ db: Database, code: String, context: String?) throws {
        try db.execute(sql: "DELETE FROM retry_guidance WHERE code = ? AND context = ?", arguments: [code, context ?? ""])
    }

    /// The revision log's key: the code, and its context after `@` when there is one.
    static func key(code: String, context: String?) -> String {
        context.map { "\(code)@\($0)" } ?? code
    }
}

extension KnowledgeBaseStore {
    public func retryGuidance(code: String?) async throws -> [RetryGuidance] {
        try await read { db in try RetryGuidanceRows.fetch(db, code: code) }
    }

    public func setRetryGuidance(_ guidance: RetryGuidance, actor: String) async throws -> RetryGuidance {
        let guidance = try guidance.validated()
        return try await write(actor: actor, action: "guidance.set") { db, recorder in
            try Self.requireCode(db, guidance.code)
            let before = try RetryGuidanceRows.one(db, code: guidance.code, context: guidance.context)
            try RetryGuidanceRows.write(db, guidance)
            try recorder.record(
                .guidance, key: RetryGuidanceRows.key(code: guidance.code, context: guidance.context), code: guidance.code,
                before: before, after: guidance)
            return (guidance, "\(before == nil ? "add" : "change") retry guidance for \(guidance.code)")
        }
    }

    public func deleteRetryGuidance(code: String, context: String?, actor: String) async throws {
        try await write(actor: actor, action: "guidance.delete") { db, recorder in
            guard let before = try RetryGuidanceRows.one(db, code: code, context: context) else {
                throw KnowledgeBaseError.unknownGuidance(RetryGuidanceRows.key(code: code, context: context))
            }
            try RetryGuidanceRows.delete(db, code: code, context: context)
            try recorder.record(
                .guidance, key: RetryGuidanceRows.key(code: code, context: context), code: code, before: before, after: nil)
            return ((), "remove retry guidance for \(code)")
        }
    }

    /// Guidance is about a code the knowledge base has: `retry set` took any code at all.
    private static func requireCode(_ db: Database, _ code: String) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM code WHERE code = ?)"), arguments: [code]) == true
        else { throw KnowledgeBaseError.unknownCode(code) }
    }

    /// The seed's guidance, for codes and contexts that have none: an admin's is never replaced.
    static func importRetryGuidance(_ db: Database, _ rows: [RetryGuidance], recorder: RevisionRecorder) throws {
        for row in rows {
            let guidance = try row.validated()
            try requireCode(db, guidance.code)
            guard try RetryGuidanceRows.one(db, code: guidance.code, context: guidance.context) == nil else { continue }
            try RetryGuidanceRows.write(db, guidance)
            try recorder.record(
                .guidance, key: RetryGuidanceRows.key(code: guidance.code, context: guidance.context), code: guidance.code,
                before: nil as RetryGuidance?, after: guidance)
        }
    }
}
