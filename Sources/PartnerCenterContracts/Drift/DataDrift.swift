import JSONCore

/// Data drift between two collections: items matched by their identity keys (not by
/// position), reported as added, removed or changed, with old and new values.
///
/// Linear in the number of items: old items are hashed by identity once, and each new item
/// looks its partner up. Items with the same identity are paired in order of appearance.
struct DataDrift {
  let keys: [String]
  let keyHashes: [UInt32]
  /// Where each key sits in the old and in the new items: the first item's positions, tried
  /// first, since the items of one collection list their members in the same order.
  private var oldPositions: [Int] = []
  private var newPositions: [Int] = []
  let subject: String
  let options: DriftOptions
  let limit: Int

  init(keys: [String], subject: String, options: DriftOptions) {
    self.keys = keys.filter { key in
      !options.isIgnored(recordingPointer: ["response", "body", "items", "*", key])
    }
    self.keyHashes = self.keys.map { JSONObject.keyHash($0) }
    self.subject = subject
    self.options = options
    self.limit = options.dataFindingLimit
  }

  func findings(old: JSONValue, new: JSONValue) -> [DriftFinding] {
    var drift = self
    drift.oldPositions = positions(in: old["items"]?[0])
    drift.newPositions = positions(in: new["items"]?[0])
    return drift.pairedFindings(old: old, new: new)
  }

  private func positions(in item: JSONValue?) -> [Int] {
    guard case .object(let object)? = item else { return Array(repeating: 0, count: keys.count) }
    return keys.map { object.position(of: $0) ?? 0 }
  }

  private func pairedFindings(old: JSONValue, new: JSONValue) -> [DriftFinding] {
    guard !keys.isEmpty, let oldItems = old["items"]?.arrayValue,
      let newItems = new["items"]?.arrayValue,
      !options.isIgnored(recordingPointer: ["response", "body", "items", "*"])
    else { return [] }
    // Each identity gets a group, found by a 64-bit hash of the key values (groups whose
    // hashes collide are chained); a group's old items are chained in order through `next`,
    // so pairing a new item costs one hash look-up and no allocation.
    var table: [UInt64: Int] = [:]
    table.reserveCapacity(oldItems.count)
    var groups: [IdentityGroup] = []
    var next = [Int](repeating: -1, count: oldItems.count)
    for index in oldItems.indices {
      let item = oldItems[index]
      let hash = identityHash(of: item, positions: oldPositions)
      if let group = findGroup(hash, item, table, groups, oldItems, positions: oldPositions) {
        next[groups[group].tail] = index
        groups[group].tail = index
      } else {
        groups.append(IdentityGroup(first: index, head: index, tail: index, collision: table[hash]))
        table[hash] = groups.count - 1
      }
    }
    var matched = [Bool](repeating: false, count: oldItems.count)
    var collector = Collector(limit: limit, subject: subject)
    var occurrences: [[JSONValue]: Int] = [:]
    for (newIndex, item) in newItems.enumerated() {
      let hash = identityHash(of: item, positions: newPositions)
      var changed: [Change] = []
      var pairedGroup: Int?
      if let only = table[hash], groups[only].collision == nil {
        // One identity has this hash: no separate identity check is needed, because the
        // comparison itself notices a differing key (and the item is then new).
        let head = groups[only].head
        if head >= 0 && changes(oldItems[head], item, path: [], into: &changed) {
          pairedGroup = only
        }
      } else if let group = findGroup(
        hash, item, table, groups, oldItems, positions: newPositions),
        groups[group].head >= 0
      {
        _ = changes(oldItems[groups[group].head], item, path: [], into: &changed)
        pairedGroup = group
      }
      guard let group = pairedGroup else {
        let key = identity(of: item)
        collector.add(
          .itemAdded, location: ["items", String(newIndex)],
          message: "item \(describe(key)) was added", detail: label(key, &occurrences),
          newValue: item)
        continue
      }
      let oldIndex = groups[group].head
      groups[group].head = next[oldIndex]
      matched[oldIndex] = true
      guard !changed.isEmpty else { continue }
      let key = identity(of: item)
      let itemLabel = label(key, &occurrences)
      for change in changed {
        let name = JSONPointer(tokens: change.path).description
        collector.add(
          .valueChanged, location: ["items", String(newIndex)] + change.path,
          message:
            "\(name) of item \(describe(key)) changed from \(JSONWriter.compact(change.old)) to \(JSONWriter.compact(change.new))",
          detail: itemLabel + name, oldValue: change.old, newValue: change.new)
      }
    }
    for (oldIndex, wasMatched) in matched.enumerated() where !wasMatched {
      let key = identity(of: oldItems[oldIndex])
      collector.add(
        .itemRemoved, location: ["items"],
        message: "item \(describe(key)) was removed (it was /items/\(oldIndex))",
        detail: label(key, &occurrences), oldValue: oldItems[oldIndex],
        pointer: "/items/\(oldIndex)")
    }
    return collector.finish()
  }

  /// The identity group of `item` among those with `hash`, if any.
  private func findGroup(
    _ hash: UInt64, _ item: JSONValue, _ table: [UInt64: Int], _ groups: [IdentityGroup],
    _ oldItems: [JSONValue], positions: [Int]
  ) -> Int? {
    var candidate = table[hash]
    while let group = candidate {
      // An unchanged item needs no separate identity check: equal items have equal keys.
      let head = groups[group].head
      if head >= 0 && MemberLookup.equal(oldItems[head], item) { return group }
      if sameIdentity(oldItems[groups[group].first], item, positions: positions) { return group }
      candidate = groups[group].collision
    }
    return nil
  }

  /// FNV-1a over the key values: strings by their UTF-8 bytes, other values by their
  /// compact JSON text (numbers through ``JSONNumber``, so `1` and `1.0` agree).
  private func identityHash(of item: JSONValue, positions: [Int]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    guard case .object(let object) = item else { return hash }
    for index in keys.indices {
      switch MemberLookup.value(
        in: object, key: keys[index], hash: keyHashes[index], position: positions[index])
      {
      case .string(let text)?:
        mix(1)
        let hashed = text.utf8.withContiguousStorageIfAvailable {
          (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
          for byte in bytes { mix(byte) }
          return true
        }
        if hashed == nil {
          for byte in text.utf8 { mix(byte) }
        }
      case nil, .null?:
        mix(0)
      case .number(let number)?:
        mix(2)
        for byte in number.doubleValue.bitPattern.littleEndianBytes { mix(byte) }
      case let value?:
        mix(3)
        for byte in JSONWriter.compactBytes(value) { mix(byte) }
      }
      mix(0xff)
    }
    return hash
  }

  /// Whether two items have equal key values.
  private func sameIdentity(_ lhs: JSONValue, _ rhs: JSONValue, positions: [Int]) -> Bool {
    guard case .object(let left) = lhs, case .object(let right) = rhs else { return lhs == rhs }
    for index in keys.indices {
      let a = MemberLookup.value(
        in: left, key: keys[index], hash: keyHashes[index], position: oldPositions[index])
      let b = MemberLookup.value(
        in: right, key: keys[index], hash: keyHashes[index], position: positions[index])
      if (a ?? .null) != (b ?? .null) { return false }
    }
    return true
  }

  private func identity(of item: JSONValue) -> [JSONValue] {
    guard case .object(let object) = item else { return [item] }
    var values: [JSONValue] = []
    values.reserveCapacity(keys.count)
    for index in keys.indices {
      values.append(
        MemberLookup.value(in: object, key: keys[index], hash: keyHashes[index], position: 0)
          ?? .null)
    }
    return values
  }

  /// The identity as a fingerprint detail: the key values, and `#2` for a second item with
  /// the same identity.
  private func label(_ key: [JSONValue], _ occurrences: inout [[JSONValue]: Int]) -> String {
    let count = occurrences[key, default: 0] + 1
    occurrences[key] = count
    let text = JSONWriter.compact(.array(key))
    return count == 1 ? text : "\(text)#\(count)"
  }

  private func describe(_ key: [JSONValue]) -> String {
    guard key.count == keys.count else { return JSONWriter.compact(.array(key)) }
    let parts = zip(keys, key).map { "\($0) \(JSONWriter.compact($1))" }
    return "(" + parts.joined(separator: ", ") + ")"
  }

  /// One changed value of a matched item.
  private struct Change {
    var path: [String]
    var old: JSONValue
    var new: JSONValue
  }

  /// Collects the values of two items that differ: nested objects member by member, anything
  /// else as a whole; members on one side only are shape drift, not collected. Returns false,
  /// as soon as it sees one, when an identity key differs: the items are not the same item.
  private func changes(
    _ old: JSONValue, _ new: JSONValue, path: [String], into changes: inout [Change]
  ) -> Bool {
    guard case .object(let oldObject) = old, case .object(let newObject) = new else {
      if old != new { changes.append(Change(path: path, old: old, new: new)) }
      return true
    }
    for (position, member) in newObject.members.enumerated() {
      guard
        let oldValue = MemberLookup.value(
          in: oldObject, key: member.key, hash: member.keyHash, position: position),
        !MemberLookup.equal(oldValue, member.value)
      else { continue }
      if path.isEmpty && keys.contains(where: { $0.codePointsEqual(member.key) }) { return false }
      let memberPath = path + [member.key]
      if options.isIgnored(recordingPointer: ["response", "body", "items", "*"] + memberPath) {
        continue
      }
      if case .object = oldValue, case .object = member.value {
        _ = self.changes(oldValue, member.value, path: memberPath, into: &changes)
      } else {
        changes.append(Change(path: memberPath, old: oldValue, new: member.value))
      }
    }
    // A key missing on the new side is a differing key too.
    if path.isEmpty {
      for index in keys.indices
      where MemberLookup.value(
        in: newObject, key: keys[index], hash: keyHashes[index], position: newPositions[index])
        == nil
      {
        let before = MemberLookup.value(
          in: oldObject, key: keys[index], hash: keyHashes[index], position: oldPositions[index])
        if let before, before != .null { return false }
      }
    }
    return true
  }
}

/// The old items with one identity: the first (to compare identities with), the next one not
/// yet paired, the last, and the next group whose hash collides with this one's.
private struct IdentityGroup {
  var first: Int
  var head: Int
  var tail: Int
  var collision: Int?
}

extension UInt64 {
  fileprivate var littleEndianBytes: [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
  }
}

/// Gathers data findings up to a limit and counts the rest.
private struct Collector {
  let limit: Int
  let subject: String
  var findings: [DriftFinding] = []
  var overflow: [DriftKind: Int] = [:]

  init(limit: Int, subject: String) {
    self.limit = limit
    self.subject = subject
  }

  mutating func add(
    _ kind: DriftKind, location: [String], message: String, detail: String,
    oldValue: JSONValue? = nil, newValue: JSONValue? = nil, pointer: String? = nil
  ) {
    guard findings.count < limit else {
      overflow[kind, default: 0] += 1
      return
    }
    let pointerText = pointer ?? JSONPointer(tokens: location).description
    var finding = Finding.drift(
      .info, kind, message, pointer: pointerText, subject: subject, detail: detail,
      oldValue: oldValue, newValue: newValue)
    // Fingerprints follow the item's identity, not its position, so reordering keeps them.
    finding.fingerprint = Finding.fingerprint(
      kind: kind.rawValue, subject: subject, pointer: "/response/body/items", expectation: detail)
    findings.append(DriftFinding(finding: finding, location: location))
  }

  func finish() -> [DriftFinding] {
    guard !overflow.isEmpty else { return findings }
    let total = overflow.values.reduce(0, +)
    let parts = [DriftKind.itemAdded, .itemRemoved, .valueChanged].compactMap { kind in
      overflow[kind].map { "\($0) \(kind.rawValue)" }
    }
    let summary = Finding.drift(
      .info, .dataTruncated,
      "\(total) more data changes not listed (\(parts.joined(separator: ", "))); the limit is \(limit)",
      pointer: "/items", subject: subject)
    return findings + [DriftFinding(finding: summary, location: ["items"])]
  }
}
