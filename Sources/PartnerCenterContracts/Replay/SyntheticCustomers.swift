import JSONCore

/// Generated customers for scale tests (`--synthesize N`): ids and schema-valid
/// `CustomerLicensesUsageInsights` collections, both derived from the seed and the customer's
/// index, so customer 7 is the same on every run and nothing is generated until asked for.
public struct SyntheticCustomers: Sendable {
  /// How many customers.
  public var count: Int
  /// The seed.
  public var seed: UInt64

  /// `count` customers from `seed`.
  public init(count: Int, seed: UInt64) {
    self.count = max(0, count)
    self.seed = seed
  }

  private static let products: [(product: String, workload: String, service: String)] = [
    ("OFFICE 365 BUSINESS ESSENTIALS", "Exchange", "o365"),
    ("OFFICE 365 BUSINESS PREMIUM", "SharePoint", "o365"),
    ("OFFICE 365 E3", "Skype For Business", "o365"),
    ("MICROSOFT 365 BUSINESS STANDARD", "Exchange", "Microsoft 365"),
    ("DYNAMICS 365 SALES", "Microsoft Dynamics CRM", "crm"),
    ("OFFICE 365 E1", "Yammer", "o365"),
  ]
  private static let nameParts = [
    "Contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip", "Litware", "Adatum", "Proseware",
    "Woodgrove", "Lucerne",
  ]
  private static let nameSuffixes = ["Ltd", "Inc", "GmbH", "Traders", "Systems", "Group"]

  /// The id of customer `index` (a GUID).
  public func id(at index: Int) -> String {
    var random = ReplayRandom(seed: seed, stream: UInt64(index) &* 2 &+ 1)
    return random.guid()
  }

  /// The company name of customer `index`.
  public func name(at index: Int) -> String {
    var random = ReplayRandom(seed: seed, stream: UInt64(index) &* 2 &+ 2)
    return "\(random.pick(Self.nameParts)) \(random.pick(Self.nameSuffixes)) \(index + 1)"
  }

  /// The licenses-usage collection of customer `index`: one to six items.
  public func body(at index: Int) -> JSONValue {
    var random = ReplayRandom(seed: seed &+ 0x5EED, stream: UInt64(index))
    let name = self.name(at: index)
    let day = 1 + random.below(28)
    let date = "2017-03-\(day < 10 ? "0" : "")\(day)T00:00:00+00:00"
    let itemCount = 1 + random.below(Self.products.count)
    let start = random.below(Self.products.count)
    var items: [JSONValue] = []
    for offset in 0..<itemCount {
      let product = Self.products[(start + offset) % Self.products.count]
      let qualified = random.below(500)
      let active = qualified == 0 ? 0 : random.below(qualified + 1)
      let hundredths = qualified == 0 ? 0 : (active * 10000 + qualified / 2) / qualified
      var item = JSONObject()
      item["customerName"] = .string(name)
      item["productName"] = .string(product.product)
      item["licensesActive"] = .number(JSONNumber(active))
      item["licensesQualified"] = .number(JSONNumber(qualified))
      item["usagePercent"] = .number(Self.hundredths(hundredths))
      item["workloadName"] = .string(product.workload)
      item["processedDateTime"] = .string(date)
      item["serviceName"] = .string(product.service)
      item["channel"] = .string("reseller")
      item["attributes"] = ["objectType": .string("CustomerLicensesUsageInsights")]
      items.append(.object(item))
    }
    return Self.collection(items)
  }

  /// The partner-level collection over these customers: one `PartnerLicensesUsageInsights`
  /// item per workload and service, with the share of customers' licences in use, so a replay
  /// of synthesized customers answers the partner endpoint too.
  public func partnerBody() -> JSONValue {
    var random = ReplayRandom(seed: seed &+ 0xA11, stream: 0)
    var seen: Set<String> = []
    var items: [JSONValue] = []
    for product in Self.products where seen.insert(product.workload + product.service).inserted {
      var item = JSONObject()
      item["workloadName"] = .string(product.workload)
      item["serviceName"] = .string(product.service)
      item["channel"] = .string("reseller")
      item["proratedLicensesUsagePercent"] = .number(Self.hundredths(random.below(10_001)))
      item["processedDateTime"] = .string("2017-03-10T00:00:00+00:00")
      item["attributes"] = ["objectType": .string("PartnerLicensesUsageInsights")]
      items.append(.object(item))
    }
    return Self.collection(items)
  }

  /// A number with two decimals, written exactly (`26.16`, not `26.159999`).
  static func hundredths(_ value: Int) -> JSONNumber {
    let fraction = value % 100
    let text = "\(value / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    return JSONNumber(text: text) ?? JSONNumber(value / 100)
  }

  /// The Collection envelope around `items`.
  static func collection(_ items: [JSONValue]) -> JSONValue {
    var object = JSONObject()
    object["totalCount"] = .number(JSONNumber(items.count))
    object["items"] = .array(items)
    object["attributes"] = ["objectType": .string("Collection")]
    return .object(object)
  }
}
