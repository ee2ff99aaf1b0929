import ArgumentParser
import ErrorKBCore

/// Which variant of a code a command acts on: `--vendor`, narrowed by `--document` and
/// `--section`, or `--id`. An ambiguous choice is refused with the candidates listed.
struct VariantSelection: ParsableArguments {
    @Option(help: "The vendor whose variant to change.")
    var vendor: String?

    @Option(help: "Narrow to the variant from this document (its file name).")
    var document: String?

    @Option(help: "Narrow to the variant under this section.")
    var section: String?

    @Option(help: "The variant's id (from `show --json`), instead of --vendor.")
    var id: Int64?

    func validate() throws {
        if id == nil && vendor == nil { throw ValidationError("give --vendor (or --id) to choose a variant") }
        // --id names one variant; a vendor, document or section beside it could only disagree.
        if id != nil && (vendor != nil || document != nil || section != nil) {
            throw ValidationError("give --id alone, or --vendor with --document and --section, not both")
        }
    }

    func resolve(code: String, in repository: some KnowledgeBaseReading) async throws -> Variant {
        if let id {
            guard let variant = try await repository.variant(id: id) else { throw KnowledgeBaseError.unknownVariant(id) }
            guard variant.code == code else {
                throw KnowledgeBaseError.conflict("variant \(id) is a variant of \(variant.code), not of \(code)")
            }
            return variant
        }
        guard let entry = try await repository.code(code, vendor: nil) else { throw KnowledgeBaseError.unknownCode(code) }
        if let vendor, try await repository.vendor(vendor) == nil { throw KnowledgeBaseError.unknownVendor(vendor) }
        let candidates = entry.variants.filter { variant in
            variant.vendor == vendor && (document == nil || variant.document == document)
                && (section == nil || variant.section == section)
        }
        guard let first = candidates.first else {
            throw KnowledgeBaseError.unknownVariantOf(code: code, vendor: vendor ?? "", document: document, section: section)
        }
        guard candidates.count == 1 else { throw KnowledgeBaseError.ambiguousVariant(code: code, candidates: candidates) }
        return first
    }
}
