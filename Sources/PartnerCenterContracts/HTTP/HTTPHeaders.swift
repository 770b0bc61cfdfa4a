/// HTTP header fields in the order they arrived, with case-insensitive look-up by name.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// One header field.
  public struct Field: Sendable, Hashable {
    /// The name as sent (case kept for recordings and messages).
    public var name: String
    /// The value, without surrounding whitespace.
    public var value: String

    /// Creates a field.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The fields, in order.
  public private(set) var fields: [Field]

  /// Creates headers from `fields`.
  public init(_ fields: [Field] = []) { self.fields = fields }

  public init(dictionaryLiteral elements: (String, String)...) {
    fields = elements.map { Field(name: $0.0, value: $0.1) }
  }

  /// The value of the first field named `name` (ASCII case-insensitive), or nil.
  public subscript(name: String) -> String? {
    fields.first { HTTPHeaders.namesMatch($0.name, name) }?.value
  }

  /// Every value of the fields named `name`, in order.
  public func values(named name: String) -> [String] {
    fields.filter { HTTPHeaders.namesMatch($0.name, name) }.map(\.value)
  }

  /// Whether a field named `name` is present.
  public func contains(_ name: String) -> Bool { self[name] != nil }

  /// Appends a field.
  public mutating func append(name: String, value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// Replaces every field named `name` with one field, or appends it.
  public mutating func set(name: String, value: String) {
    remove(name)
    append(name: name, value: value)
  }

  /// Removes every field named `name`.
  public mutating func remove(_ name: String) {
    fields.removeAll { HTTPHeaders.namesMatch($0.name, name) }
  }

  /// The number of fields.
  public var count: Int { fields.count }

  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

  /// Whether two header names are the same (HTTP names are ASCII and case-insensitive).
  public static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
    let left = lhs.utf8
    let right = rhs.utf8
    guard left.count == right.count else { return false }
    return zip(left, right).allSatisfy { lowercased($0) == lowercased($1) }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
  }
}
