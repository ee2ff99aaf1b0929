import ErrorKBCore
import Foundation
import Testing

@testable import ErrorKBImport

/// Every markup becomes the same blocks, each with the source lines it came from.
@Suite("Import: the document model of each markup")
struct DocumentModelTests {
    private func model(_ text: String, as name: String) throws -> DocumentModel {
        DocumentParser.read(try SourceText(bytes: Array(text.utf8), fileName: name))
    }

    @Test("Markdown through cmark-gfm: front matter, headings and their attributes, tables, notes, definitions")
    func markdown() throws {
        let text = """
            ---
            title: 'Payment errors'
            ---
            {% include banner.html %}

            ## Error codes {#codes}

            - [Jump](#codes)

            | Code | Fix |
            |---|---|
            | `card_declined` | Ask for another card.<br><br>Do not retry. |

            :::note
            Retries are free.
            :::

            - {{HTTPStatus(200, "200 OK")}} {{deprecated_inline}}
              - : The request succeeded.
            """
        let model = try model(text, as: "errors.md")
        #expect(model.format == .markdown)
        #expect(model.title == "Payment errors")
        #expect(model.chrome.isSuperset(of: [1, 2, 3, 4]))
        guard model.blocks.count == 4, case .heading(let heading) = model.blocks[0], case .table(let table) = model.blocks[1],
            case .note(let note) = model.blocks[2], case .definitions(let definitions) = model.blocks[3]
        else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        // The heading's {#codes} is no part of it; the list of anchor links is the page's contents.
        #expect(heading.text == "Error codes" && heading.level == 2 && heading.lines == LineRange(start: 6, end: 6))
        #expect(table.header.map(\.text) == ["Code", "Fix"])
        #expect(table.rows[0].cells[0].text == "`card_declined`")
        #expect(table.rows[0].cells[1].blocks.count == 2)
        #expect(table.rows[0].lines == LineRange(start: 12, end: 12))
        #expect(Block.text(of: note.blocks) == "Retries are free.")
        #expect(definitions.items.map(\.term) == ["`200 OK`"])
        #expect(Block.text(of: definitions.items[0].blocks) == "The request succeeded.")
    }

    @Test("kramdown's indented nested definitions are the definition's own, not code")
    func kramdownNestedDefinitions() throws {
        let text = """
            "error":
            :    REQUIRED.  A single ASCII error code from the following:

                 "invalid_request":
                 :     The request is missing a required parameter.

                 "invalid_grant":
                 :     The grant is invalid.
            """
        let model = try model(text, as: "draft.md")
        guard case .definitions(let outer)? = model.blocks.first, let error = outer.items.first,
            case .definitions(let inner)? = error.blocks.last
        else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(error.term == "\"error\":")
        #expect(inner.items.map(\.term) == ["\"invalid_request\":", "\"invalid_grant\":"])
        #expect(inner.items[1].lines.start == 7)
    }

    @Test("a table row past a thousand cells is still a table, and prose with as many pipes keeps every character")
    func wideRows() throws {
        let width = WideRows.maximumPipes + 500
        let header = "| Code" + String(repeating: " | Note", count: width) + " |"
        let delimiter = "|" + String(repeating: "---|", count: width + 1)
        let row = "| 404" + String(repeating: " | x", count: width) + " |"
        let wide = try model([header, delimiter, row].joined(separator: "\n"), as: "wide.md")
        guard case .table(let table)? = wide.blocks.first else {
            Issue.record("blocks: \(wide.blocks)")
            return
        }
        #expect(table.rows.count == 1)
        #expect(table.rows[0].cells[0].text == "404")
        // The header and the delimiter row are cut to the same width; the rest of a row is its last cell.
        #expect(table.header.count == WideRows.maximumPipes)
        #expect(table.rows[0].cells.count == table.header.count)
        #expect(table.rows[0].cells.last?.text.contains("x | x") == true)

        let prose = "Codes " + String(repeating: "a|b ", count: width)
        let paragraph = try model(prose, as: "prose.md")
        guard case .paragraph(let read)? = paragraph.blocks.first else {
            Issue.record("blocks: \(paragraph.blocks)")
            return
        }
        #expect(read.text.count { $0 == "|" } == width)
    }

    @Test("HTML through libxml2: chrome left out, <dl>, spans filled in, <pre> as code, notes by class")
    func html() throws {
        let text = """
            <html><head><title>Gateway errors</title><script>var x = "<td>404</td>";</script></head>
            <body><nav><a href="/">Home</a></nav>
            <dl><dt><code>invalid_grant</code></dt><dd>The grant is <b>invalid</b>.</dd></dl>
            <table><tr><th>Status</th><th>Cause</th></tr>
            <tr><td>502</td><td rowspan="2">Upstream down.</td></tr>
            <tr><td>503</td></tr></table>
            <div class="alert alert-warning">Do not retry.</div>
            <pre>HTTP/1.1 502 Bad Gateway</pre>
            </body></html>
            """
        let model = try model(text, as: "gateway.html")
        #expect(model.title == "Gateway errors")
        #expect(model.chrome.contains(1) && model.chrome.contains(2))
        guard model.blocks.count == 4, case .definitions(let definitions) = model.blocks[0], case .table(let table) = model.blocks[1],
            case .note = model.blocks[2], case .code(let code) = model.blocks[3]
        else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(definitions.items[0].term == "`invalid_grant`")
        #expect(Block.text(of: definitions.items[0].blocks) == "The grant is **invalid**.")
        #expect(table.rows.map { $0.cells.map(\.text) } == [["502", "Upstream down."], ["503", "Upstream down."]])
        #expect(table.rows[1].lines.start == 6)
        #expect(code.text == "HTTP/1.1 502 Bad Gateway")
    }

    @Test("RFC text by its lines: numbered heading levels, hanging definitions, page breaks, examples")
    func rfcText() throws {
        let text = """
            4.1.2.1.  Error Response

               error
                     REQUIRED.  A single ASCII error code from the following:

                     invalid_request
                           The request is missing a required parameter.

            Hardt                        Standards Track                   [Page 27]
            \u{0C}
            RFC 6749                        OAuth 2.0                   October 2012

                     access_denied  The resource owner denied the request.

               For example:

                 HTTP/1.1 302 Found
            """
        let model = try model(text, as: "rfc6749.txt")
        #expect(model.chrome == [9, 10, 11])
        guard case .heading(let heading) = model.blocks[0], case .definitions(let outer) = model.blocks[1],
            case .definitions(let inner)? = outer.items[0].blocks.last, case .code(let example)? = model.blocks.last
        else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(heading.level == 4 && heading.text == "Error Response")
        #expect(inner.items.map(\.term) == ["invalid_request", "access_denied"])
        #expect(example.text.trimmingWhitespace() == "HTTP/1.1 302 Found")
    }

    @Test("reStructuredText: adornment levels, a grid cell read as blocks, a simple table, list-table")
    func restructuredText() throws {
        let text = """
            Errors
            ======

            Volumes
            -------

            +------+-------------------+
            | Code | Solution          |
            +======+===================+
            | 400  | Check the body.   |
            |      |                   |
            |      | .. note::         |
            |      |                   |
            |      |    It is logged.  |
            +------+-------------------+

            ===== ========
            Code  Meaning
            ===== ========
            200   OK
            ===== ========

            .. list-table::
               :header-rows: 1

               * - Code
                 - Meaning
               * - 404
                 - Not found
            """
        let model = try model(text, as: "errors.rst")
        let headings = model.blocks.compactMap { block -> Heading? in if case .heading(let heading) = block { heading } else { nil } }
        #expect(headings.map(\.level) == [1, 2])
        let tables = model.blocks.compactMap { block -> Table? in if case .table(let table) = block { table } else { nil } }
        guard tables.count == 3 else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(tables[0].header.map(\.text) == ["Code", "Solution"])
        let solution = tables[0].rows[0].cells[1].blocks
        #expect(solution.count == 2)
        if case .note = solution.last {} else { Issue.record("the note in the cell is no note: \(solution)") }
        #expect(tables[1].rows.map { $0.cells.map(\.text) } == [["200", "OK"]])
        #expect(tables[2].header.map(\.text) == ["Code", "Meaning"] && tables[2].rows[0].cells.map(\.text) == ["404", "Not found"])
    }

    @Test("reStructuredText: a field list in the body is a definition list; before the first section it is metadata")
    func rstFieldLists() throws {
        let text = """
            :author: Docs team

            Error codes
            ===========

            :400: Bad request. The body is malformed.
            :404: Not found.
               The resource does not exist.
            :param limit: not a status
            """
        let model = try model(text, as: "errors.rst")
        let lists = model.blocks.compactMap { block -> DefinitionList? in if case .definitions(let list) = block { list } else { nil } }
        guard lists.count == 1 else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(lists[0].items.map(\.term) == ["400", "404", "param limit"])
        #expect(Block.text(of: lists[0].items[1].blocks) == "Not found.\nThe resource does not exist.")
        #expect(lists[0].items[1].lines == LineRange(start: 7, end: 8))
        let parsed = DocumentParser.parse(try SourceText(bytes: Array(text.utf8), fileName: "errors.rst"))
        #expect(parsed.entries.map(\.code) == ["400", "404"])
    }

    @Test("AsciiDoc: titles without attribute references, admonitions, |=== tables")
    func asciiDoc() throws {
        let text = """
            = Guidelines
            :use: Use it

            [[status-404]]
            ==== 404 Not found {rfc-404} {use}
            [.indent]
            The resource does not exist; see {use}.

            NOTE: Do not document it.

            |===
            |Code |Meaning

            |E1 |Broken
            |===
            """
        let model = try model(text, as: "statuses.adoc")
        #expect(model.title == "Guidelines")
        guard case .heading(let heading) = model.blocks[0], case .paragraph(let paragraph) = model.blocks[1],
            case .note = model.blocks[2], case .table(let table) = model.blocks[3]
        else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(heading.text == "404 Not found" && heading.level == 3)
        #expect(paragraph.text == "The resource does not exist; see Use it.")
        #expect(table.header.map(\.text) == ["Code", "Meaning"] && table.rows[0].cells.map(\.text) == ["E1", "Broken"])
    }

    @Test("YAML through Yams: a mapping of codes anywhere in the file is a definition list")
    func yaml() throws {
        let text = """
            paths:
              /items:
                get:
                  responses:
                    '404':
                      description: No such item.
            """
        let model = try model(text, as: "api.yaml")
        guard case .definitions(let list)? = model.blocks.last else {
            Issue.record("blocks: \(model.blocks)")
            return
        }
        #expect(list.items.map(\.term) == ["404"])
        #expect(list.items[0].lines == LineRange(start: 5, end: 6))
        #expect(Block.text(of: list.items[0].blocks) == "No such item.")
    }

    @Test("a page's format comes from its extension, else from what it looks like")
    func formats() throws {
        #expect(try model("<html><body><p>x</p></body></html>", as: "page.txt").format == .html)
        #expect(try model("# x", as: "notes").format == .text)
        #expect(try model("x", as: "PAGE.MDX").format == .markdown)
    }
}
