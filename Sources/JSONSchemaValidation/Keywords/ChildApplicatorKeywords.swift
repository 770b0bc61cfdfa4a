import JSONCore

// Applicators that evaluate array items and object members: `prefixItems`, `items`,
// `contains`, `properties`, `patternProperties`, `additionalProperties`, `propertyNames`
// (draft 2020-12 core, section 10.3).
extension Evaluator {
  mutating func evaluateChildApplicator(
    _ keyword: CompiledKeyword, _ instance: JSONValue, _ annotations: inout Annotations
  ) -> Bool {
    switch keyword.check {
    case .prefixItems(let nodes):
      guard case .array(let elements) = instance else { return true }
      var valid = true
      let count = min(nodes.count, elements.count)
      for position in 0..<count {
        if !descend(
          nodes[position], keyword: keyword.name, token: String(position),
          child: elements[position], key: .index(position))
        {
          valid = false
          if mode != .allErrors { break }
        }
      }
      if annotations.collecting { annotations.itemPrefix = max(annotations.itemPrefix, count) }
      return valid

    case .items(let node, let start):
      guard case .array(let elements) = instance else { return true }
      var valid = true
      var position = start
      let leaf = graph.nodes[node].isLeaf && !recordsErrors
      while position < elements.count {
        let itemValid =
          leaf
          ? evaluateLeaf(node, elements[position])
          : descend(node, keyword: keyword.name, child: elements[position], key: .index(position))
        if !itemValid {
          valid = false
          if mode != .allErrors { break }
        }
        position += 1
      }
      if annotations.collecting && start < elements.count { annotations.allItems = true }
      return valid

    case .contains(let node, let minimum, let maximum):
      guard case .array(let elements) = instance else { return true }
      var matched = 0
      for (position, element) in elements.enumerated() {
        let matches = silently {
          $0.descend(node, keyword: keyword.name, child: element, key: .index(position))
        }
        if matches {
          matched += 1
          if annotations.collecting { annotations.itemIndices.insert(position) }
        }
      }
      if matched < minimum {
        return fail(
          keyword,
          minimum == 1
            ? "the array contains no item that matches the 'contains' schema"
            : "the array contains \(matched) matching items, fewer than the minimum \(minimum)")
      }
      if let maximum, matched > maximum {
        return fail(
          keyword, "the array contains \(matched) matching items, more than the maximum \(maximum)")
      }
      return true

    case .properties(let table, let required):
      guard case .object(let object) = instance else { return true }
      var valid = true
      var present: UInt64 = 0
      for member in object.members {
        guard let position = table.position(of: member) else { continue }
        present |= 1 << UInt64(truncatingIfNeeded: position)
        if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
        let node = table.nodes[position]
        let childValid =
          graph.nodes[node].isLeaf && !recordsErrors
          ? evaluateLeaf(node, member.value)
          : descend(
            node, keyword: keyword.name, token: member.key, child: member.value,
            key: .name(member.key))
        if !childValid {
          valid = false
          if mode != .allErrors { return false }
        }
      }
      if let required, present & required.mask != required.mask {
        for (position, name) in table.names.enumerated()
        where required.mask & (1 << UInt64(position)) != 0 && present & (1 << UInt64(position)) == 0
        {
          valid = fail(required.keyword, "the required property \(quoted(name)) is missing")
          if mode != .allErrors { return false }
        }
      }
      return valid

    case .patternProperties(let patterns):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for member in object.members {
        for entry in patterns {
          guard let matched = Self.search(entry.regex, in: member.key) else {
            valid = fail(keyword, Self.stepLimitMessage(entry.regex))
            if mode != .allErrors { return false }
            continue
          }
          guard matched else { continue }
          if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
          if !descend(
            entry.node, keyword: keyword.name, token: entry.regex.pattern, child: member.value,
            key: .name(member.key))
          {
            valid = false
            if mode != .allErrors { return false }
          }
        }
      }
      return valid

    case .additionalProperties(let node, let declared, let patterns):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for member in object.members {
        if let declared, declared.position(of: member) != nil { continue }
        // A pattern that cannot be decided counts as matching: `patternProperties` has already
        // failed the instance for it.
        if patterns.contains(where: { Self.search($0, in: member.key) != false }) { continue }
        if annotations.collecting { annotations.properties.insert(CodePointKey(member.key)) }
        if graph.nodes[node].boolean == false {
          // The common `additionalProperties: false`: name the property, not the schema.
          valid = false
          if recordsErrors {
            instancePath.append(.name(member.key))
            fail(
              keyword, "the property \(quoted(member.key)) is not allowed (no schema declares it)")
            instancePath.removeLast()
          }
          if mode != .allErrors { break }
          continue
        }
        if !descend(node, keyword: keyword.name, child: member.value, key: .name(member.key)) {
          valid = false
          if mode != .allErrors { break }
        }
      }
      return valid

    case .propertyNames(let node):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for member in object.members {
        var ignored = Annotations(collecting: false)
        if !descend(node, keyword: keyword.name, instance: .string(member.key), &ignored) {
          valid = false
          if mode != .allErrors { break }
        }
      }
      return valid

    default:
      return true
    }
  }
}
