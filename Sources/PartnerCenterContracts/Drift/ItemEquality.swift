import JSONCore

extension JSONValue {
  /// JSON equality (`==`) for the items of one collection, which list their members in the
  /// same order: objects are compared member by member in order first, falling back to
  /// look-ups by name when the orders differ.
  static func equalItems(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    guard case .object(let left) = lhs, case .object(let right) = rhs else { return lhs == rhs }
    guard left.count == right.count else { return false }
    return left.members.withUnsafeBufferPointer { leftMembers in
      right.members.withUnsafeBufferPointer { rightMembers in
        for index in leftMembers.indices {
          guard
            let other = JSONObject.position(
              ofKey: leftMembers[index].key, hash: leftMembers[index].keyHash, in: rightMembers,
              hint: index),
            equalItems(leftMembers[index].value, rightMembers[other].value)
          else { return false }
        }
        return true
      }
    }
  }
}
