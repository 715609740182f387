import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What reads one XML part of a workbook, element by element; it may refuse the part midway.
protocol XMLPartHandler: AnyObject {
    /// An element opens; `name` is without its namespace prefix, as are the attributes' names.
    func start(_ name: Substring, attributes: [Substring: String]) throws(TableReadError)
    /// An element closes.
    func end(_ name: Substring) throws(TableReadError)
    /// Text inside the current element, in one or more pieces.
    func text(_ text: String)
}

/// Parsing one XML part of a workbook from outside.
///
/// Names are given without their namespace prefix: Excel writes `<c>`, some libraries `<x:c>`, and
/// strict Open XML another namespace for the same elements. A part with a document type
/// declaration is refused before parsing: no Office Open XML part has one, and entity declarations
/// are how an XML file expands to gigabytes or reaches for files on the server. A part is refused
/// unless it is well-formed to its end: Foundation's parser on Linux may report success for a
/// document with an error or cut short, so errors are collected and elements counted here.
enum XMLPart {
    static func parse(_ data: Data, with handler: some XMLPartHandler) throws(TableReadError) {
        guard !declaresDocumentType(data) else { throw .unreadable }
        // From a stream, which the parser reads in chunks: given the whole part at once, libxml2 on
        // Linux reports an error at the end of any part over 10 MB (a sheet of some 20,000 rows).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let events = XMLPartEvents(handler: handler)
        parser.delegate = events
        let parsed = parser.parse()
        if let failure = events.failure { throw failure }
        guard parsed, parser.parserError == nil, events.failed == false, events.rootClosed, events.depth == 0 else {
            throw .unreadable
        }
    }

    /// `c` for `c` and for `x:c`.
    static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    /// True when `data` holds `<!DOCTYPE` anywhere.
    static func declaresDocumentType(_ data: Data) -> Bool {
        let pattern = Array("<!DOCTYPE".utf8)
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == pattern[0], bytes[index + 1] == pattern[1] {
                    var matched = 2
                    while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}

/// The parser's delegate: strips prefixes, counts open elements, and passes the events on.
private final class XMLPartEvents: NSObject, XMLParserDelegate {
    private let handler: any XMLPartHandler
    /// Why the handler stopped the parser.
    private(set) var failure: TableReadError?
    /// The parser reported an error, which on Linux `parse()` may not return.
    private(set) var failed = false
    private(set) var depth = 0
    private(set) var rootClosed = false

    init(handler: any XMLPartHandler) {
        self.handler = handler
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard !rootClosed else {
            failed = true
            parser.abortParsing()
            return
        }
        depth += 1
        var names: [Substring: String] = [:]
        for (name, value) in attributes where name != "xmlns" && !name.hasPrefix("xmlns:") {
            names[XMLPart.localName(name)] = value
        }
        do {
            try handler.start(XMLPart.localName(elementName), attributes: names)
        } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 { rootClosed = true }
        do {
            try handler.end(XMLPart.localName(elementName))
        } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        handler.text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        handler.text(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }
}
