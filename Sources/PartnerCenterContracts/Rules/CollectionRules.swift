import JSONCore

// The rules about the collection: its count, then the rules about each item (`ItemRules.swift`).
extension RuleContext {
  func checkCollection(into findings: inout [Finding]) {
    guard let itemType = input.itemType, let body, let items = body["items"]?.arrayValue else {
      return
    }
    checkTotalCount(body, items, into: &findings)
    checkEachItem(items, itemType: itemType, into: &findings)
  }

  private func checkTotalCount(
    _ body: JSONValue, _ items: [JSONValue], into findings: inout [Finding]
  ) {
    // Bound as an Int at once: binding the JSONNumber and asking `isInteger`, then
    // `intValue`, crashes the Swift 6.3.1 optimizer (CopyPropagation) in release builds.
    guard let number = body["totalCount"]?.numberValue, let total = number.intValue else {
      return
    }
    // A page with a next link holds part of the total.
    if body["links"]?["next"] != nil { return }
    if total != items.count {
      findings.append(
        breach(
          .totalCount,
          "totalCount is \(total) but the collection has \(Plural.counted(items.count, "item")) and no next link",
          pointer: "/totalCount"))
    }
  }
}
