import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The part of an XML Schema a JUnit report depends on, read from the XSD itself: for each
/// top-level element, the attributes it declares (and which are required) and the elements it
/// may contain. ``problems(in:)`` checks a document against it after parsing it with
/// `XMLParser`, which also proves it well-formed. Not a general XSD validator: value types
/// and ordering are not checked.
struct XSDOutline {
  struct Element {
    var attributes: Set<String> = []
    var required: Set<String> = []
    var children: Set<String> = []
  }

  var elements: [String: Element] = [:]

  init(contentsOf url: URL) throws {
    let reader = SchemaReader()
    guard let parser = XMLParser(contentsOf: url) else {
      throw OutlineError("cannot read \(url.path)")
    }
    parser.delegate = reader
    guard parser.parse() else {
      throw OutlineError("the schema does not parse: \(String(describing: parser.parserError))")
    }
    elements = reader.elements
  }

  /// What in `document` the schema does not allow, one line each.
  func problems(in document: Data) throws -> [String] {
    let checker = DocumentChecker(outline: self)
    let parser = XMLParser(data: document)
    parser.delegate = checker
    guard parser.parse() else {
      return ["not well-formed: \(String(describing: parser.parserError))"]
    }
    return checker.problems
  }

  struct OutlineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  private final class SchemaReader: NSObject, XMLParserDelegate {
    var elements: [String: Element] = [:]
    private var stack: [(name: String, attributes: [String: String])] = []
    /// The top-level element being read, unless inside a named complex type.
    private var current: String?

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let local = name.split(separator: ":").last.map(String.init) ?? name
      if local == "element", stack.count == 1, let elementName = attributes["name"] {
        current = elementName
        elements[elementName, default: Element()] = elements[elementName] ?? Element()
      } else if let current, stack.contains(where: { $0.name == "element" }) {
        if local == "attribute", let attribute = attributes["name"] {
          elements[current]?.attributes.insert(attribute)
          if attributes["use"] == "required" { elements[current]?.required.insert(attribute) }
        } else if local == "element", let reference = attributes["ref"] ?? attributes["name"] {
          elements[current]?.children.insert(reference)
        }
      }
      stack.append((local, attributes))
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      stack.removeLast()
      if stack.count == 1 { current = nil }
    }
  }

  private final class DocumentChecker: NSObject, XMLParserDelegate {
    let outline: XSDOutline
    var problems: [String] = []
    private var stack: [String] = []

    init(outline: XSDOutline) { self.outline = outline }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      if let parent = stack.last {
        if outline.elements[parent]?.children.contains(name) != true {
          problems.append("<\(name)> is not allowed in <\(parent)>")
        }
      } else if !["testsuites", "testsuite"].contains(name) {
        problems.append("<\(name)> is not a JUnit root element")
      }
      if let element = outline.elements[name] {
        for attribute in attributes.keys where !element.attributes.contains(attribute) {
          problems.append(
            "<\(name)> has attribute '\(attribute)', which the schema does not declare")
        }
        for attribute in element.required where attributes[attribute] == nil {
          problems.append("<\(name)> lacks the required attribute '\(attribute)'")
        }
      } else {
        problems.append("<\(name)> is not declared")
      }
      stack.append(name)
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      stack.removeLast()
    }
  }
}
