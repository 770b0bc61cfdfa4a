import Foundation
import JSONCore

// The rules that look at every item: its type, its customer, its identity, its license counts
// and percentage, its processing date. They run in one pass over the items, reading each item
// where it lies and finding each member the rules read once.
extension RuleContext {
  func checkEachItem(_ items: [JSONValue], itemType: EndpointID, into findings: inout [Finding]) {
    var reader = ItemReader(identity: rules.identity(of: itemType))
    var objectTypes = itemType.itemObjectType.map {
      ObjectTypeRule(
        expected: $0, endpointName: input.endpoint?.id.rawValue ?? itemType.rawValue, self)
    }
    var customer = itemType == .customerLicensesUsage ? CustomerRule(self) : nil
    var identities = rules.identity(of: itemType).map {
      IdentityRule(identity: $0, capacity: items.count, self)
    }
    var counts = CountRule(tolerance: rules.usagePercentTolerance, self)
    var dates = DateRule(now: rules.now.timeIntervalSince1970, grace: rules.futureGrace, self)
    items.withUnsafeBufferPointer { items in
      for index in items.indices {
        guard case .object(let object) = items[index] else { continue }
        reader.read(object) { item in
          objectTypes?.check(index, item)
          customer?.check(index, item)
          identities?.check(index, item)
          counts.check(index, item)
          dates.check(index, item)
        }
      }
      objectTypes?.breaches.finish(into: &findings)
      customer?.finish(into: &findings)
      identities?.finish(items, into: &findings)
    }
    counts.aboveQualified.finish(into: &findings)
    counts.percent.finish(into: &findings)
    dates.future.finish(into: &findings)
    dates.leapSecond.finish(into: &findings)
  }
}

/// The members of one item that the rules read, where they lie in the item: valid only while
/// ``ItemReader/read(_:_:)`` runs its body. Reading values in place, not copies, spares a
/// reference count update per value; the values are shared by many items (the parser shares
/// repeated strings), and with the schema validated on the other core those updates contend.
struct ItemMembers {
  /// `attributes.objectType`.
  var objectType: UnsafePointer<JSONValue>?
  var customerID: UnsafePointer<JSONValue>?
  var licensesActive: UnsafePointer<JSONValue>?
  var licensesQualified: UnsafePointer<JSONValue>?
  var usagePercent: UnsafePointer<JSONValue>?
  var processedDateTime: UnsafePointer<JSONValue>?
  /// The hash of the item's identity (``ItemIdentity/hash(of:_:)``), when the items have one.
  var identityHash: UInt64 = 0
}

/// Reads ``ItemMembers`` from items that list their members in the same order, as the items of
/// one collection do.
struct ItemReader {
  private var attributes = HintedMember(.attributes)
  private var objectType = HintedMember(.objectType)
  private var customerID = HintedMember(.customerID)
  private var licensesActive = HintedMember(.licensesActive)
  private var licensesQualified = HintedMember(.licensesQualified)
  private var usagePercent = HintedMember(.usagePercent)
  private var processedDateTime = HintedMember(.processedDateTime)
  private var identity: [HintedMember]

  init(identity: ItemIdentity?) {
    self.identity = (identity?.fields ?? []).map(HintedMember.init)
  }

  /// Runs `body` with the members of the item `object`.
  @inline(__always)
  mutating func read(_ object: JSONObject, _ body: (ItemMembers) -> Void) {
    object.members.withUnsafeBufferPointer { members in
      var item = ItemMembers()
      item.customerID = customerID.value(in: members)
      item.licensesActive = licensesActive.value(in: members)
      item.licensesQualified = licensesQualified.value(in: members)
      item.usagePercent = usagePercent.value(in: members)
      item.processedDateTime = processedDateTime.value(in: members)
      if !identity.isEmpty {
        var hasher = WordHasher()
        for field in identity.indices {
          if let value = identity[field].value(in: members) {
            hasher.mix(identityValue: value.pointee)
          } else {
            hasher.mixAbsentIdentityMember()
          }
        }
        item.identityHash = hasher.value
      }
      guard let attributes = attributes.value(in: members),
        case .object(let attributesObject) = attributes.pointee
      else { return body(item) }
      attributesObject.members.withUnsafeBufferPointer { attributeMembers in
        item.objectType = objectType.value(in: attributeMembers)
        body(item)
      }
    }
  }
}

/// A member looked up in objects that list their members in the same order: tried first where
/// the previous object had it.
struct HintedMember {
  let name: MemberName
  private var hint = 0

  init(_ name: MemberName) { self.name = name }

  /// Where the member's value is in `members`, if it is there.
  @inline(__always)
  mutating func value(in members: UnsafeBufferPointer<JSONObject.Member>)
    -> UnsafePointer<JSONValue>?
  {
    guard let position = JSONObject.position(of: name, in: members, hint: hint) else {
      return nil
    }
    hint = position
    return JSONObject.valuePointer(in: members, at: position)
  }
}

/// `rule.item-object-type`: every item's `attributes.objectType` is the endpoint's.
private struct ObjectTypeRule {
  let expected: String
  let endpointName: String
  var breaches: ItemFindings

  init(expected: String, endpointName: String, _ context: RuleContext) {
    self.expected = expected
    self.endpointName = endpointName
    breaches = context.itemFindings(.itemObjectType)
  }

  mutating func check(_ index: Int, _ item: ItemMembers) {
    guard let objectType = item.objectType else { return }
    if case .string(let text) = objectType.pointee, text == expected { return }
    breaches.add(
      pointer: "/items/\(index)/attributes/objectType",
      "item \(index) is a \(JSONWriter.compact(objectType.pointee)), but the \(endpointName) endpoint returns \(expected)"
    )
  }
}

/// `rule.customer-id` and `rule.one-customer`: with the customer known from the URL, every
/// `customerId` must be it; without, they must agree with each other, reported once at the first
/// item that differs.
private struct CustomerRule {
  let urlCustomer: String?
  var breaches: ItemFindings
  var first: (index: Int, id: String)?
  var mixed: Finding?
  let subject: String?

  init(_ context: RuleContext) {
    urlCustomer = context.input.response.namedEndpoint?.customerID.flatMap { $0.isEmpty ? nil : $0 }
    breaches = context.itemFindings(.customerID)
    subject = context.subject
  }

  mutating func check(_ index: Int, _ item: ItemMembers) {
    guard let pointer = item.customerID, case .string(let customerID) = pointer.pointee else {
      return
    }
    if let urlCustomer {
      // Equal bytes first: the common case needs no case folding.
      guard customerID != urlCustomer, !HTTPHeaders.namesMatch(customerID, urlCustomer) else {
        return
      }
      breaches.add(
        pointer: "/items/\(index)/customerId",
        "item \(index) has customerId \"\(customerID)\" but the request is for customer \(urlCustomer)"
      )
      return
    }
    guard mixed == nil else { return }
    guard let known = first else {
      first = (index, customerID)
      return
    }
    guard customerID != known.id, !HTTPHeaders.namesMatch(customerID, known.id) else { return }
    mixed = ContractRule.oneCustomer.finding(
      "the items name more than one customer: item \(known.index) names \(known.id), item \(index) names \(customerID)",
      pointer: "/items/\(index)/customerId", subject: subject)
  }

  func finish(into findings: inout [Finding]) {
    if urlCustomer != nil {
      breaches.finish(into: &findings)
    } else if let mixed {
      findings.append(mixed)
    }
  }
}

/// `rule.unique-identity`: a table of identity hashes; identities are only compared when hashes
/// meet, and only hashes shared by different identities fall back to a list per hash.
private struct IdentityRule {
  let identity: ItemIdentity
  /// Each item's identity hash, in item order; looked up once all are known, in a loop that
  /// does nothing else, so that the table's cache misses overlap instead of stalling each item.
  var hashes: [(index: Int, hash: UInt64)] = []
  var breaches: ItemFindings

  init(identity: ItemIdentity, capacity: Int, _ context: RuleContext) {
    self.identity = identity
    hashes.reserveCapacity(capacity)
    breaches = context.itemFindings(.uniqueIdentity)
  }

  mutating func check(_ index: Int, _ item: ItemMembers) {
    hashes.append((index, item.identityHash))
  }

  /// Reports each item whose identity an earlier item has, naming the first such item.
  mutating func finish(_ items: UnsafeBufferPointer<JSONValue>, into findings: inout [Finding]) {
    var firstWithHash = HashIndex(capacity: hashes.count)
    var collided: [UInt64: [Int]] = [:]
    let fields = identity.fields
    for (index, hash) in hashes {
      guard let first = firstWithHash[hash] else {
        firstWithHash.set(hash, index)
        continue
      }
      guard case .object(let object) = items[index] else { continue }
      func isSame(_ candidate: Int) -> Bool {
        guard case .object(let other) = items[candidate] else { return false }
        return ItemIdentity.same(object, other, fields)
      }
      if let earlier = isSame(first) ? first : collided[hash]?.first(where: isSame) {
        breaches.add(
          pointer: "/items/\(index)",
          "item \(index) has the same identity as item \(earlier) (\(identity.describe(items[index])))"
        )
      } else {
        collided[hash, default: []].append(index)
      }
    }
    breaches.finish(into: &findings)
  }
}

/// `rule.active-within-qualified` and `rule.usage-percent-agrees`.
private struct CountRule {
  let tolerance: Double
  var aboveQualified: ItemFindings
  var percent: ItemFindings

  init(tolerance: Double, _ context: RuleContext) {
    self.tolerance = tolerance
    aboveQualified = context.itemFindings(.activeWithinQualified)
    percent = context.itemFindings(.usagePercentAgrees)
  }

  mutating func check(_ index: Int, _ item: ItemMembers) {
    guard let active = item.licensesActive?.pointee.numberValue,
      let qualified = item.licensesQualified?.pointee.numberValue
    else { return }
    if active > qualified {
      aboveQualified.add(
        pointer: "/items/\(index)/licensesActive",
        "item \(index) has licensesActive \(active) above licensesQualified \(qualified)")
    }
    // With nothing qualified there is no ratio to agree with; counts past Int64 are no
    // licence counts, and the schema says so.
    guard let active = active.int64Value, let qualified = qualified.int64Value, qualified > 0,
      let percent = item.usagePercent?.pointee.numberValue
    else { return }
    let expected = Double(active) / Double(qualified) * 100
    if !(abs(percent.doubleValue - expected) <= tolerance) {
      self.percent.add(
        pointer: "/items/\(index)/usagePercent",
        "item \(index) has usagePercent \(percent) but licensesActive \(active) of licensesQualified \(qualified) is \(Self.percentage(active, of: qualified))% (tolerance \(JSONNumber(tolerance)) points)"
      )
    }
  }

  /// `part / whole * 100` rounded half away from zero to two decimals, computed exactly in
  /// 128-bit integers (any `Int64` counts fit), as `-300.00` or `33.33`.
  static func percentage(_ part: Int64, of whole: Int64) -> String {
    let numerator = Int128(part) * 10_000
    let denominator = Int128(whole)
    var hundredths = numerator / denominator
    let remainder = numerator % denominator
    if (remainder.magnitude * 2) >= denominator.magnitude {
      hundredths += (numerator < 0) != (denominator < 0) ? -1 : 1
    }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = hundredths.magnitude
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
  }
}

/// `rule.processed-not-in-future` and `rule.leap-second-day`.
private struct DateRule {
  let now: Double
  let grace: Double
  var future: ItemFindings
  var leapSecond: ItemFindings

  init(now: Double, grace: Double, _ context: RuleContext) {
    self.now = now
    self.grace = grace
    future = context.itemFindings(.processedNotInFuture)
    leapSecond = context.itemFindings(.leapSecondDay)
  }

  mutating func check(_ index: Int, _ item: ItemMembers) {
    guard let pointer = item.processedDateTime, case .string(let text) = pointer.pointee,
      let seconds = RFC3339.secondsSince1970(text)
    else { return }
    if seconds > now + grace {
      future.add(
        pointer: "/items/\(index)/processedDateTime",
        "item \(index) was processed at \(text), after now (\(RFC3339.format(now)))")
    }
    if let day = RFC3339.leapSecondDayWithoutOne(text, seconds: seconds) {
      leapSecond.add(
        pointer: "/items/\(index)/processedDateTime",
        "item \(index) was processed at \(text), a leap second on \(day), a day that had none (the IERS list of leap seconds ends 2016-12-31)"
      )
    }
  }
}
