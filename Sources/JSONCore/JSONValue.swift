#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON value as RFC 8259 defines it.
///
/// Equality is JSON equality, as JSON Schema's `const`, `enum` and `uniqueItems` mean it:
/// numbers compare by mathematical value (`1 == 1.0`), strings by Unicode code points (not by
/// Swift's canonical equivalence), objects regardless of member order, and `true` is never `1`.
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
}

extension JSONValue {
  /// The JSON type name: `null`, `boolean`, `number`, `string`, `array` or `object`.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  /// The member named `key` when this is an object, else `nil`.
  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  /// The element at `index` when this is an array and the index is in range, else `nil`.
  public subscript(index: Int) -> JSONValue? {
    if case .array(let elements) = self, elements.indices.contains(index) {
      return elements[index]
    }
    return nil
  }

  /// The string when this is a string, else `nil`.
  public var stringValue: String? {
    if case .string(let string) = self { return string }
    return nil
  }

  /// The number when this is a number, else `nil`.
  public var numberValue: JSONNumber? {
    if case .number(let number) = self { return number }
    return nil
  }

  /// The Boolean when this is `true` or `false`, else `nil`.
  public var boolValue: Bool? {
    if case .bool(let bool) = self { return bool }
    return nil
  }

  /// The elements when this is an array, else `nil`.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The object when this is an object, else `nil`.
  public var objectValue: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}

extension JSONValue: Equatable {
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    // One switch per side, not one over the pair: a tuple of the two values would copy (and
    // retain) both payloads on every comparison.
    switch lhs {
    case .null:
      if case .null = rhs { return true }
    case .bool(let a):
      if case .bool(let b) = rhs { return a == b }
    case .number(let a):
      if case .number(let b) = rhs { return a == b }
    case .string(let a):
      if case .string(let b) = rhs { return a.codePointsEqual(b) }
    case .array(let a):
      if case .array(let b) = rhs { return a == b }
    case .object(let a):
      if case .object(let b) = rhs { return a == b }
    }
    return false
  }
}

extension JSONValue: Hashable {
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0 as UInt8)
    case .bool(let value):
      hasher.combine(1 as UInt8)
      hasher.combine(value)
    case .number(let value):
      hasher.combine(2 as UInt8)
      hasher.combine(value)
    case .string(let value):
      hasher.combine(3 as UInt8)
      value.hashCodePoints(into: &hasher)
    case .array(let elements):
      hasher.combine(4 as UInt8)
      hasher.combine(elements.count)
      for element in elements { hasher.combine(element) }
    case .object(let object):
      hasher.combine(5 as UInt8)
      hasher.combine(object)
    }
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
  }
}

extension String {
  /// Whether the two strings hold the same Unicode code points.
  ///
  /// Swift's `==` treats canonically equivalent strings (`"é"` and `"e\u{301}"`) as equal;
  /// JSON and JSON Schema do not.
  @inlinable
  public func codePointsEqual(_ other: String) -> Bool {
    // Two strings with the same representation (one shared buffer, or one small string's
    // inline bytes) hold the same code points; names and interned values mostly are.
    if unsafeBitCast(self, to: (UInt64, UInt64).self)
      == unsafeBitCast(other, to: (UInt64, UInt64).self)
    {
      return true
    }
    guard self.utf8.count == other.utf8.count else { return false }
    var left = self
    var right = other
    return left.withUTF8 { a in
      right.withUTF8 { b in
        a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
      }
    }
  }

  /// Feeds the UTF-8 code units to `hasher`, consistent with ``codePointsEqual(_:)``.
  public func hashCodePoints(into hasher: inout Hasher) {
    var copy = self
    copy.withUTF8 { bytes in
      hasher.combine(bytes.count)
      hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
  }
}
