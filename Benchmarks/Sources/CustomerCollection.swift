import Foundation
import PartnerCenterContracts

/// A deterministic generator of a Partner Center customer licenses-usage collection:
/// `{"totalCount":N,"items":[...],"attributes":{"objectType":"Collection"}}`.
///
/// The same seed and options always give the same bytes. A few items are planted invalid so
/// that validation benchmarks have findings to report; ``plantedDefects`` lists them.
///
/// By default the items mix customers and repeat identities (the core's figures are measured
/// on that); with ``oneCustomer`` the collection is what a customer endpoint returns: one
/// customer id, and every item a distinct identity (product, workload, service, channel,
/// processing date), the dates running back from 2017-03-10 a day per 20 items.
struct CustomerCollection {
  /// How the text is laid out.
  enum Layout: String {
    /// No whitespace.
    case compact
    /// Two-space indentation, one member per line.
    case pretty
  }

  /// One deliberately invalid item.
  struct Defect {
    var index: Int
    var description: String
  }

  var itemCount = 200_000
  var seed: UInt64 = 0x5EED_2017
  var layout = Layout.compact
  /// One customer and distinct item identities, as a real response has.
  var oneCustomer = false

  /// The items that are planted invalid: two of each kind, spread through the collection.
  var plantedDefects: [Defect] {
    let kinds = [
      "usagePercent 140.5", "missing customerName", "processedDateTime 2017-02-30",
      "customerId not a GUID", "licensesActive as a string",
    ]
    var defects: [Defect] = []
    for (kindIndex, kind) in kinds.enumerated() {
      for copy in 0..<2 {
        let fraction = Double(kindIndex * 2 + copy + 1) / Double(kinds.count * 2 + 1)
        let index = min(itemCount - 1, Int(Double(itemCount) * fraction))
        if index >= 0 { defects.append(Defect(index: index, description: kind)) }
      }
    }
    return defects
  }

  /// The UTF-8 text of the collection.
  func generate() -> [UInt8] {
    var writer = Writer(layout: layout)
    writer.bytes.reserveCapacity(itemCount * (layout == .compact ? 400 : 520) + 200)
    var random = SplitMix64(seed: seed)
    // Drawn only for one customer, so that the mixed collection stays the bytes it was.
    let customer =
      oneCustomer ? (id: guid(&random), number: Int(random.next() % 10_000)) : (id: "", number: 0)
    var defectKinds: [Int: Int] = [:]
    for (position, defect) in plantedDefects.enumerated() {
      defectKinds[defect.index] = position / 2
    }

    writer.open("{")
    writer.member("totalCount", first: true)
    writer.raw(String(itemCount))
    writer.member("items")
    writer.open("[")
    for index in 0..<itemCount {
      if index > 0 { writer.raw(",") }
      writer.newline()
      writeItem(&writer, &random, index: index, customer: customer, defect: defectKinds[index])
    }
    writer.close("]")
    writer.member("attributes")
    writer.open("{")
    writer.member("objectType", first: true)
    writer.string("Collection")
    writer.close("}")
    writer.close("}")
    return writer.bytes
  }

  private static let products: [(name: String, workloads: [(code: String, name: String)])] = [
    ("OFFICE 365 BUSINESS ESSENTIALS", [("EXO", "Exchange"), ("SPO", "SharePoint")]),
    ("OFFICE 365 E3", [("EXO", "Exchange"), ("SPO", "SharePoint"), ("ODB", "OneDrive")]),
    ("MICROSOFT 365 BUSINESS PREMIUM", [("TEAMS", "Teams"), ("EXO", "Exchange")]),
    ("EXCHANGE ONLINE (PLAN 1)", [("EXO", "Exchange")]),
    ("ENTERPRISE MOBILITY + SECURITY E3", [("INTUNE", "Intune"), ("AADP", "Azure AD Premium")]),
  ]

  /// Every product with one of its workloads: with two channels, 20 identities a day.
  private static let pairs = products.flatMap { product in
    product.workloads.map { (product: product.name, workload: $0) }
  }

  private func writeItem(
    _ writer: inout Writer, _ random: inout SplitMix64, index: Int,
    customer: (id: String, number: Int), defect: Int?
  ) {
    let productName: String
    let workload: (code: String, name: String)
    var channel: String?
    var date: String?
    if oneCustomer {
      let identities = Self.pairs.count * 2
      (productName, workload) = Self.pairs[index % identities / 2]
      channel = index % 2 == 0 ? "reseller" : "direct"
      // 2017-03-10 is day 17235 after 1970-01-01; each day back holds the next 20 items.
      date = UTCDate(Date(timeIntervalSince1970: Double(17_235 - index / identities) * 86_400)).day
    } else {
      let product = Self.products[Int(random.next() % UInt64(Self.products.count))]
      productName = product.name
      workload = product.workloads[Int(random.next() % UInt64(product.workloads.count))]
    }
    let qualified = 5 + Int(random.next() % 500)
    let active = Int(random.next() % UInt64(qualified + 1))
    if date == nil {
      let month = 1 + Int(random.next() % 12)
      let day = 1 + Int(random.next() % 28)
      date = "2017-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }
    var customerNumber = customer.number
    var customerID = customer.id
    if !oneCustomer {
      customerNumber = Int(random.next() % 10_000)
      if defect != 3 { customerID = guid(&random) }
    }

    writer.open("{")
    writer.member("customerId", first: true)
    writer.string(defect == 3 ? "contoso-\(customerNumber)" : customerID)
    if defect != 1 {
      writer.member("customerName")
      writer.string("Contoso \(customerNumber)")
    }
    writer.member("productName")
    writer.string(productName)
    writer.member("licensesActive")
    if defect == 4 { writer.string(String(active)) } else { writer.raw(String(active)) }
    writer.member("licensesQualified")
    writer.raw(String(qualified))
    writer.member("usagePercent")
    writer.raw(defect == 0 ? "140.5" : percentText(active: active, qualified: qualified))
    writer.member("workloadCode")
    writer.string(workload.code)
    writer.member("workloadName")
    writer.string(workload.name)
    writer.member("serviceCode")
    writer.string("O365")
    writer.member("serviceName")
    writer.string("o365")
    writer.member("channel")
    writer.string(channel ?? (random.next() % 4 == 0 ? "direct" : "reseller"))
    writer.member("processedDateTime")
    writer.string(
      defect == 2
        ? "2017-02-30T00:00:00+00:00" : "\(date ?? "")T00:00:00+00:00")
    writer.member("attributes")
    writer.open("{")
    writer.member("objectType", first: true)
    writer.string("CustomerLicensesUsageInsights")
    writer.close("}")
    writer.close("}")
  }

  /// `active / qualified` as a percentage with at most two decimals, rounded half up.
  private func percentText(active: Int, qualified: Int) -> String {
    let hundredths = (active * 10_000 * 2 + qualified) / (qualified * 2)
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return String(whole) }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
    return "\(whole).\(Self.twoDigits(fraction))"
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : String(value)
  }

  private func guid(_ random: inout SplitMix64) -> String {
    let hex = Array("0123456789abcdef".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(36)
    var bits = random.next()
    for position in 0..<32 {
      if position == 8 || position == 12 || position == 16 || position == 20 {
        bytes.append(UInt8(ascii: "-"))
      }
      if position == 16 { bits = random.next() }
      bytes.append(hex[Int(bits & 0xF)])
      bits >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Appends JSON text in either layout.
private struct Writer {
  let layout: CustomerCollection.Layout
  var bytes: [UInt8] = []
  var depth = 0

  mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: text.utf8)
    bytes.append(UInt8(ascii: "\""))
  }

  mutating func newline() {
    guard layout == .pretty else { return }
    bytes.append(0x0A)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
  }

  mutating func open(_ bracket: String) {
    raw(bracket)
    depth += 1
  }

  mutating func close(_ bracket: String) {
    depth -= 1
    newline()
    raw(bracket)
  }

  mutating func member(_ name: String, first: Bool = false) {
    if !first { raw(",") }
    newline()
    string(name)
    raw(layout == .pretty ? ": " : ":")
  }
}

/// SplitMix64: a small, fast, seedable generator (Steele, Lea and Flood, 2014).
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
