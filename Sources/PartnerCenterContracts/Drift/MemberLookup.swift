import JSONCore

/// Member look-ups for the drift engine's hot loops: by a precomputed name hash, trying the
/// position the member had in the other object first, since items of one collection list
/// their members in the same order.
enum MemberLookup {
  /// The value of the member named `key` (whose ``JSONObject/keyHash(_:)`` is `hash`), trying
  /// `position` first.
  @inline(__always)
  static func value(in object: JSONObject, key: String, hash: UInt32, position: Int)
    -> JSONValue?
  {
    // Fields are read in place, which spares copying (and retaining) whole members.
    if position < object.members.count && object.members[position].keyHash == hash
      && object.members[position].key.codePointsEqual(key)
    {
      return object.members[position].value
    }
    for index in object.members.indices
    where object.members[index].keyHash == hash && object.members[index].key.codePointsEqual(key) {
      return object.members[index].value
    }
    return nil
  }

  /// JSON equality of two values, comparing objects member by member in order first and
  /// falling back to name look-ups when the orders differ.
  static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    guard case .object(let left) = lhs, case .object(let right) = rhs else { return lhs == rhs }
    guard left.count == right.count else { return false }
    for (position, member) in left.members.enumerated() {
      guard
        let other = value(in: right, key: member.key, hash: member.keyHash, position: position),
        equal(member.value, other)
      else { return false }
    }
    return true
  }
}
