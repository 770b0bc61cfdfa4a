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
          "totalCount is \(total) but the collection has \(Plural.counted(items.count, "item")) and no next link",
          pointer: "/totalCount"))
    }
  }

  private func checkObjectTypes(
    _ items: [JSONValue], expected: String, into findings: inout [Finding]
  ) {
    let endpointName = input.endpoint?.id.rawValue ?? input.itemType?.rawValue ?? ""
    var breaches = itemFindings(.itemObjectType)
    for (index, item) in items.enumerated() {
      guard let objectType = item[.attributes]?[.objectType], objectType.stringValue != expected
      else { continue }
      breaches.add(
        pointer: "/items/\(index)/attributes/objectType",
        "item \(index) is a \(JSONWriter.compact(objectType)), but the \(endpointName) endpoint returns \(expected)"
      )
    }
    breaches.finish(into: &findings)
  }

  /// With the customer known from the URL, every `customerId` must be it; without, they must
  /// agree with each other, reported once at the first item that differs.
  private func checkCustomer(_ items: [JSONValue], into findings: inout [Finding]) {
    let response = input.response
    let urlEndpoint = response.endpoint ?? response.request.flatMap { Endpoint(url: $0.url) }
    if let urlCustomer = urlEndpoint?.customerID, !urlCustomer.isEmpty {
      var breaches = itemFindings(.customerID)
      for (index, item) in items.enumerated() {
        guard let customerID = item[.customerID]?.stringValue,
          !HTTPHeaders.namesMatch(customerID, urlCustomer)
        else { continue }
        breaches.add(
          pointer: "/items/\(index)/customerId",
          "item \(index) has customerId \"\(customerID)\" but the request is for customer \(urlCustomer)"
        )
      }
      breaches.finish(into: &findings)
      return
    }
    var first: (index: Int, id: String)?
    for (index, item) in items.enumerated() {
      guard let customerID = item[.customerID]?.stringValue else { continue }
      guard let known = first else {
        first = (index, customerID)
        continue
      }
      if !HTTPHeaders.namesMatch(customerID, known.id) {
        findings.append(
          breach(
            .oneCustomer,
            "the items name more than one customer: item \(known.index) names \(known.id), item \(index) names \(customerID)",
            pointer: "/items/\(index)/customerId"))
        return
      }
    }
  }

  /// One pass with a table of identity hashes; identities are only compared when hashes
  /// meet, and only hashes shared by different identities fall back to a list per hash.
  private func checkIdentities(
    _ items: [JSONValue], identity: ItemIdentity, into findings: inout [Finding]
  ) {
    var firstWithHash = HashIndex(capacity: items.count)
    var collided: [UInt64: [Int]] = [:]
    var breaches = itemFindings(.uniqueIdentity)
    let fields = identity.fields
    for (index, item) in items.enumerated() {
      guard case .object(let object) = item else { continue }
      let hash = ItemIdentity.hash(of: object, fields)
      guard let first = firstWithHash[hash] else {
        firstWithHash.set(hash, index)
        continue
      }
      func isSame(_ candidate: Int) -> Bool {
        guard case .object(let other) = items[candidate] else { return false }
        return ItemIdentity.same(object, other, fields)
      }
      let earlier = isSame(first) ? first : collided[hash]?.first(where: isSame)
      if let earlier {
        breaches.add(
          pointer: "/items/\(index)",
          "item \(index) has the same identity as item \(earlier) (\(identity.describe(item)))")
      } else {
        collided[hash, default: []].append(index)
      }
    }
    breaches.finish(into: &findings)
  }
}
