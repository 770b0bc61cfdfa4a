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
    object.members.withUnsafeBufferPointer { members in
      self.position(in: members, key: key, hash: hash, position: position).map {
        members[$0].value
      }
    }
  }

  /// The position of the member named `key` (whose ``JSONObject/keyHash(_:)`` is `hash`) in
  /// `members`, trying `position` first.
  @inline(__always)
  static func position(
    in members: UnsafeBufferPointer<JSONObject.Member>, key: String, hash: UInt32, position: Int
  ) -> Int? {
    if position < members.count && members[position].keyHash == hash
      && members[position].key.codePointsEqual(key)
    {
      return position
    }
    for index in members.indices
    where members[index].keyHash == hash && members[index].key.codePointsEqual(key) {
      return index
    }
    return nil
  }

  /// JSON equality of two values, comparing objects member by member in order first and
  /// falling back to name look-ups when the orders differ.
  static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    guard case .object(let left) = lhs, case .object(let right) = rhs else { return lhs == rhs }
    guard left.count == right.count else { return false }
    return left.members.withUnsafeBufferPointer { leftMembers in
      right.members.withUnsafeBufferPointer { rightMembers in
        for index in leftMembers.indices {
          guard
            let other = position(
              in: rightMembers, key: leftMembers[index].key, hash: leftMembers[index].keyHash,
              position: index),
            equal(leftMembers[index].value, rightMembers[other].value)
          else { return false }
        }
        return true
      }
    }
  }
}
