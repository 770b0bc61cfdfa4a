/// A URI reference split into its RFC 3986 components, with reference resolution (section 5).
///
/// Only what schema identification needs: no percent-decoding or case normalization beyond
/// what section 5.2 prescribes, so identifiers compare as the strings their authors wrote.
struct URIReference: Sendable, Hashable, CustomStringConvertible {
  var scheme: String?
  var authority: String?
  var path: String
  var query: String?
  var fragment: String?

  /// Splits `text` as RFC 3986 appendix B does; every string is some URI reference.
  init(_ text: String) {
    var rest = Substring(text)
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    if let question = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: question)...])
      rest = rest[..<question]
    }
    if let colon = rest.firstIndex(of: ":"),
      !rest[..<colon].isEmpty,
      !rest[..<colon].contains(where: { $0 == "/" }),
      rest[..<colon].first!.isASCIILetter
    {
      scheme = String(rest[..<colon])
      rest = rest[rest.index(after: colon)...]
    }
    if rest.hasPrefix("//") {
      let afterSlashes = rest.dropFirst(2)
      let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
      authority = String(afterSlashes[..<end])
      rest = afterSlashes[end...]
    }
    path = String(rest)
  }

  init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
    self.scheme = scheme
    self.authority = authority
    self.path = path
    self.query = query
    self.fragment = fragment
  }

  /// Whether the reference has a scheme (is an absolute URI, possibly with a fragment).
  var isAbsolute: Bool { scheme != nil }

  /// This reference without its fragment.
  var withoutFragment: URIReference {
    var copy = self
    copy.fragment = nil
    return copy
  }

  var description: String {
    var text = ""
    if let scheme { text += scheme + ":" }
    if let authority { text += "//" + authority }
    text += path
    if let query { text += "?" + query }
    if let fragment { text += "#" + fragment }
    return text
  }

  /// The target of `reference` resolved against this base (RFC 3986 section 5.2.2).
  func resolving(_ reference: URIReference) -> URIReference {
    if reference.scheme != nil {
      return URIReference(
        scheme: reference.scheme, authority: reference.authority,
        path: Self.removeDotSegments(reference.path), query: reference.query,
        fragment: reference.fragment)
    }
    if reference.authority != nil {
      return URIReference(
        scheme: scheme, authority: reference.authority,
        path: Self.removeDotSegments(reference.path), query: reference.query,
        fragment: reference.fragment)
    }
    if reference.path.isEmpty {
      return URIReference(
        scheme: scheme, authority: authority, path: path, query: reference.query ?? query,
        fragment: reference.fragment)
    }
    let mergedPath: String
    if reference.path.hasPrefix("/") {
      mergedPath = reference.path
    } else if authority != nil && path.isEmpty {
      mergedPath = "/" + reference.path
    } else if let slash = path.lastIndex(of: "/") {
      mergedPath = String(path[...slash]) + reference.path
    } else {
      mergedPath = reference.path
    }
    return URIReference(
      scheme: scheme, authority: authority, path: Self.removeDotSegments(mergedPath),
      query: reference.query, fragment: reference.fragment)
  }

  /// RFC 3986 section 5.2.4.
  static func removeDotSegments(_ path: String) -> String {
    guard path.contains(".") else { return path }
    var input = Substring(path)
    var output: [Substring] = []
    while !input.isEmpty {
      if input.hasPrefix("../") {
        input = input.dropFirst(3)
      } else if input.hasPrefix("./") {
        input = input.dropFirst(2)
      } else if input.hasPrefix("/./") {
        input = input.dropFirst(2)
      } else if input == "/." {
        input = "/"
      } else if input.hasPrefix("/../") {
        input = input.dropFirst(3)
        if !output.isEmpty { output.removeLast() }
      } else if input == "/.." {
        input = "/"
        if !output.isEmpty { output.removeLast() }
      } else if input == "." || input == ".." {
        input = ""
      } else {
        let start = input.startIndex
        let searchFrom = input.hasPrefix("/") ? input.index(after: start) : start
        let end = input[searchFrom...].firstIndex(of: "/") ?? input.endIndex
        output.append(input[start..<end])
        input = input[end...]
      }
    }
    return output.joined()
  }
}

extension Character {
  fileprivate var isASCIILetter: Bool {
    guard let ascii = asciiValue else { return false }
    return (ascii >= 0x41 && ascii <= 0x5A) || (ascii >= 0x61 && ascii <= 0x7A)
  }
}
