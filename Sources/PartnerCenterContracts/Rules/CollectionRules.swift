import JSONCore

// The rules about the collection as a whole: its count, its items' types, whose they are, and
// that no two are the same. Each is one pass over the items.
extension RuleContext {
  func checkCollection(into findings: inout [Finding]) {
    guard let itemType = input.itemType, let body, let items = body["items"]?.arrayValue else {
      return
    }
    checkTotalCount(body, items, into: &findings)
    if let expected = itemType.itemObjectType {
      checkObjectTypes(items, expected: expected, into: &findings)
    }
    if itemType == .customerLicensesUsage {
      checkCustomer(items, into: &findings)
    }
    if let identity = rules.identity(of: itemType) {
      checkIdentities(items, identity: identity, into: &findings)
    }
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
          "totalCount is \(total) but the collection has \(items.count) item\(items.count == 1 ? "" : "s") and no next link",
          pointer: "/totalCount"))
    }
  }

  private func checkObjectTypes(
    _ items: [JSONValue], expected: String, into findings: inout [Finding]
  ) {
    let endpointName = input.endpoint?.id.rawValue ?? input.itemType?.rawValue ?? ""
    for (index, item) in items.enumerated() {
      guard let objectType = item["attributes"]?["objectType"], objectType.stringValue != expected
      else { continue }
      findings.append(
        breach(
          .itemObjectType,
          "item \(index) is a \(JSONWriter.compact(objectType)), but the \(endpointName) endpoint returns \(expected)",
          pointer: "/items/\(index)/attributes/objectType"))
    }
  }

  /// With the customer known from the URL, every `customerId` must be it; without, they must
  /// agree with each other, reported once at the first item that differs.
  private func checkCustomer(_ items: [JSONValue], into findings: inout [Finding]) {
    let response = input.response
    let urlEndpoint = response.endpoint ?? response.request.flatMap { Endpoint(url: $0.url) }
    if let urlCustomer = urlEndpoint?.customerID, !urlCustomer.isEmpty {
      let expected = urlCustomer.lowercased()
      for (index, item) in items.enumerated() {
        guard let customerID = item["customerId"]?.stringValue,
          customerID.lowercased() != expected
        else { continue }
        findings.append(
          breach(
            .customerID,
            "item \(index) has customerId \"\(customerID)\" but the request is for customer \(urlCustomer)",
            pointer: "/items/\(index)/customerId"))
      }
      return
    }
    var first: (index: Int, id: String)?
    var others = Set<String>()
    var firstDifferent: (index: Int, id: String)?
    for (index, item) in items.enumerated() {
      guard let customerID = item["customerId"]?.stringValue?.lowercased() else { continue }
      guard let known = first else {
        first = (index, customerID)
        continue
      }
      if customerID != known.id {
        others.insert(customerID)
        if firstDifferent == nil { firstDifferent = (index, customerID) }
      }
    }
    if let first, let firstDifferent {
      findings.append(
        breach(
          .oneCustomer,
          "the items name \(others.count + 1) customers: item \(first.index) names \(first.id), item \(firstDifferent.index) names \(firstDifferent.id)",
          pointer: "/items/\(firstDifferent.index)/customerId"))
    }
  }

  private func checkIdentities(
    _ items: [JSONValue], identity: ItemIdentity, into findings: inout [Finding]
  ) {
    var seen: [[JSONValue?]: Int] = [:]
    seen.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      guard let values = identity.values(of: item) else { continue }
      if let earlier = seen[values] {
        findings.append(
          breach(
            .uniqueIdentity,
            "item \(index) has the same identity as item \(earlier) (\(identity.describe(item)))",
            pointer: "/items/\(index)"))
      } else {
        seen[values] = index
      }
    }
  }
}
