import ErrorKBCore
import Testing

@testable import ErrorKBImport

/// Shapes the last two held-out sets met the importer with, each written here small and in
/// words of its own (none is a copy of a corpus page), with what it must give.
@Suite("Import: shapes met at first sight")
struct PageShapeTests {
    @Test("a Yandex multiline table (#| ... |#): each row an entry, cited at its own lines")
    func yandexMultilineTable() throws {
        let page = """
            # Status codes

            #|
            || Code | Status | Retry ||
            ||
            [500100](#busy)
            |
            [BUSY](#busy)
            |
            yes, after a pause
            ||
            ||
            500110
            |
            GONE
            |
            no
            ||
            |#

            ## 500100: BUSY {#busy}

            The server is busy.
            """
        let parsed = try DocumentParser.parse(page, as: "codes.md")
        #expect(parsed.entries.map(\.code) == ["500100", "500110", "500100"])
        #expect(parsed.entries.map(\.title) == ["BUSY", "GONE", "BUSY"])
        #expect(parsed.entries.first?.lines == LineRange(start: 5, end: 11))
        #expect(parsed.tables.first?.columns.map(\.role) == ["code", "title", "ignored"])
    }

    @Test("a \"Status\" column of names is their title; numbers beside HTTP statuses are the codes")
    func statusNamesBesideNumbers() throws {
        let page = """
            # Error codes

            | Wire | HTTP | Status | Cause |
            |---|---|---|---|
            | 5 | 404 | `NOT_FOUND` | The item is gone. |
            | 9 | 400 | `FAILED_PRECONDITION` | The item is locked. |
            | 14 | 503 | `UNAVAILABLE` | The service is down. |
            """
        let parsed = try DocumentParser.parse(page, as: "codes.md")
        #expect(parsed.entries.map(\.code) == ["5", "9", "14"])
        #expect(parsed.entries.map(\.title) == ["NOT_FOUND", "FAILED_PRECONDITION", "UNAVAILABLE"])
        #expect(parsed.entries.map(\.httpStatus) == [404, 400, 503])
        #expect(parsed.entries.map(\.causes) == [["The item is gone."], ["The item is locked."], ["The service is down."]])
    }

    @Test("headings that give a constant's value: (0) NAME, and keyword (0x0400) under appendix numbers")
    func valuesBesideNames() throws {
        let html = """
            <h1>Result codes</h1>
            <h3>(0) WIDGET_OK</h3>
            <p>The call worked.</p>
            <h3>(1) WIDGET_BROKEN</h3>
            <p>The widget broke.</p>
            """
        #expect(try DocumentParser.parse(html, as: "codes.html").entries.map(\.code) == ["WIDGET_OK", "WIDGET_BROKEN"])

        let text = """
            A.1.  Status Values

               The values below are returned in the status field.

            A.1.1.  widget-error-jammed (0x0401)

               The widget is jammed.

            A.1.2.  widget-error-worn-out (0x0402)

               The widget is worn out.
            """
        let parsed = try DocumentParser.parse(text, as: "codes.txt")
        #expect(parsed.entries.map(\.code) == ["widget-error-jammed", "widget-error-worn-out"])
        #expect(parsed.entries.map(\.description) == ["The widget is jammed.", "The widget is worn out."])
    }

    @Test("code=N in a table's code column; an abbreviation key and an error object's fields name no codes")
    func keysAndFields() throws {
        let table = """
            # Errors

            | Error code | Meaning |
            |---|---|
            | `code=7001` | The disk is full. |
            | `code=7002` | The disk is missing. |
            """
        #expect(try DocumentParser.parse(table, as: "codes.md").entries.map(\.code) == ["7001", "7002"])

        let fields = """
            # Errors

            Every error carries these fields:

            - `code`: the error code.
            - `message`: what went wrong.
            - `scope`: where it happened.

            | Error code | Meaning |
            |---|---|
            | 7001 | The disk is full. |
            """
        #expect(try DocumentParser.parse(fields, as: "codes.md").entries.map(\.code) == ["7001"])

        let key = """
            1.  Status Codes

               RD = Read, WR = Write, DL = Delete

            1.1.  EJAM

               The widget is jammed.
            """
        #expect(try DocumentParser.parse(key, as: "codes.txt").entries.map(\.code).contains("RD") == false)
    }

    @Test("a table of codes under a heading for fields, when the page is about codes and every cell is a code")
    func codesUnderFieldsHeading() throws {
        let page = """
            # Error Code

            ## Fields

            | Name | Description |
            |---|---|
            | `WIDGET_JAMMED` | The widget is jammed. |
            | `WIDGET_MISSING` | The widget is missing. |
            | `WIDGET_WORN` | The widget is worn out. |
            """
        #expect(try DocumentParser.parse(page, as: "codes.md").entries.map(\.code) == ["WIDGET_JAMMED", "WIDGET_MISSING", "WIDGET_WORN"])
        // Fields of a request are still not codes.
        let request = """
            # Widgets API

            ## Fields

            | Name | Description |
            |---|---|
            | `widget_id` | The widget. |
            | `colour` | Its colour. |
            | `size` | Its size. |
            """
        #expect(try DocumentParser.parse(request, as: "codes.md").entries.isEmpty)
    }

    @Test("reStructuredText exception classes are entries; a tree of their names is not")
    func exceptionClasses() throws {
        let page = """
            Widget exceptions
            =================

            .. exception:: WidgetError

               Base class for widget errors.

            .. class:: JammedWidget

               The widget is jammed.

               Derived from :exc:`WidgetError`

            .. class:: WidgetFactory

               Makes widgets.

            Hierarchy
            ---------

            * :exc:`WidgetError`

              * :exc:`~widgets.JammedWidget`
            """
        let parsed = try DocumentParser.parse(page, as: "errors.rst")
        #expect(parsed.entries.map(\.code) == ["WidgetError", "JammedWidget"])
        #expect(parsed.entries.map(\.description) == ["Base class for widget errors.", "The widget is jammed.\n\nDerived from WidgetError"])
    }

    @Test("a Bikeshed source: {{Name}} links are their names, in a table of exceptions and in prose that is no entry")
    func bikeshedReferences() throws {
        let page = """
            <h2>Exceptions</h2>
            <p>These match the <l spec=ecmascript>{{RangeError}}</l> and {{TypeError}} objects, which are not listed.
            <table>
              <tr><th>Type</th><th>Description</th></tr>
              <tr><td>{{WidgetJammedError}}</td><td>The widget is jammed.</td></tr>
              <tr><td>{{WidgetGoneError}}</td><td>The widget is gone.</td></tr>
            </table>
            <p>Template syntax stays as written: {{ .Values.widget }}.</p>
            """
        let parsed = try DocumentParser.parse(page, as: "widgets.html")
        #expect(parsed.entries.map(\.code) == ["WidgetJammedError", "WidgetGoneError"])
        #expect(HTMLInline.idlReferences("a {{ .Values.x }} b {{Name/member}} c") == "a {{ .Values.x }} b Name/member c")
    }
}
