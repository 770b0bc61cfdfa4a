import JSONCore

/// The subschemas of `properties`, looked up by an FNV-1a hash of the name's UTF-8 bytes in an
/// open-addressing table, then confirmed by code-point equality.
final class PropertyTable: Sendable {
  let names: [String]
  let nodes: [Int]
  /// Whether each name is ASCII; see ``position(of:)``.
  private let asciiNames: [Bool]
  private let hashes: [UInt32]
  private let slots: [Int32]
  private let mask: Int

  init(_ entries: [(name: String, node: Int)]) {
    names = entries.map(\.name)
    nodes = entries.map(\.node)
    asciiNames = entries.map { $0.name.utf8.allSatisfy { $0 < 0x80 } }
    hashes = entries.map { JSONObject.keyHash($0.name) }
    var capacity = 8
    while capacity < entries.count * 2 { capacity *= 2 }
    mask = capacity - 1
    var slots = [Int32](repeating: -1, count: capacity)
    for (position, entry) in entries.enumerated() {
      var slot = Int(truncatingIfNeeded: JSONObject.keyHash(entry.name)) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(position)
    }
    self.slots = slots
  }

  /// The position of `name` among the entries.
  @inline(__always)
  func position(of name: String) -> Int? {
    position(of: name, hash: JSONObject.keyHash(name))
  }

  /// The position of an instance member's name, using the hash the parser stored with it.
  @inline(__always)
  func position(of member: JSONObject.Member) -> Int? {
    position(of: member.key, hash: member.keyHash)
  }

  /// The position of `name`, whose ``JSONObject/keyHash(_:)`` is `hash`.
  @inline(__always)
  func position(of name: String, hash: UInt32) -> Int? {
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let candidate = Int(slots[slot])
      if candidate < 0 { return nil }
      // Swift's `==` is canonical equivalence, fast on ASCII. A string canonically equivalent
      // to an ASCII one but not identical holds a non-ASCII scalar (K for K), which makes its
      // UTF-8 longer; so equal lengths plus `==` prove identity for an ASCII name.
      if hashes[candidate] == hash {
        let known = names[candidate]
        if known.utf8.count == name.utf8.count && known == name
          && (asciiNames[candidate] || known.codePointsEqual(name))
        {
          return candidate
        }
      }
      slot = (slot + 1) & mask
    }
  }

  /// The bit mask of the entries named `names`, or `nil` when one is not an entry.
  func mask(covering names: [String]) -> UInt64? {
    var mask: UInt64 = 0
    for name in names {
      guard let position = position(of: name), position < 64 else { return nil }
      mask |= 1 << UInt64(position)
    }
    return mask
  }

}
