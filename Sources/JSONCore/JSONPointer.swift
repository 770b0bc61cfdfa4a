/// A JSON Pointer (RFC 6901): a path of reference tokens into a JSON document.
///
/// Its text form is `""` for the whole document and `/token/token` otherwise, with `~` written
/// `~0` and `/` written `~1`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  /// The unescaped reference tokens, outermost first.
  public private(set) var tokens: [String]

  /// The pointer to the whole document.
  public static let root = JSONPointer(tokens: [])

  /// A pointer made of `tokens`, which are taken as they are (no unescaping).
  public init(tokens: [String]) { self.tokens = tokens }

  /// Parses the text form; throws when it does not start with `/` or has a bad `~` escape.
  public init(parsing text: String) throws(JSONPointerError) {
    if text.isEmpty {
      self.tokens = []
      return
    }
    guard text.utf8.first == UInt8(ascii: "/") else {
      throw .missingLeadingSlash(text)
    }
    var tokens: [String] = []
    for raw in text.utf8.dropFirst().split(
      separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    {
      tokens.append(try JSONPointer.unescape(raw, in: text))
    }
    self.tokens = tokens
  }

  /// Parses a URI fragment such as `#/definitions/a%20b`, percent-decoding it first.
  public init(uriFragment: String) throws(JSONPointerError) {
    var fragment = Substring(uriFragment)
    if fragment.hasPrefix("#") { fragment = fragment.dropFirst() }
    guard let decoded = percentDecode(fragment) else { throw .badPercentEncoding(uriFragment) }
    try self.init(parsing: decoded)
  }

  private static func unescape(_ raw: some Collection<UInt8>, in text: String)
    throws(JSONPointerError) -> String
  {
    guard raw.contains(UInt8(ascii: "~")) else { return String(decoding: raw, as: UTF8.self) }
    var bytes: [UInt8] = []
    var iterator = raw.makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "~") {
        switch iterator.next() {
        case UInt8(ascii: "0"): bytes.append(UInt8(ascii: "~"))
        case UInt8(ascii: "1"): bytes.append(UInt8(ascii: "/"))
        default: throw .badEscape(text)
        }
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`.
  public static func escape(_ token: String) -> String {
    guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
      return token
    }
    return token.replacingTildeAndSlash()
  }

  /// The text form, `""` or `/a/b~1c`.
  public var description: String {
    var text = ""
    for token in tokens {
      text += "/"
      text += JSONPointer.escape(token)
    }
    return text
  }

  /// The URI fragment form, `#/a/b%20c`: the text form with characters that a fragment may not
  /// hold percent-encoded.
  public var uriFragment: String { "#" + percentEncodeFragment(description) }

  /// Whether this is the pointer to the whole document.
  public var isRoot: Bool { tokens.isEmpty }

  /// This pointer with `token` appended.
  public func appending(_ token: String) -> JSONPointer {
    var copy = self
    copy.tokens.append(token)
    return copy
  }

  /// This pointer with an array index appended.
  public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

  /// This pointer with the tokens of `other` appended.
  public func appending(_ other: JSONPointer) -> JSONPointer {
    var copy = self
    copy.tokens += other.tokens
    return copy
  }

  /// The pointer to the parent, or `nil` for the root.
  public var parent: JSONPointer? {
    guard !tokens.isEmpty else { return nil }
    return JSONPointer(tokens: Array(tokens.dropLast()))
  }

  /// Whether this pointer is `other` or lies inside it.
  public func hasPrefix(_ other: JSONPointer) -> Bool {
    guard other.tokens.count <= tokens.count else { return false }
    return zip(tokens, other.tokens).allSatisfy { $0.codePointsEqual($1) }
  }

  /// The value this pointer designates in `document`, or `nil` when there is none.
  ///
  /// An array token must be `0` or a decimal number without leading zeros; `-` designates
  /// nothing (it names the element after the last).
  public func resolve(in document: JSONValue) -> JSONValue? {
    var current = document
    for token in tokens {
      switch current {
      case .object(let object):
        guard let next = object[token] else { return nil }
        current = next
      case .array(let elements):
        guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// The array index a token names, when it is `0` or digits without a leading zero.
  public static func arrayIndex(_ token: String) -> Int? {
    let bytes = token.utf8
    guard let first = bytes.first, bytes.count <= 18 else { return nil }
    if first == UInt8(ascii: "0") { return bytes.count == 1 ? 0 : nil }
    var value = 0
    for byte in bytes {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
    lhs.tokens.count == rhs.tokens.count
      && zip(lhs.tokens, rhs.tokens).allSatisfy { $0.codePointsEqual($1) }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(tokens.count)
    for token in tokens { token.hashCodePoints(into: &hasher) }
  }
}

/// Why a JSON Pointer's text could not be parsed.
public enum JSONPointerError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A non-empty pointer must start with `/`.
  case missingLeadingSlash(String)
  /// `~` must be followed by `0` or `1`.
  case badEscape(String)
  /// A URI fragment had a `%` not followed by two hex digits, or decoded to invalid UTF-8.
  case badPercentEncoding(String)

  public var description: String {
    switch self {
    case .missingLeadingSlash(let text):
      return "JSON Pointer '\(text)' must be empty or start with '/'"
    case .badEscape(let text): return "JSON Pointer '\(text)' has a '~' not followed by '0' or '1'"
    case .badPercentEncoding(let text):
      return "URI fragment '\(text)' has an invalid percent-encoding"
    }
  }
}

extension String {
  fileprivate func replacingTildeAndSlash() -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 2)
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "~"): bytes += [UInt8(ascii: "~"), UInt8(ascii: "0")]
      case UInt8(ascii: "/"): bytes += [UInt8(ascii: "~"), UInt8(ascii: "1")]
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Decodes `%XX` escapes; `nil` when one is malformed or the result is not UTF-8.
public func percentDecode(_ text: Substring) -> String? {
  guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
  var bytes: [UInt8] = []
  var iterator = text.utf8.makeIterator()
  while let byte = iterator.next() {
    if byte == UInt8(ascii: "%") {
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { return nil }
      bytes.append(high << 4 | low)
    } else {
      bytes.append(byte)
    }
  }
  return String(validating: bytes, as: UTF8.self)
}

private func hexValue(_ byte: UInt8) -> UInt8? {
  switch byte {
  case 0x30...0x39: return byte - 0x30
  case 0x41...0x46: return byte - 0x41 + 10
  case 0x61...0x66: return byte - 0x61 + 10
  default: return nil
  }
}

/// Percent-encodes what RFC 3986 does not allow in a fragment.
private func percentEncodeFragment(_ text: String) -> String {
  let hex = Array("0123456789ABCDEF".utf8)
  var bytes: [UInt8] = []
  for byte in text.utf8 {
    let allowed: Bool
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: allowed = true
    default: allowed = "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
    }
    if allowed {
      bytes.append(byte)
    } else {
      bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// A pointer written in code: `"/items/\(index)/customerId"`. The literal text is the pointer's
/// text form (`~0`, `~1` escapes allowed); each interpolated value is one whole token, or the
/// rest of one, taken as it is, so a header name holding `/` or `~` stays one token.
extension JSONPointer: ExpressibleByStringInterpolation {
  /// The pointer whose text form `text` is; a text that does not start with `/` (and is not
  /// empty) is a programming error.
  public init(stringLiteral text: String) {
    var interpolation = StringInterpolation(literalCapacity: text.count, interpolationCount: 0)
    interpolation.appendLiteral(text)
    self.init(stringInterpolation: interpolation)
  }

  /// The pointer written with interpolations.
  public init(stringInterpolation: StringInterpolation) { tokens = stringInterpolation.tokens }

  /// The tokens of a pointer being written.
  public struct StringInterpolation: StringInterpolationProtocol {
    var tokens: [String] = []

    /// An empty pointer being written.
    public init(literalCapacity: Int, interpolationCount: Int) {}

    /// Text of the pointer's text form: each `/` starts a token.
    public mutating func appendLiteral(_ literal: String) {
      var pieces = literal.split(separator: "/", omittingEmptySubsequences: false)
      let first = pieces.removeFirst()
      precondition(
        first.isEmpty || !tokens.isEmpty, "a JSON Pointer starts with '/': \(literal)")
      if !first.isEmpty { tokens[tokens.count - 1] += Self.unescaped(first) }
      for piece in pieces { tokens.append(Self.unescaped(piece)) }
    }

    /// A value's description, taken as it is into the current token.
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
      precondition(!tokens.isEmpty, "a JSON Pointer starts with '/'")
      tokens[tokens.count - 1] += value.description
    }

    private static func unescaped(_ piece: Substring) -> String {
      guard piece.contains("~") else { return String(piece) }
      return piece.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
    }
  }
}
