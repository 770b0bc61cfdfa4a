import JSONCore

/// What makes an item of a licenses-usage collection itself: the member names whose values,
/// together, no two items of one response share. The drift engine matches items by it.
public struct ItemIdentity: Sendable, Hashable {
  /// The member names, in order.
  public var keys: [String] {
    didSet { fields = keys.map(MemberName.init) }
  }

  /// The keys with their hashes, for look-ups in many items; worked out once per identity, not
  /// per response.
  private(set) var fields: [MemberName]

  /// An identity made of `keys`.
  public init(keys: [String]) {
    self.keys = keys
    fields = keys.map(MemberName.init)
  }

  /// Partner items: workload, service, channel, processing date.
  public static let partner = ItemIdentity(keys: [
    "workloadName", "serviceName", "channel", "processedDateTime",
  ])
  /// Customer items: product, workload, service, channel, processing date.
  public static let customer = ItemIdentity(keys: [
    "productName", "workloadName", "serviceName", "channel", "processedDateTime",
  ])

  /// The identity of the items of `endpoint`'s responses, for the analytics endpoints.
  public static func of(_ endpoint: EndpointID) -> ItemIdentity? {
    switch endpoint {
    case .partnerLicensesUsage: .partner
    case .customerLicensesUsage: .customer
    case .customerList: nil
    }
  }

  /// A hash of `item`'s identity (``WordHasher`` over the values' UTF-8, strings as they are,
  /// other values as compact JSON); items with the same identity have the same hash. Cheaper
  /// than `Hasher`, which matters at one call per item.
  static func hash(of item: JSONObject, _ fields: [MemberName]) -> UInt64 {
    var hasher = WordHasher()
    for field in fields { hasher.mix(identityMember: item[field]) }
    return hasher.value
  }

  /// Whether two items have the same identity (member values compared as JSON values).
  public func same(_ lhs: JSONObject, _ rhs: JSONObject) -> Bool {
    ItemIdentity.same(lhs, rhs, fields)
  }

  static func same(_ lhs: JSONObject, _ rhs: JSONObject, _ fields: [MemberName]) -> Bool {
    fields.allSatisfy { lhs[$0] == rhs[$0] }
  }

  /// The identity as a person reads it: `workloadName "Exchange", serviceName "o365", ...`.
  public func describe(_ item: JSONValue) -> String {
    keys.map { key in "\(key) " + (item[key].map { JSONWriter.compact($0) } ?? "(missing)") }
      .joined(separator: ", ")
  }
}
