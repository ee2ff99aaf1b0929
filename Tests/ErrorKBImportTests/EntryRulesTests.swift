import ErrorKBCore
import Foundation
import Testing

@testable import ErrorKBImport

/// The rules the entry finder applies to blocks, whatever markup they came from.
@Suite("Import: finding entries in blocks")
struct EntryRulesTests {
    private func parse(_ text: String, as name: String = "page.md") throws -> ParsedDocument {
        try DocumentParser.parse(text, as: name)
    }

    @Test("a list of statuses joined to their meaning by a word is one entry per item; a list of quantities is none")
    func statusListsWithConnectors() throws {
        let parsed = try parse("""
            We use standard HTTP status codes to show whether an API request succeeded or not:

            - 200 if it succeeded
            - 400 for Validation failure
            - 429 when the rate limit is exceeded
            """)
        #expect(parsed.entries.map(\.code) == ["200", "400", "429"])
        #expect(parsed.entries[1].title == nil)
        #expect(parsed.entries[1].description == "for Validation failure")
        let quantities = try parse("# Limits\n\n- 200 requests a minute\n- 500 requests an hour\n")
        #expect(quantities.entries.isEmpty)
        // One item that does not fit makes it no status list.
        let mixed = try parse("# Notes\n\n- 200 for reads\n- the rest for writes\n")
        #expect(mixed.entries.isEmpty)
    }

    @Test("a code heading stands in the section above it, not in a deeper heading before it")
    func codeHeadingsCloseDeeperSections() throws {
        let parsed = try parse("""
            # Troubleshooting

            ## Gateway

            ### Support and assistance

            Write to support.

            ## Error 1000: DNS points to prohibited IP

            The record points to a Cloudflare address.
            """)
        #expect(parsed.entries.map(\.code) == ["1000"])
        #expect(parsed.entries[0].title == "DNS points to prohibited IP")
        #expect(parsed.entries[0].section == "Gateway")
    }

    @Test("the endpoint a string code is returned at: named in the prose, implied by a heading or by delivery")
    func endpoints() throws {
        let parsed = try parse("""
            ## Push Error Payload

            Clients receive error payloads at their Client Notification Endpoint.

            `expired_token`
            : The request expired.

            ## Device flow errors

            `slow_down`
            : Poll more slowly.

            ## Error Response

            The server adds the following parameters to the query component of the redirection URI:

            `access_denied`
            : The user said no.

            ## Status codes

            | Code | Meaning |
            |---|---|
            | 404 | Not Found |
            """)
        #expect(parsed.entries.map(\.section) == [
            "client notification endpoint", "token endpoint", "authorization endpoint", "Push Error Payload > Status codes",
        ])
    }

    @Test("HTTP statuses the text states for a string code, and those it only mentions")
    func statedStatuses() throws {
        let parsed = try parse("""
            ## Errors

            - `quota_exceeded`: The quota ran out. The response is an HTTP 429 with a Retry-After header.
            - `not_json`: The body is not JSON. Must be accompanied by a `400 Bad Request` HTTP status code.
            - `server_error`: A 500 Internal Server Error HTTP status code cannot be returned via a redirect.
            - `unsupported_mode`: The server returns an HTTP response code of 400 without error parameters.
            - `bad_request`: The server responds using the appropriate HTTP status code (typically, 400, 401, or 403).
            - `conflict`: Returned via a HTTP 409 response code.
            """)
        #expect(parsed.entries.map(\.httpStatus) == [429, 400, nil, nil, nil, 409])
    }

    @Test("a status over a list of other codes gives them their status and is no entry itself")
    func groupStatus() throws {
        let parsed = try parse("""
               HTTP 400 Bad Request

                  invalid_request  The request is malformed.

                  invalid_scope  The scope is unknown.

               HTTP 403 Forbidden

                  access_denied  The owner said no.
            """, as: "spec.txt")
        #expect(parsed.entries.map(\.code) == ["invalid_request", "invalid_scope", "access_denied"])
        #expect(parsed.entries.map(\.httpStatus) == [400, 400, 403])
    }

    @Test("response parameters defined beside the codes are not codes")
    func parametersAreNotEntries() throws {
        let parsed = try parse("""
               error_description  OPTIONAL.  Human-readable text.

               error_uri  A URI with more information.

               slow_down  Poll more slowly.
            """, as: "spec.txt")
        #expect(parsed.entries.map(\.code) == ["slow_down"])
    }

    @Test("a code shown only in an example is an entry when the heading names it")
    func exampleCodes() throws {
        let parsed = try parse("""
            # Troubleshooting token requests

            ## Bad verification code

            The code expired.

            ```json
            {"error": "bad_verification_code", "error_description": "The code passed is incorrect."}
            ```

            ## Something else went wrong

            ```json
            {"error": "incorrect_client_credentials"}
            ```
            """)
        #expect(parsed.entries.map(\.code) == ["bad_verification_code"])
        #expect(parsed.entries[0].title == "Bad verification code")
        #expect(parsed.entries[0].section == "token endpoint")
        // The example the code was read from is part of the entry; the other is reported.
        #expect(!parsed.unplaced.contains { $0.text.contains("bad_verification_code") })
        #expect(parsed.unplaced.contains { $0.text.contains("incorrect_client_credentials") })
    }

    @Test("tables: parameter tables skipped, reason-phrase descriptions as titles, a name and a dash, fixes in cells")
    func tables() throws {
        let parsed = try parse("""
            | Parameter name | Type | Description |
            |---|---|---|
            | `client_id` | `string` | **Required.** The client. |

            | Value | Description | Reference |
            |---|---|---|
            | 451 | Unavailable For Legal Reasons | [RFC7725] |
            | 104-199 | Unassigned | |

            | Error | Description |
            |---|---|
            | AADSTS50020 | UserUnauthorized - The account does not exist in the tenant. |
            | F-305 | A sheet is jammed. **Cause:** damp paper. **Fix:** pull it out slowly. |
            """)
        #expect(parsed.entries.map(\.code) == ["451", "AADSTS50020", "F-305"])
        #expect(parsed.entries.map(\.title) == ["Unavailable For Legal Reasons", "UserUnauthorized", nil])
        #expect(parsed.entries[1].description == "The account does not exist in the tenant.")
        #expect(parsed.entries[2].causes == ["damp paper."] && parsed.entries[2].fixes == ["pull it out slowly."])
        #expect(parsed.layouts == [.tables])
    }

    @Test("causes and fixes count only labelled items: no lead-ins, notes, code-only paragraphs")
    func labelledItems() throws {
        let parsed = try parse("""
            ## Error 1016: Origin DNS error

            Cloudflare cannot resolve the origin.

            ### Common causes

            Common causes for Error 1016 are:

            - A missing A record.
            - The token expired.
            Fix: Request a new token.

            ### Resolution

            To resolve error 1016:

            1. Add the A record.

            :::note
            Changes take five minutes.
            :::

            `dig example.com`

            Wait, then retry.
            """)
        let entry = try #require(parsed.entries.first)
        #expect(entry.causes == ["A missing A record.", "The token expired."])
        #expect(entry.fixes == ["Request a new token.", "Add the A record.", "Wait, then retry."])
        #expect(entry.description == "Cloudflare cannot resolve the origin.")
    }

    @Test("the report says the format, the layouts and the entries by section")
    func report() throws {
        let parsed = try parse("""
            ## Client errors

            * 400 StatusBadRequest - the request line could not be parsed.

            ## Server errors

            * 502 StatusBadGateway - the upstream closed the connection.
            * 504 StatusGatewayTimeout
            """)
        #expect(parsed.format == .markdown)
        #expect(parsed.layouts == [.listItems])
        #expect(parsed.sections == [
            SectionCount(section: "Client errors", entries: 1), SectionCount(section: "Server errors", entries: 2),
        ])
    }
}
