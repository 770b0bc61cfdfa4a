import JSONCore

/// Data drift between two collections: items matched by their identity keys (not by
/// position), reported as added, removed or changed, with old and new values.
///
/// Linear in the number of items: old items are hashed by identity once, and each new item
/// looks its partner up. Items with the same identity are paired in order of appearance.
struct DataDrift {
  let keys: [String]
  /// The keys as names to look up in every item.
  let names: [MemberName]
  /// Where each key sits in the old and in the new items: the first item's positions, tried
  /// first, since the items of one collection list their members in the same order.
  private var oldPositions: [Int] = []
  private var newPositions: [Int] = []
  let subject: String
  let options: DriftOptions
  let limit: Int
  private let probe = JSONObject.Member.IdentityProbe()

  init(keys: [String], subject: String, options: DriftOptions) {
    self.keys = keys.filter { key in
      !options.isIgnored(recordingPointer: ["response", "body", "items", "*", key])
    }
    names = self.keys.map(MemberName.init)
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
    // Items are read where they lie: copying one out retains and releases it.
    return oldItems.withUnsafeBufferPointer { oldItems in
      newItems.withUnsafeBufferPointer { newItems in
        pairedFindings(oldItems: oldItems, newItems: newItems)
      }
    }
  }

  private func pairedFindings(
    oldItems: UnsafeBufferPointer<JSONValue>, newItems: UnsafeBufferPointer<JSONValue>
  ) -> [DriftFinding] {
    // Each identity gets a group, found by a 64-bit hash of the key values (groups whose
    // hashes collide are chained); a group's old items are chained in order through `next`,
    // so pairing a new item costs one hash look-up and no allocation.
    var table = HashIndex(capacity: oldItems.count)
    var groups: [IdentityGroup] = []
    var next = [Int](repeating: -1, count: oldItems.count)
    var groupOf = [Int](repeating: 0, count: oldItems.count)
    for index in oldItems.indices {
      let hash = identityHash(of: oldItems[index], positions: oldPositions)
      if let group = findGroup(
        hash, oldItems[index], table, groups, oldItems, positions: oldPositions)
      {
        next[groups[group].tail] = index
        groups[group].tail = index
        groupOf[index] = group
      } else {
        groups.append(IdentityGroup(first: index, head: index, tail: index, collision: table[hash]))
        table.set(hash, groups.count - 1)
        groupOf[index] = groups.count - 1
      }
    }
    var matched = [Bool](repeating: false, count: oldItems.count)
    var collector = Collector(limit: limit, subject: subject)
    var occurrences: [[JSONValue]: Int] = [:]
    // The old item after the last one paired: collections mostly keep their order, so it is
    // tried first, and when it is the next of its identity and the comparison finds the same
    // identity, the pairing is the one the hash look-up would make, without hashing.
    var nextOld = 0
    var changed: [Change] = []
    for newIndex in newItems.indices {
      changed.removeAll(keepingCapacity: true)
      var pairedGroup: Int?
      if nextOld < oldItems.count && groups[groupOf[nextOld]].head == nextOld
        && changes(oldItems[nextOld], newItems[newIndex], path: [], into: &changed)
      {
        pairedGroup = groupOf[nextOld]
      } else {
        changed.removeAll(keepingCapacity: true)
        let hash = identityHash(of: newItems[newIndex], positions: newPositions)
        if let only = table[hash], groups[only].collision == nil {
          // One identity has this hash: no separate identity check is needed, because the
          // comparison itself notices a differing key (and the item is then new).
          let head = groups[only].head
          if head >= 0 && changes(oldItems[head], newItems[newIndex], path: [], into: &changed) {
            pairedGroup = only
          }
        } else if let group = findGroup(
          hash, newItems[newIndex], table, groups, oldItems, positions: newPositions),
          groups[group].head >= 0
        {
          _ = changes(oldItems[groups[group].head], newItems[newIndex], path: [], into: &changed)
          pairedGroup = group
        }
      }
      guard let group = pairedGroup else {
        let item = newItems[newIndex]
        let key = identity(of: item)
        collector.add(
          .driftItemAdded, location: ["items", String(newIndex)],
          message: "item \(describe(key)) was added", detail: label(key, &occurrences),
          newValue: item)
        continue
      }
      let oldIndex = groups[group].head
      groups[group].head = next[oldIndex]
      matched[oldIndex] = true
      nextOld = oldIndex + 1
      guard !changed.isEmpty else { continue }
      let key = identity(of: newItems[newIndex])
      let itemLabel = label(key, &occurrences)
      for change in changed {
        let name = JSONPointer(tokens: change.path).description
        collector.add(
          .driftValueChanged, location: ["items", String(newIndex)] + change.path,
          message:
            "\(name) of item \(describe(key)) changed from \(MessageValue.json(change.old)) to \(MessageValue.json(change.new))",
          detail: itemLabel + name, oldValue: change.old, newValue: change.new)
      }
    }
    for (oldIndex, wasMatched) in matched.enumerated() where !wasMatched {
      let key = identity(of: oldItems[oldIndex])
      collector.add(
        .driftItemRemoved, location: ["items"],
        message: "item \(describe(key)) was removed (it was /items/\(oldIndex))",
        detail: label(key, &occurrences), oldValue: oldItems[oldIndex],
        pointer: "/items/\(oldIndex)")
    }
    return collector.finish()
  }

  /// The identity group of `item` among those with `hash`, if any.
  private func findGroup(
    _ hash: UInt64, _ item: JSONValue, _ table: HashIndex, _ groups: [IdentityGroup],
    _ oldItems: UnsafeBufferPointer<JSONValue>, positions: [Int]
  ) -> Int? {
    var candidate = table[hash]
    while let group = candidate {
      // An unchanged item needs no separate identity check: equal items have equal keys.
      let head = groups[group].head
      if head >= 0 && JSONValue.equalItems(oldItems[head], item) { return group }
      if sameIdentity(oldItems[groups[group].first], item, positions: positions) { return group }
      candidate = groups[group].collision
    }
    return nil
  }

  /// A hash of the key values (``WordHasher/mix(identityValue:)``), eight bytes at a time: it
  /// runs up to twice per item, and groups whose hashes collide are told apart anyway.
  private func identityHash(of item: JSONValue, positions: [Int]) -> UInt64 {
    var hasher = WordHasher()
    guard case .object(let object) = item else { return hasher.value }
    object.members.withUnsafeBufferPointer { members in
      for index in keys.indices {
        let found = JSONObject.position(of: names[index], in: members, hint: positions[index])
        // A missing key and null are one identity value.
        if let found, !members[found].value.isNull {
          hasher.mix(identityValue: members[found].value)
        } else {
          hasher.mix(0x2D)
        }
      }
    }
    return hasher.value
  }

  /// Whether two items have equal key values.
  private func sameIdentity(_ lhs: JSONValue, _ rhs: JSONValue, positions: [Int]) -> Bool {
    guard case .object(let left) = lhs, case .object(let right) = rhs else { return lhs == rhs }
    for index in keys.indices {
      let a = left.value(of: names[index], hint: oldPositions[index])
      let b = right.value(of: names[index], hint: positions[index])
      if (a ?? .null) != (b ?? .null) { return false }
    }
    return true
  }

  private func identity(of item: JSONValue) -> [JSONValue] {
    guard case .object(let object) = item else { return [item] }
    var values: [JSONValue] = []
    values.reserveCapacity(keys.count)
    for index in keys.indices {
      values.append(object[names[index]] ?? .null)
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
    guard key.count == keys.count else { return MessageValue.json(.array(key)) }
    let parts = zip(keys, key).map { "\($0) \(MessageValue.json($1))" }
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
  /// as soon as it sees one, when an identity key differs (a missing key counts as null): the
  /// items are not the same item.
  private func changes(
    _ old: JSONValue, _ new: JSONValue, path: [String], into changes: inout [Change]
  ) -> Bool {
    guard case .object(let oldObject) = old, case .object(let newObject) = new else {
      if old != new { changes.append(Change(path: path, old: old, new: new)) }
      return true
    }
    let isItem = path.isEmpty
    // Members are compared where they lie; only the rare differing ones are copied out.
    return oldObject.members.withUnsafeBufferPointer { oldMembers in
      newObject.members.withUnsafeBufferPointer { newMembers in
        var pairedMembers = 0
        for position in newMembers.indices {
          // Most members of an unchanged item hold the very same bits on both sides (small
          // strings, numbers, shared names); those are equal without a closer look.
          var sameName = false
          if position < oldMembers.count, let old = oldMembers.baseAddress,
            let new = newMembers.baseAddress
          {
            sameName = probe.identicalNames(old + position, new + position)
            if sameName && probe.identicalValues(old + position, new + position) {
              pairedMembers += 1
              continue
            }
          }
          let key = newMembers[position].key
          guard
            let oldPosition = sameName
              ? position
              : JSONObject.position(
                ofKey: key, hash: newMembers[position].keyHash, in: oldMembers, hint: position)
          else {
            if isItem && !newMembers[position].value.isNull && isKey(key) { return false }
            continue
          }
          pairedMembers += 1
          if JSONValue.equalItems(oldMembers[oldPosition].value, newMembers[position].value) {
            continue
          }
          if isItem && isKey(key) { return false }
          let memberPath = path + [key]
          if options.isIgnored(recordingPointer: ["response", "body", "items", "*"] + memberPath) {
            continue
          }
          let oldValue = oldMembers[oldPosition].value
          let newValue = newMembers[position].value
          if case .object = oldValue, case .object = newValue {
            _ = self.changes(oldValue, newValue, path: memberPath, into: &changes)
          } else {
            changes.append(Change(path: memberPath, old: oldValue, new: newValue))
          }
        }
        guard isItem && pairedMembers < oldMembers.count else { return true }
        // Some old members are gone: a gone key that had a value makes it another item.
        for member in oldMembers
        where !member.value.isNull && isKey(member.key)
          && JSONObject.position(
            ofKey: member.key, hash: member.keyHash, in: newMembers, hint: 0) == nil
        {
          return false
        }
        return true
      }
    }
  }

  private func isKey(_ name: String) -> Bool {
    keys.contains { $0.codePointsEqual(name) }
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

/// Gathers data findings up to a limit and counts the rest.
private struct Collector {
  let limit: Int
  let subject: String
  var findings: [DriftFinding] = []
  var overflow: [FindingKind: Int] = [:]
  /// The items: where a data finding's fingerprint points, whatever its item's position.
  private static let items: JSONPointer = "/items"

  init(limit: Int, subject: String) {
    self.limit = limit
    self.subject = subject
  }

  mutating func add(
    _ kind: FindingKind, location: [String], message: String, detail: String,
    oldValue: JSONValue? = nil, newValue: JSONValue? = nil, pointer: JSONPointer? = nil
  ) {
    guard findings.count < limit else {
      overflow[kind, default: 0] += 1
      return
    }
    let finding = Finding.drift(
      .info, kind, message, pointer: pointer ?? JSONPointer(tokens: location), subject: subject,
      detail: detail,
      identityPointer: Self.items, oldValue: oldValue, newValue: newValue)
    findings.append(DriftFinding(finding: finding, location: location))
  }

  func finish() -> [DriftFinding] {
    guard !overflow.isEmpty else { return findings }
    let total = overflow.values.reduce(0, +)
    let parts = [FindingKind.driftItemAdded, .driftItemRemoved, .driftValueChanged].compactMap {
      kind in
      overflow[kind].map { "\($0) \(kind.id)" }
    }
    let summary = Finding.drift(
      .info, .driftDataTruncated,
      "\(total) more data changes not listed (\(parts.joined(separator: ", "))); the limit is \(limit)",
      pointer: Self.items, subject: subject)
    return findings + [DriftFinding(finding: summary, location: ["items"])]
  }
}
