import ArgumentParser
import ErrorKBCore

extension VendorKind: ExpressibleByArgument {}

struct CodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code", abstract: "Add or remove codes.", subcommands: [Add.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a code.",
            discussion: "Examples:\n  errorkb code add 418\n  errorkb code add slow_down --kind oauth")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "An HTTP status (100-599) or a string code.") var code: String
        @Option(help: "http, oauth or other (default: http for three digits, else other).") var kind: CodeKind?

        func run() async throws {
            let kind = self.kind ?? CodeKind.inferred(from: code)
            try await global.openRepository().createCode(code, kind: kind, actor: global.resolvedActor)
            print("added \(kind.rawValue) code \(code)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove a code and every variant of it (revertible).",
            discussion: "Example:\n  errorkb code rm 418")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The code.") var code: String

        func run() async throws {
            try await global.openRepository().deleteCode(code, actor: global.resolvedActor)
            print("removed code \(code)")
        }
    }
}

struct VendorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vendor", abstract: "List, add, rename or remove vendors.",
        subcommands: [List.self, Add.self, Set.self, Remove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List vendors with their counts.", discussion: "Example:\n  errorkb vendor list --json")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let vendors = try await global.openForReading().vendors()
            if json { return try JSONOutput.print(vendors) }
            let width = vendors.map(\.vendor.slug.count).max() ?? 0
            for summary in vendors {
                let slug = summary.vendor.slug.padding(toLength: width, withPad: " ", startingAt: 0)
                let kind = summary.vendor.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(slug)  \(kind)  \(summary.documentCount) docs  \(summary.variantCount) variants  \(summary.vendor.name)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a vendor.",
            discussion: "Example:\n  errorkb vendor add stripe --name Stripe --kind vendor")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Lowercase letters, digits and hyphens.") var slug: String
        @Option(help: "The name people know it by.") var name: String
        @Option(help: "vendor, guide or standard.") var kind: VendorKind = .vendor

        func run() async throws {
            try await global.openRepository().createVendor(Vendor(slug: slug, name: name, kind: kind), actor: global.resolvedActor)
            print("added vendor \(slug)")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Rename a vendor or change its kind.",
            discussion: "Example:\n  errorkb vendor set rfc7231 --name \"RFC 7231\"")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The vendor's slug.") var slug: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The new kind.") var kind: VendorKind?

        func validate() throws {
            if name == nil && kind == nil { throw ValidationError("nothing to change: give --name or --kind") }
        }

        func run() async throws {
            let vendor = try await global.openRepository().updateVendor(slug, name: name, kind: kind, actor: global.resolvedActor)
            print("\(vendor.slug): \(vendor.name) (\(vendor.kind.rawValue))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove a vendor that has no documents (revertible).",
            discussion: "Example:\n  errorkb vendor rm stripe")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The vendor's slug.") var slug: String

        func run() async throws {
            try await global.openRepository().deleteVendor(slug, actor: global.resolvedActor)
            print("removed vendor \(slug)")
        }
    }
}

struct VariantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variant", abstract: "Add or remove a vendor's variant of a code.", subcommands: [Add.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a hand-made variant.",
            discussion: """
                Example:
                  errorkb variant add 418 --vendor acme --title "I'm a teapot" \\
                      --description "The server refuses to brew coffee." --cause "Asked for coffee." --fix "Ask for tea."
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The code (created with --create-code if new).") var code: String
        @Option(help: "The vendor.") var vendor: String
        @Option(help: "The title.") var title: String?
        @Option(help: "The description.") var description: String = ""
        @Option(help: "The HTTP status it is returned with.") var status: Int?
        @Option(help: "The section.") var section: String?
        @Option(help: "A cause (repeat for several).") var cause: [String] = []
        @Option(help: "A fix (repeat for several).") var fix: [String] = []
        @Flag(help: "Create the code first if it does not exist.") var createCode = false

        func run() async throws {
            let repository = try global.openRepository()
            if createCode, try await repository.code(code, vendor: nil) == nil {
                try await repository.createCode(code, kind: CodeKind.inferred(from: code), actor: global.resolvedActor)
            }
            let content = VariantContent(
                section: section, title: title, description: description, httpStatus: status ?? HTTPStatus(code: code)?.value,
                causes: cause, fixes: fix)
            let variant = try await repository.createVariant(
                VariantDraft(code: code, vendor: vendor, content: content), actor: global.resolvedActor)
            CodeEntryPrinter(terminal: .current).print(variant: variant)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove a variant (revertible).",
            discussion: "Example:\n  errorkb variant rm 404 --vendor generic --document 003_c9016a0a350ab718.txt")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: VariantSelection
        @Argument(help: "The code.") var code: String

        func run() async throws {
            let repository = try global.openRepository()
            let variant = try await selection.resolve(code: code, in: repository)
            try await repository.deleteVariant(id: variant.id, actor: global.resolvedActor)
            print("removed \(variant.vendor) variant \(variant.id) of \(code)")
        }
    }
}
