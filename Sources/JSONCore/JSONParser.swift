import Foundation

/// A strict RFC 8259 JSON parser working on UTF-8 bytes.
///
/// It accepts exactly the JSON grammar: no comments, trailing commas, leading zeros, `NaN`,
/// single quotes, or whitespace other than space, tab, LF and CR; strings must be valid UTF-8
/// with no raw control characters and no unpaired surrogate escapes. A leading UTF-8 byte
/// order mark is accepted and reported. Numbers are kept exactly (see ``JSONNumber``).
/// When a member name repeats, the last value wins at the first member's position and the
/// repetition is reported in ``JSONDocument/duplicateMembers``.
///
/// Errors carry the line and column of the first offending byte and say what was expected
/// and what was found. Nesting is limited by ``Options/maximumDepth``; the parser does not
/// recurse, so deep input never exhausts the stack.
public enum JSONParser {
  /// Parser limits.
  public struct Options: Sendable {
    /// The deepest nesting of arrays and objects accepted; `[[1]]` has depth 2.
    public var maximumDepth: Int = 512

    /// Creates options.
    public init(maximumDepth: Int = 512) {
      self.maximumDepth = maximumDepth
    }
  }

  /// Parses the UTF-8 JSON text in `bytes`.
  public static func parse(_ bytes: [UInt8], options: Options = Options()) throws(JSONParseError)
    -> JSONDocument
  {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(JSONParseError) in try parse(buffer, options: options) }
    }
    return try result.get()
  }

  /// Parses the UTF-8 JSON text in `buffer`.
  public static func parse(_ buffer: UnsafeRawBufferPointer, options: Options = Options())
    throws(JSONParseError) -> JSONDocument
  {
    do {
      return try ParserEngine.parseDocument(buffer, maximumDepth: options.maximumDepth)
    } catch {
      throw JSONParseError(
        location: JSONSourceLocation(offset: error.offset, in: buffer), message: error.message)
    }
  }

  /// Parses the UTF-8 JSON text in `data`.
  public static func parse(_ data: Data, options: Options = Options()) throws(JSONParseError)
    -> JSONDocument
  {
    let result = data.withUnsafeBytes { buffer in
      Result { () throws(JSONParseError) in try parse(buffer, options: options) }
    }
    return try result.get()
  }

  /// Parses the JSON text `text`.
  public static func parse(_ text: String, options: Options = Options()) throws(JSONParseError)
    -> JSONDocument
  {
    let contiguous = text.utf8.withContiguousStorageIfAvailable { utf8 in
      Result { () throws(JSONParseError) in
        try parse(UnsafeRawBufferPointer(utf8), options: options)
      }
    }
    if let contiguous { return try contiguous.get() }
    return try parse(Array(text.utf8), options: options)
  }
}

/// A parsed JSON text.
public struct JSONDocument: Sendable {
  /// The value the text holds.
  public var value: JSONValue
  /// Whether the text started with a UTF-8 byte order mark (which RFC 8259 lets parsers
  /// ignore but forbids writers to add).
  public var hasByteOrderMark: Bool
  /// Every repeated member name, in the order the repetitions occur in the text.
  public var duplicateMembers: [JSONDuplicateMember]
  /// Where the elements of the text's long arrays start, for ``JSONSourceLocator``.
  public var arrayIndex: JSONArrayIndex

  /// Creates a document.
  public init(
    value: JSONValue, hasByteOrderMark: Bool = false, duplicateMembers: [JSONDuplicateMember] = [],
    arrayIndex: JSONArrayIndex = .empty
  ) {
    self.value = value
    self.hasByteOrderMark = hasByteOrderMark
    self.duplicateMembers = duplicateMembers
    self.arrayIndex = arrayIndex
  }
}

/// A member name that occurred more than once in one object.
///
/// Names are compared by Unicode code points, so `"é"` and `"e\u{301}"` are different names.
public struct JSONDuplicateMember: Sendable, Hashable {
  /// The object that holds the repeated name.
  public var objectPointer: JSONPointer
  /// The repeated name.
  public var key: String
  /// Where the repetition's name starts (its opening quote).
  public var location: JSONSourceLocation

  /// Creates a record of a repeated name.
  public init(objectPointer: JSONPointer, key: String, location: JSONSourceLocation) {
    self.objectPointer = objectPointer
    self.key = key
    self.location = location
  }

  public static func == (lhs: JSONDuplicateMember, rhs: JSONDuplicateMember) -> Bool {
    lhs.objectPointer == rhs.objectPointer && lhs.key.codePointsEqual(rhs.key)
      && lhs.location == rhs.location
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(objectPointer)
    key.hashCodePoints(into: &hasher)
    hasher.combine(location)
  }
}

extension JSONValue {
  /// Parses `text` as JSON: the ``JSONDocument/value`` of `JSONParser.parse(text)`.
  public init(parsing text: String) throws(JSONParseError) {
    self = try JSONParser.parse(text).value
  }
}
