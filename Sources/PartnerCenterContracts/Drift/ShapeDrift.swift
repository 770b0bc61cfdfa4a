import JSONCore

/// Turns two profiles of the same endpoint's bodies into shape findings, one per wildcarded
/// path and kind of change, located at the first value in the new body that shows it.
struct ShapeDrift {
  let old: ShapeProfile
  let new: ShapeProfile
  let newBody: JSONValue
  let subject: String

  /// Profiles both bodies and compares them; types are judged against `endpoint`'s declared
  /// schema first.
  init(
    old oldBody: JSONValue, new newBody: JSONValue, options: DriftOptions, endpoint: EndpointID?,
    subject: String
  ) {
    let declared =
      endpoint.flatMap { id in options.declaredSchemas.map { DeclaredTypes.of(id, in: $0) } }
      ?? DeclaredTypes()
    old = ShapeProfile(oldBody, options: options, declared: declared)
    new = ShapeProfile(newBody, options: options, declared: declared, baseline: old)
    self.newBody = newBody
    self.subject = subject
  }

  /// Whether the old body was a collection envelope (an object with an `items` array).
  private var isCollection: Bool {
    guard let items = old.child(of: 0, named: "items") else { return false }
    return old.nodes[items].types.contains(.array)
  }

  func findings() -> [DriftFinding] {
    var result: [DriftFinding] = []
    for (event, location) in new.events {
      if let finding = finding(for: event) {
        result.append(DriftFinding(finding: finding, location: location))
      }
    }
    result += removedOptionalProperties()
    return result
  }

  private func finding(for event: ShapeEvent) -> Finding? {
    let node = new.nodes[event.node]
    let oldNode = node.baseline >= 0 ? old.nodes[node.baseline] : nil
    let pointer = node.pointer
    switch event.kind {
    case .added:
      let parentCount = new.nodes[node.parent].objectCount
      if isCollection && node.path == ["links"] {
        return .drift(
          .warning, .driftEnvelopeChanged,
          "the collection now has 'links' (paging): a client that reads only 'items' misses the later pages",
          pointer: pointer, subject: subject, newValue: newBody["links"])
      }
      return .drift(
        .info, .driftPropertyAdded,
        "property \(pointer) was added (\(node.types.description), in \(node.count) of \(Plural.counted(parentCount, "object")))",
        pointer: pointer, subject: subject)
    case .typeChanged:
      let was = oldNode?.types.subtracting(.null).description ?? "nothing"
      let now = node.types.subtracting(.null).description
      return .drift(
        .error, .driftTypeChanged, "\(pointer) changed type: was \(was), now \(now)",
        pointer: pointer, subject: subject, detail: now)
    case .becameNull:
      return .drift(
        .error, .driftBecameNull,
        "\(pointer) is null in \(node.nullCount) of \(Plural.counted(node.count, "value")); it never was before",
        pointer: pointer, subject: subject)
    case .missing:
      return missing(event, node: node, oldNode: oldNode)
    case .formatGUID, .formatDateTime, .formatOffset, .formatFraction:
      return formatChanged(event, node: node)
    case .enumValue:
      let known = (oldNode?.enumValues.sorted() ?? []).map(MessageValue.quoted).joined(
        separator: ", ")
      return .drift(
        .warning, .driftNewEnumValue,
        "\(pointer) has a new value \(MessageValue.quoted(event.detail)) (known: \(known)); a client with a closed enum breaks",
        pointer: pointer, subject: subject, detail: event.detail, newValue: .string(event.detail))
    case .rangeSeen:
      guard let oldNode else { return nil }
      return .drift(
        .info, .driftRangeChanged,
        "\(pointer) now ranges \(Self.range(node)), was \(Self.range(oldNode))",
        pointer: pointer, subject: subject, detail: "seen")
    case .rangeDeclared:
      guard let range = node.declaredRange else { return nil }
      if let oldNode, oldNode.minimum <= oldNode.maximum,
        !(range.contains(oldNode.minimum) && range.contains(oldNode.maximum))
      {
        return nil  // Already outside before: not drift (validation reports it).
      }
      return .drift(
        .error, .driftRangeChanged,
        "\(pointer) now ranges \(Self.range(node)), outside the declared \(Self.declared(range))",
        pointer: pointer, subject: subject, detail: "declared")
    }
  }

  private func missing(_ event: ShapeEvent, node: ShapeNode, oldNode: ShapeNode?) -> Finding? {
    let name = event.detail
    let pointer = JSONPointer(tokens: node.path + [name])
    let oldCount = oldNode.map { $0.objectCount } ?? 0
    let newChild = new.child(of: event.node, named: name).map { new.nodes[$0] }
    let present = newChild?.count ?? 0
    if isCollection && node.path.isEmpty && name == "links" {
      return .drift(
        .warning, .driftEnvelopeChanged, "the collection no longer has 'links'", pointer: pointer,
        subject: subject)
    }
    if present == 0 {
      return .drift(
        .error, .driftPropertyRemoved,
        "property \(pointer) was removed (it was in every one of \(Plural.counted(oldCount, "object")), now in none of \(node.objectCount))",
        pointer: pointer, subject: subject)
    }
    return .drift(
      .error, .driftBecameOptional,
      "property \(pointer) is missing from \(node.objectCount - present) of \(Plural.counted(node.objectCount, "object")); it was in every one before",
      pointer: pointer, subject: subject)
  }

  private func formatChanged(_ event: ShapeEvent, node: ShapeNode) -> Finding {
    let pointer = node.pointer
    let (severity, what): (Severity, String)
    switch event.kind {
    case .formatGUID: (severity, what) = (.error, "are no longer all GUIDs")
    case .formatDateTime: (severity, what) = (.error, "are no longer all date-times")
    case .formatOffset: (severity, what) = (.error, "include date-times without a UTC offset")
    default: (severity, what) = (.warning, "include date-times with fractional seconds")
    }
    let detail = "\(event.kind)"
    return .drift(
      severity, .driftFormatChanged, "values at \(pointer) \(what)", pointer: pointer,
      subject: subject, detail: detail)
  }

  /// Members that were sometimes present before and never now (members always present
  /// before are reported as they are missed, object by object).
  private func removedOptionalProperties() -> [DriftFinding] {
    var newOfOld: [Int: Int] = [:]
    for (index, node) in new.nodes.enumerated() where node.baseline >= 0 {
      newOfOld[node.baseline] = index
    }
    var result: [DriftFinding] = []
    for (index, oldNode) in old.nodes.enumerated() where index > 0 && !oldNode.isItem {
      guard oldNode.count > 0, !oldNode.isIgnored, !old.isAlwaysPresent(index),
        let newParent = newOfOld[oldNode.parent], new.nodes[newParent].objectCount > 0
      else { continue }
      if let newNode = newOfOld[index], new.nodes[newNode].count > 0 { continue }
      let pointer = oldNode.pointer
      let finding = Finding.drift(
        .warning, .driftPropertyRemoved,
        "property \(pointer) no longer occurs (it was in \(oldNode.count) of \(old.nodes[oldNode.parent].objectCount) objects)",
        pointer: pointer, subject: subject)
      result.append(DriftFinding(finding: finding, location: new.nodes[newParent].firstPointer))
    }
    return result
  }

  /// `0...100` of the numbers seen, exactly as written.
  private static func range(_ node: ShapeNode) -> String {
    let low = node.minimumNumber?.description ?? "none"
    let high = node.maximumNumber?.description ?? "none"
    return "\(low)...\(high)"
  }

  /// A declared range as a reader says it: `0...100`, `>= 0`, `<= 100`.
  private static func declared(_ range: ClosedRange<Double>) -> String {
    func number(_ value: Double) -> String { JSONNumber(exactly: value)?.description ?? "\(value)" }
    let bounded = (
      range.lowerBound > -.greatestFiniteMagnitude, range.upperBound < .greatestFiniteMagnitude
    )
    switch bounded {
    case (true, true): return "\(number(range.lowerBound))...\(number(range.upperBound))"
    case (true, false): return ">= \(number(range.lowerBound))"
    case (false, true): return "<= \(number(range.upperBound))"
    case (false, false): return "any number"
    }
  }
}
