import JSONCore

// In-place applicators that combine subschemas over the same instance: `allOf`, `anyOf`,
// `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas` (draft 2020-12 core, section 10.2).
extension Evaluator {
  mutating func evaluateCombinator(
    _ keyword: CompiledKeyword, _ instance: JSONValue, _ annotations: inout Annotations
  ) -> Bool {
    switch keyword.check {
    case .allOf(let nodes):
      var valid = true
      for (position, node) in nodes.enumerated() {
        if !descend(
          node, keyword: keyword.name, token: String(position), instance: instance, &annotations)
        {
          valid = false
          if mode != .allErrors { break }
        }
      }
      if !valid && mode == .firstError && errors.isEmpty {
        return fail(keyword, "the value does not match all of the \(nodes.count) schemas")
      }
      return valid

    case .anyOf(let nodes):
      let mark = errors.count
      var matched = 0
      for (position, node) in nodes.enumerated() {
        let valid = evaluateAlternative(node, keyword, position, instance, &annotations)
        if valid {
          matched += 1
          // Annotations need every passing branch; a yes or no needs only one.
          if !annotations.collecting { break }
        }
      }
      if matched > 0 {
        errors.removeSubrange(mark...)
        return true
      }
      return fail(keyword, "the value matches none of the \(nodes.count) alternatives")

    case .oneOf(let nodes):
      let mark = errors.count
      var matches: [Int] = []
      for (position, node) in nodes.enumerated() {
        var branch = Annotations(collecting: annotations.collecting)
        let valid = evaluateAlternative(node, keyword, position, instance, &branch)
        if valid {
          matches.append(position)
          if matches.count == 1 && annotations.collecting { annotations.merge(branch) }
          if matches.count > 1 { break }
        }
      }
      if matches.count == 1 {
        errors.removeSubrange(mark...)
        return true
      }
      if matches.isEmpty {
        return fail(
          keyword,
          "the value matches none of the \(nodes.count) alternatives, but must match exactly one")
      }
      errors.removeSubrange(mark...)
      return fail(
        keyword,
        "the value matches alternatives \(matches[0]) and \(matches[1]), but must match exactly one"
      )

    case .not(let node):
      var ignored = Annotations(collecting: false)
      let matched = silently { $0.evaluate(node, instance, &ignored) }
      if !matched { return true }
      return fail(keyword, "the value matches a schema it must not match")

    case .conditional(let condition, let then, let otherwise):
      var conditionAnnotations = Annotations(collecting: annotations.collecting)
      let holds = silently {
        $0.descend(condition, keyword: "if", instance: instance, &conditionAnnotations)
      }
      if holds {
        if annotations.collecting { annotations.merge(conditionAnnotations) }
        guard let then else { return true }
        return descend(then, keyword: "then", instance: instance, &annotations)
      }
      guard let otherwise else { return true }
      return descend(otherwise, keyword: "else", instance: instance, &annotations)

    case .dependentSchemas(let entries):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for entry in entries where object[entry.property] != nil {
        if !descend(
          entry.node, keyword: keyword.name, token: entry.property, instance: instance, &annotations
        ) {
          valid = false
          if mode != .allErrors { break }
        }
      }
      return valid

    default:
      return true
    }
  }

  /// One alternative of `anyOf` or `oneOf`: its errors are kept in all-errors mode (and dropped
  /// by the caller when another alternative matches); otherwise it runs without recording.
  private mutating func evaluateAlternative(
    _ node: Int, _ keyword: CompiledKeyword, _ position: Int, _ instance: JSONValue,
    _ annotations: inout Annotations
  ) -> Bool {
    if mode == .allErrors {
      return descend(
        node, keyword: keyword.name, token: String(position), instance: instance, &annotations)
    }
    return silently {
      $0.descend(
        node, keyword: keyword.name, token: String(position), instance: instance, &annotations)
    }
  }
}
