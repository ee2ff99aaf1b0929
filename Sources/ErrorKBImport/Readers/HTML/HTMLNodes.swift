import CLibXML2
import ErrorKBCore

/// Questions asked of one libxml2 node. Every walk below is a loop over parent and sibling
/// pointers, never recursion, so that a page nested 10,000 deep costs no stack.
enum HTMLNodes {
    static func name(_ node: XMLNode) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func elements(in node: XMLNode) -> [XMLNode] {
        var elements: [XMLNode] = []
        var child = node.pointee.children
        while let element = child {
            child = element.pointee.next
            if element.pointee.type == XML_ELEMENT_NODE { elements.append(element) }
        }
        return elements
    }

    /// `l` is Bikeshed's link wrapper (`<l spec=ecmascript>{{SyntaxError}}</l>`), in the
    /// sources W3C and WHATWG specifications are written in.
    private static let inlineNames: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins",
        "kbd", "l", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
        "var", "wbr",
    ]

    /// Text, and elements that flow within a line.
    static func isInline(_ node: XMLNode) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_ENTITY_REF_NODE: return true
        case XML_ELEMENT_NODE: return inlineNames.contains(name(node))
        default: return false
        }
    }

    private static let chromeNames: Set<String> = [
        "script", "style", "nav", "header", "footer", "head", "noscript", "svg", "template", "iframe", "form", "button",
        "select", "canvas", "object", "embed",
    ]

    /// Around the content, never part of it.
    static func isChrome(_ node: XMLNode) -> Bool {
        chromeNames.contains(name(node)) || attribute(node, "role") == "navigation" || attribute(node, "aria-hidden") == "true"
    }

    private static let noteWords = ["note", "warning", "caution", "tip", "important", "admonition", "alert", "callout", "hint"]

    /// `<aside>`, or an element whose class names an admonition (`<div class="alert alert-info">`).
    static func isNote(_ node: XMLNode) -> Bool {
        let element = name(node)
        if element == "aside" { return true }
        guard ["div", "section", "blockquote", "p"].contains(element), let classes = attribute(node, "class")?.lowercased()
        else { return false }
        let words = classes.split { !$0.isLetter }
        return words.contains { word in noteWords.contains { word.hasPrefix($0) } }
    }

    static func attribute(_ node: XMLNode, _ wanted: String) -> String? {
        var property = node.pointee.properties
        while let attribute = property {
            property = attribute.pointee.next
            guard let name = attribute.pointee.name, String(cString: name).lowercased() == wanted else { continue }
            var value = ""
            var child = attribute.pointee.children
            while let text = child {
                child = text.pointee.next
                if let content = text.pointee.content { value += String(cString: content) }
            }
            return value
        }
        return nil
    }

    /// `rowspan="3"` → 3, bounded so a hostile page cannot make a table of a billion cells:
    /// no real table spans a cell over more than a few columns, or a hundred rows.
    static func span(_ node: XMLNode, _ attribute: String) -> Int {
        let digits = (self.attribute(node, attribute) ?? "").prefix { $0.isNumber }
        return min(max(Int(digits) ?? 1, 1), attribute == "colspan" ? 20 : 100)
    }

    /// The first and last source line of the node and everything in it.
    static func lineSpan(_ node: XMLNode) -> (Int, Int) {
        let start = max(1, Int(xmlGetLineNo(node)))
        var end = start
        visit(node) { current in
            let line = Int(xmlGetLineNo(current))
            guard line > 0 else { return }
            var last = line
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content {
                var pointer = content
                while pointer.pointee != 0 {
                    if pointer.pointee == 0x0A { last += 1 }
                    pointer += 1
                }
                // A text node's trailing line break belongs to the next line's content.
                if last > line, let trailing = String(cString: content).last, trailing == "\n" { last -= 1 }
            }
            end = max(end, last)
        }
        return (start, max(start, end))
    }

    /// Every text of the node, unchanged (for `<pre>`).
    static func textContent(_ node: XMLNode) -> String {
        var text = ""
        visit(node) { current in
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content
            {
                text += String(cString: content)
            }
        }
        return text
    }

    /// Calls `body` on the node and each node within it, in document order, without recursion.
    static func visit(_ root: XMLNode, _ body: (XMLNode) -> Void) {
        var current: XMLNode? = root
        while let node = current {
            body(node)
            if let child = node.pointee.children, node.pointee.type == XML_ELEMENT_NODE {
                current = child
                continue
            }
            var climbing: XMLNode? = node
            current = nil
            while let up = climbing, up != root {
                if let next = up.pointee.next {
                    current = next
                    break
                }
                climbing = up.pointee.parent
            }
        }
    }
}

/// A node's inline content as inline text (see `InlineText`): white space collapsed as a
/// browser shows it, `<br>` a line break, `<code>` and `<strong>` marked, images left out.
enum HTMLInline {
    /// The node's text, collapsed: what a heading, term or title says.
    static func text(of node: XMLNode) -> String {
        collapse(render(node))
    }

    /// The node's inline text before white space is collapsed, so that runs of nodes can be
    /// joined first: source line breaks are spaces, `<br>` and blocks within are `\n`.
    static func render(_ root: XMLNode) -> String {
        var text = ""
        var current: XMLNode? = root
        // Walked as in `HTMLNodes.visit`, with each element's closing mark written on the way up.
        while let node = current {
            var descend = false
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let part = String(String(cString: content).map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
                    text += part.containsBytes("{{") ? Self.idlReferences(part) : part
                }
            case XML_ELEMENT_NODE:
                let name = HTMLNodes.name(node)
                if name == "br" {
                    text += "\n"
                } else if !["img", "script", "style", "svg", "noscript", "template"].contains(name), node != root {
                    if !HTMLNodes.isInline(node) { text += "\n" }
                    text += mark(name)
                    descend = node.pointee.children != nil
                    if !descend { text += mark(name) }
                } else if node == root {
                    descend = node.pointee.children != nil
                }
            default:
                break
            }
            if descend, let child = node.pointee.children {
                current = child
                continue
            }
            var up = node
            current = nil
            while up != root {
                if let next = up.pointee.next {
                    current = next
                    break
                }
                guard let parent = up.pointee.parent else { break }
                if parent != root {
                    text += mark(HTMLNodes.name(parent))
                    if !HTMLNodes.isInline(parent) { text += "\n" }
                }
                up = parent
            }
        }
        return text
    }

    /// `{{AbortError}}` → `AbortError`: Bikeshed's shorthand for a link to an IDL name (W3C and
    /// WHATWG specifications are written in it), which renders as the name. (Not as a code
    /// span: the prose that links names, `{{SyntaxError}} and {{Error}}, which ...`, would then
    /// open with a code.)
    /// Only an identifier between the braces (`IDBRequest/error` names a member); template
    /// syntax (`{{ .Values.x }}`, `{{#if}}`) has spaces or marks and is left as it is.
    static func idlReferences(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.rangeOfBytes("{{") {
            let after = rest[open.upperBound...]
            guard let close = after.rangeOfBytes("}}") else { break }
            let inner = after[..<close.lowerBound]
            let isName = !inner.isEmpty && inner.utf8.count <= 100 && inner.first?.isLetter == true
                && inner.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./".contains($0)) }
            result += rest[..<open.lowerBound]
            result += isName ? inner : rest[open.lowerBound..<close.upperBound]
            rest = after[close.upperBound...]
        }
        return result + rest
    }

    /// `render`, with the node's own mark around it when it is `<code>` or `<strong>`.
    static func renderMarked(_ node: XMLNode) -> String {
        guard node.pointee.type == XML_ELEMENT_NODE else { return render(node) }
        let mark = mark(HTMLNodes.name(node))
        return mark + render(node) + mark
    }

    private static func mark(_ name: String) -> String {
        switch name {
        case "code", "tt", "kbd", "samp": "`"
        case "strong", "b": "**"
        default: ""
        }
    }

    /// Runs of white space become one space; line breaks (from `<br>` or blocks) are kept, one
    /// at a time, with the spaces around them gone.
    static func collapse(_ text: String) -> String {
        text.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

/// Whether a page with no telling file name is HTML.
enum HTMLSniffer {
    static func looksLikeHTML(_ lines: [SourceLine]) -> Bool {
        let head = lines.prefix(40).map { $0.text.lowercased() }.joined(separator: "\n")
        return head.containsBytes("<html") || head.containsBytes("<!doctype html") || head.containsBytes("<table")
            || head.containsBytes("<body") || (head.containsBytes("<p>") && head.containsBytes("</p>"))
            || head.containsBytes("<h1") || head.containsBytes("<h2")
    }
}
