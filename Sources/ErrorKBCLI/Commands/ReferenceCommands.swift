import ArgumentParser
import ErrorKBCore

extension Divergence.Kind: ExpressibleByArgument {}
extension RegistryKind: ExpressibleByArgument {}
extension RetryGuidance.Decision: ExpressibleByArgument {}

struct DivergencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "divergences",
        abstract: "List where variants disagree with the registries, the OAuth specifications and each other.",
        discussion: """
            Computed from what is stored, as GET /v1/divergences is: another title than the \
            registered name (Akana's 404 "Resource not found"), another HTTP status for an OAuth \
            error than its specification prescribes there, an endpoint the registry does not list \
            for it, or an HTTP status the registry lists as unassigned.

            Examples:
              errorkb divergences
              errorkb divergences --vendor akana --kind http_status --json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this vendor's divergences.") var vendor: String?
    @Option(help: "Only divergences of this kind: title, http_status, usage_location or unregistered.") var kind: Divergence.Kind?
    @Flag(help: "Print JSON (the shape of GET /v1/divergences).") var json = false

    func run() async throws {
        let repository = try global.openForReading()
        if let vendor, try await repository.vendor(vendor) == nil { throw KnowledgeBaseError.unknownVendor(vendor) }
        var items = try await Divergence.all(in: repository, vendor: vendor, today: CalendarDay.today())
        if let kind { items = items.filter { $0.kind == kind } }
        if json { return try JSONOutput.print(["items": items]) }
        for divergence in items {
            print("\(divergence.code)\t\(divergence.kind.rawValue)\t#\(divergence.variantID)\t\(divergence.detail)")
        }
        if items.isEmpty { print("no divergences") }
    }
}

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "List, set or remove the retry guidance of a status or OAuth error.",
        subcommands: [List.self, Set.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List retry guidance, with the sentence each rests on.",
            discussion: "Examples:\n  errorkb retry list\n  errorkb retry list 503 --json")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Only this code's guidance.") var code: String?
        @Flag(help: "Print JSON (the shape of GET /v1/guidance/retry).") var json = false

        func run() async throws {
            let items = try await global.openForReading().retryGuidance(code: code)
            if json { return try JSONOutput.print(["items": items]) }
            for guidance in items {
                let context = guidance.context.map { " (\($0))" } ?? ""
                let wait = guidance.wait.map { "; wait: \($0)" } ?? ""
                let idempotent = guidance.idempotentOnly ? "; idempotent only" : ""
                print("\(guidance.code)\(context)\t\(guidance.retry.rawValue)\(wait)\(idempotent)\t\(guidance.reference) \"\(guidance.quote)\"")
            }
            if items.isEmpty { print(code.map { "no retry guidance for \($0)" } ?? "no retry guidance") }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Add or replace a code's retry guidance (one revision, revertible).",
            discussion: """
                The guidance must rest on a sentence of a specification: give it verbatim with \
                --quote, the document and section with --reference, and where you read it with \
                --read-from.

                Example:
                  errorkb retry set 503 --retry after_delay --wait "Retry-After, if sent" \\
                    --reference "[RFC9110, Section 15.6.4]" \\
                    --quote "The server MAY send a Retry-After header field ..." \\
                    --read-from "rfc9110.txt as published by the RFC Editor"
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "An HTTP status or OAuth error.") var code: String
        @Option(help: "yes, no, after_change or after_delay.") var retry: RetryGuidance.Decision
        @Option(help: "Where it holds when not everywhere (\"revocation endpoint\").") var context: String?
        @Flag(help: "Only an idempotent request may be repeated automatically.") var idempotentOnly = false
        @Option(help: "What to wait for, or how long.") var wait: String?
        @Option(help: "The document and section, in brackets: [RFC9110, Section 15.6.4].") var reference: String
        @Option(help: "The sentence the guidance rests on, verbatim.") var quote: String
        @Option(help: "Where the quote was read.") var readFrom: String

        func run() async throws {
            let guidance = RetryGuidance(
                code: code, context: context, retry: retry, idempotentOnly: idempotentOnly, wait: wait, reference: reference,
                quote: quote, readFrom: readFrom)
            let stored = try await global.openRepository().setRetryGuidance(guidance, actor: global.resolvedActor)
            print("retry guidance for \(stored.code)\(stored.context.map { " (\($0))" } ?? ""): \(stored.retry.rawValue)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove a code's retry guidance (revertible).",
            discussion: "Example:\n  errorkb retry rm 503 --context \"revocation endpoint\"")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The code.") var code: String
        @Option(help: "The context of the guidance to remove, if it has one.") var context: String?

        func run() async throws {
            try await global.openRepository().deleteRetryGuidance(code: code, context: context, actor: global.resolvedActor)
            print("removed retry guidance for \(code)")
        }
    }
}
