/// A member name with its hash computed once, for look-ups repeated over many objects (a rule
/// over every item, drift over every pair of items): the hash the parser stored in each member
/// is compared first, the names only when the hashes agree.
public struct MemberName: Sendable, Hashable {
  /// The name.
  public let name: String
  @usableFromInline let hash: UInt32

  /// The name `name`.
  public init(_ name: String) {
    self.name = name
    hash = JSONObject.keyHash(name)
  }

}

extension JSONObject {
  /// The position of the member `name` names in `members`, trying `hint` first: items of one
  /// collection list their members in the same order.
  @inlinable @inline(__always)
  public static func position(
    of name: MemberName, in members: UnsafeBufferPointer<Member>, hint: Int = 0
  ) -> Int? {
    position(ofKey: name.name, hash: name.hash, in: members, hint: hint)
  }

  /// The position of the member named `key`, whose ``keyHash(_:)`` is `hash`, trying `hint`
  /// first. The one member look-up of the package: ``position(of:)-(String)``, every
  /// ``MemberName`` look-up and the drift engine's pairing of members come here. Members are
  /// read where they lie, never copied.
  @inlinable @inline(__always)
  package static func position(
    ofKey key: String, hash: UInt32, in members: UnsafeBufferPointer<Member>, hint: Int
  ) -> Int? {
    if hint >= 0 && hint < members.count && members[hint].keyHash == hash
      && members[hint].key.codePointsEqual(key)
    {
      return hint
    }
    for index in members.indices
    where members[index].keyHash == hash && members[index].key.codePointsEqual(key) {
      return index
    }
    return nil
  }

  /// The position of the member `name` names, trying `hint` first.
  @inlinable
  public func position(of name: MemberName, hint: Int = 0) -> Int? {
    members.withUnsafeBufferPointer { Self.position(of: name, in: $0, hint: hint) }
  }

  /// The value of the member `name` names, trying position `hint` first.
  @inlinable
  public func value(of name: MemberName, hint: Int = 0) -> JSONValue? {
    members.withUnsafeBufferPointer { members in
      Self.position(of: name, in: members, hint: hint).map { members[$0].value }
    }
  }

  /// The value of the member `name` names.
  @inlinable
  public subscript(name: MemberName) -> JSONValue? { value(of: name) }
}

extension JSONValue {
  /// The value of the member `name` names, when this is an object.
  @inlinable
  public subscript(name: MemberName) -> JSONValue? {
    guard case .object(let object) = self else { return nil }
    return object[name]
  }
}
