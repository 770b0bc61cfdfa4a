import JSONCore

/// Data drift between two collections: items matched by their identity keys (not by
/// position), reported as added, removed or changed, with old and new values.
///
/// Linear in the number of items: old items are hashed by identity once, and each new item
/// looks its partner up. Items with the same identity are paired in order of appearance.
struct DataDrift {
  let keys: [String]
  let subject: String
  let options: DriftOptions
  let limit: Int

  init(keys: [String], subject: String, options: DriftOptions) {
    self.keys = keys.filter { key in
      !options.isIgnored(recordingPointer: ["response", "body", "items", "*", key])
    }
    self.subject = subject
    self.options = options
    self.limit = options.dataFindingLimit
  }

  func findings(old: JSONValue, new: JSONValue) -> [DriftFinding] {
    guard !keys.isEmpty, let oldItems = old["items"]?.arrayValue,
      let newItems = new["items"]?.arrayValue,
      !options.isIgnored(recordingPointer: ["response", "body", "items", "*"])
    else { return [] }
    // Each identity gets a group; a group's old items are chained in order through `next`,
    // so pairing a new item costs one hash look-up.
    var groups: [[JSONValue]: Int] = [:]
    groups.reserveCapacity(oldItems.count)
    var heads: [Int] = []
    var tails: [Int] = []
    var next = [Int](repeating: -1, count: oldItems.count)
    for index in oldItems.indices {
      let key = identity(of: oldItems[index])
      if let group = groups[key] {
        next[tails[group]] = index
        tails[group] = index
      } else {
        groups[key] = heads.count
        heads.append(index)
        tails.append(index)
      }
    }
    var matched = [Bool](repeating: false, count: oldItems.count)
    var collector = Collector(limit: limit, subject: subject)
    var occurrences: [[JSONValue]: Int] = [:]
    for (newIndex, item) in newItems.enumerated() {
      let key = identity(of: item)
      guard let group = groups[key], heads[group] >= 0 else {
        collector.add(
          .itemAdded, location: ["items", String(newIndex)],
          message: "item \(describe(key)) was added", detail: label(key, &occurrences),
          newValue: item)
        continue
      }
      let oldIndex = heads[group]
      heads[group] = next[oldIndex]
      matched[oldIndex] = true
      let oldItem = oldItems[oldIndex]
      if oldItem == item { continue }
      var itemLabel: String?
      compare(
        oldItem, item, path: [], newIndex: newIndex, key: key, itemLabel: &itemLabel,
        occurrences: &occurrences, into: &collector)
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

  private func identity(of item: JSONValue) -> [JSONValue] {
    guard case .object(let object) = item else { return [item] }
    return keys.map { object[$0] ?? .null }
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

  /// Reports the members of two matched items that differ; nested objects member by member,
  /// anything else as a whole. Members on one side only are shape drift, not reported here.
  private func compare(
    _ old: JSONValue, _ new: JSONValue, path: [String], newIndex: Int, key: [JSONValue],
    itemLabel: inout String?, occurrences: inout [[JSONValue]: Int],
    into collector: inout Collector
  ) {
    if case .object(let oldObject) = old, case .object(let newObject) = new {
      for member in newObject.members {
        guard let oldValue = oldObject[member.key], oldValue != member.value else { continue }
        if path.isEmpty && keys.contains(member.key) { continue }
        let memberPath = path + [member.key]
        if options.isIgnored(recordingPointer: ["response", "body", "items", "*"] + memberPath) {
          continue
        }
        compare(
          oldValue, member.value, path: memberPath, newIndex: newIndex, key: key,
          itemLabel: &itemLabel, occurrences: &occurrences, into: &collector)
      }
      return
    }
    let name = JSONPointer(tokens: path).description
    if itemLabel == nil { itemLabel = label(key, &occurrences) }
    collector.add(
      .valueChanged, location: ["items", String(newIndex)] + path,
      message:
        "\(name) of item \(describe(key)) changed from \(JSONWriter.compact(old)) to \(JSONWriter.compact(new))",
      detail: (itemLabel ?? "") + name, oldValue: old, newValue: new)
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
