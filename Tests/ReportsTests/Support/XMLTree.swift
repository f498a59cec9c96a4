import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element, for checking the SVG this target writes.
final class ParsedElement: @unchecked Sendable {
    let name: String
    let attributes: [String: String]
    var children: [ParsedElement] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every element below (and including) this one, in document order.
    var all: [ParsedElement] { [self] + children.flatMap(\.all) }

    func elements(named name: String) -> [ParsedElement] { all.filter { $0.name == name } }

    func elements(withClass className: String) -> [ParsedElement] {
        all.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(className)) }
    }

    /// All text inside, concatenated.
    var allText: String { text + children.map(\.allText).joined() }
}

struct XMLParseError: Error, CustomStringConvertible {
    var description: String
}

/// Parses `text` with Foundation's `XMLParser` (a real, strict XML parser); throws on any error.
func parseXML(_ text: String) throws -> ParsedElement {
    final class Delegate: NSObject, XMLParserDelegate {
        var stack: [ParsedElement] = []
        var root: ParsedElement?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = ParsedElement(name: name, attributes: attributes)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    guard parser.parse(), let root = delegate.root else {
        throw XMLParseError(description: "XML parse failed: \(parser.parserError.map { "\($0)" } ?? "no root element") at line \(parser.lineNumber)")
    }
    return root
}
