import Foundation
import Mustache

/// The page templates and the stylesheet of `Pages/`, compiled into the binary, parsed once.
/// Mustache escapes every `{{value}}` for HTML (`<`, `>`, `&`, `"` and `'`); a template uses
/// `{{{value}}}` only for HTML this server built itself (search snippets, written by the store with ``Highlight/html``).
struct PageTemplates: Sendable {
    let library: MustacheLibrary
    let stylesheet: [UInt8]

    /// A failure here is a broken build, not bad input: the templates are the binary's own.
    init() throws {
        var library = MustacheLibrary()
        for name in BundledFiles.names(in: "Pages") where name.hasSuffix(".mustache") {
            guard let data = BundledFiles.data(name, in: "Pages") else { continue }
            try library.register(String(decoding: data, as: UTF8.self), named: String(name.dropLast(".mustache".count)))
        }
        guard let stylesheet = BundledFiles.data("style.css", in: "Pages") else {
            throw PageTemplateError(template: "style.css")
        }
        self.library = library
        self.stylesheet = Array(stylesheet)
    }

    /// The page `template` renders for `model`.
    func render(_ template: String, _ model: Any) throws -> [UInt8] {
        guard let html = library.render(model, withTemplate: template) else { throw PageTemplateError(template: template) }
        return Array(html.utf8)
    }
}

struct PageTemplateError: Error, CustomStringConvertible {
    var template: String
    var description: String { "the page template '\(template)' is not in this binary; rebuild it from the package" }
}
