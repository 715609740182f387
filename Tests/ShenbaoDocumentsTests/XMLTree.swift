import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML part, small enough to query in a test: an element, its attributes, text, children.
///
/// Built with Foundation's own parser, a reader independent of the writer: a part that is not
/// well-formed XML fails to parse here just as it would in Excel.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    fileprivate(set) var children: [XMLTree] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The root element of `data`; throws when it is not well-formed XML.
    static func parse(_ data: Data) throws -> XMLTree {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLTreeError(description: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    /// Every element named `name` below this one, in document order.
    func descendants(_ name: String) -> [XMLTree] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    func first(_ name: String) -> XMLTree? { descendants(name).first }

    /// The text of this element and all below it, concatenated.
    var allText: String { text + children.map(\.allText).joined() }
}

struct XMLTreeError: Error, CustomStringConvertible {
    var description: String
}

private final class Builder: NSObject, XMLParserDelegate {
    var root: XMLTree?
    private var stack: [XMLTree] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        let element = XMLTree(name: elementName, attributes: attributes)
        if let parent = stack.last {
            parent.children.append(element)
        } else {
            root = element
        }
        stack.append(element)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
