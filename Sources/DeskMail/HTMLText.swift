import CGMime

/// HTML-only mail as readable text, by libxml2's HTML parser (never regular expressions):
/// blocks on their own lines, list items with "- ", table cells apart, scripts and styles
/// left out, white space collapsed except in <pre>.
enum HTMLText {
    private static let skipped: Set<String> = ["script", "style", "head", "noscript", "template", "title"]
    private static let blocks: Set<String> = ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                                              "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "section", "article",
                                              "header", "footer", "address", "form", "main", "nav", "aside", "figure",
                                              "figcaption", "body"]
    private static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol"]

    /// `html` is UTF-8 already: libxml2 is told so, or a `<meta charset>` in it would win.
    static func text(_ html: String) -> String {
        var bytes = Array(html.utf8)
        if bytes.isEmpty { return "" }
        bytes.append(0)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(buffer.count - 1), nil, "UTF-8", cgm_html_parse_options())
            }
        }
        guard let doc else { return "" }
        defer { xmlFreeDoc(doc) }
        var out = Output()
        if let root = xmlDocGetRootElement(doc) { walk(root, into: &out, inPre: false) }
        return out.finished()
    }

    private struct Output {
        var text = ""
        var pendingSpace = false

        mutating func word(_ s: Substring) {
            if pendingSpace, !text.isEmpty, text.last != "\n" { text += " " }
            pendingSpace = false
            text += s
        }

        mutating func newline(blank: Bool = false) {
            pendingSpace = false
            while text.last == " " { text.removeLast() }
            guard !text.isEmpty else { return }
            if text.last != "\n" { text += "\n" }
            if blank, !text.hasSuffix("\n\n") { text += "\n" }
        }

        func finished() -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    private static func walk(_ node: UnsafeMutablePointer<xmlNode>, into out: inout Output, inPre: Bool) {
        var child: UnsafeMutablePointer<xmlNode>? = node
        while let n = child {
            switch n.pointee.type {
            case XML_ELEMENT_NODE:
                let name = n.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if !skipped.contains(name) {
                    if blocks.contains(name) { out.newline(blank: paragraphs.contains(name)) }
                    if name == "li" { out.word("- ") ; out.pendingSpace = false }
                    if name == "td" || name == "th" { out.pendingSpace = true }
                    if let first = n.pointee.children { walk(first, into: &out, inPre: inPre || name == "pre") }
                    if blocks.contains(name) { out.newline(blank: paragraphs.contains(name)) }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    let s = String(cString: content)
                    if inPre {
                        for (i, line) in s.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                            if i > 0 { out.text += "\n" }
                            out.text += line
                        }
                    } else {
                        if s.first.map({ $0.isWhitespace }) == true { out.pendingSpace = true }
                        let words = s.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" })
                        for (i, w) in words.enumerated() {
                            if i > 0 { out.pendingSpace = true }
                            out.word(w)
                        }
                        if s.last.map({ $0.isWhitespace || $0 == "\u{00A0}" }) == true { out.pendingSpace = true }
                    }
                }
            default:
                break
            }
            child = n.pointee.next
        }
    }
}
