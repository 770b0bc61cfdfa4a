import JSONCore

/// What makes an item of a licenses-usage collection itself: the member names whose values,
/// together, no two items of one response share. The drift engine matches items by it.
public struct ItemIdentity: Sendable, Hashable {
  /// The member names, in order.
  public var keys: [String]

  /// An identity made of `keys`.
  public init(keys: [String]) { self.keys = keys }

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

  /// The item's identity values (a missing member is `nil`), or nil when `item` is not an object.
  public func values(of item: JSONValue) -> [JSONValue?]? {
    guard case .object(let object) = item else { return nil }
    return keys.map { object[$0] }
  }

  /// The identity as a person reads it: `workloadName "Exchange", serviceName "o365", ...`.
  public func describe(_ item: JSONValue) -> String {
    keys.map { key in "\(key) " + (item[key].map { JSONWriter.compact($0) } ?? "(missing)") }
      .joined(separator: ", ")
  }
}
