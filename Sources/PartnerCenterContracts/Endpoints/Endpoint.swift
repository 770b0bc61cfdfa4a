/// An endpoint of the Partner Center API that the toolkit knows.
///
/// The two analytics endpoints are what the toolkit captures, validates, diffs and replays;
/// the customer list is only used to enumerate customer ids.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
  /// `GET {base}/v1/analytics/licenses/usage`: a Collection of `PartnerLicensesUsageInsights`.
  case partnerLicensesUsage
  /// `GET {base}/v1/customers/{id}/analytics/licenses/usage`: a Collection of
  /// `CustomerLicensesUsageInsights` for one customer. The id is kept as written in the URL.
  case customerLicensesUsage(customerID: String)
  /// `GET {base}/v1/customers?size=N`: a paged Collection of customers.
  case customerList

  /// The endpoint's id as recordings and reports name it.
  public var id: EndpointID {
    switch self {
    case .partnerLicensesUsage: .partnerLicensesUsage
    case .customerLicensesUsage: .customerLicensesUsage
    case .customerList: .customerList
    }
  }

  /// The customer id, for the customer endpoint.
  public var customerID: String? {
    if case .customerLicensesUsage(let customerID) = self { return customerID }
    return nil
  }

  /// What a finding about this endpoint is about: `partner-licenses-usage`, or
  /// `customer-licenses-usage/<customer id>`.
  public var subject: String {
    if let customerID { return "\(id.rawValue)/\(customerID)" }
    return id.rawValue
  }

  public var description: String { subject }

  /// The path below the base URL, starting with `/v1/`.
  public var path: String {
    switch self {
    case .partnerLicensesUsage: "/v1/analytics/licenses/usage"
    case .customerLicensesUsage(let customerID):
      "/v1/customers/\(customerID)/analytics/licenses/usage"
    case .customerList: "/v1/customers"
    }
  }

  /// The endpoint a URL or path names, or nil. Accepts an absolute URL (any host, any path
  /// prefix before `/v1/`, so a base URL with a path works) or a path; ignores the query and
  /// fragment and a trailing slash; compares path segments case-insensitively as the API does.
  public init?(url: String) {
    var text = Substring(url)
    if let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<end] }
    if let scheme = text.range(of: "://") {
      let afterScheme = text[scheme.upperBound...]
      guard let slash = afterScheme.firstIndex(of: "/") else { return nil }
      text = afterScheme[slash...]
    }
    var segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    guard let version = segments.lastIndex(where: { $0.lowercased() == "v1" }) else {
      return nil
    }
    segments.removeFirst(version + 1)
    let lowered = segments.map { $0.lowercased() }
    switch lowered.count {
    case 1 where lowered == ["customers"]:
      self = .customerList
    case 3 where lowered == ["analytics", "licenses", "usage"]:
      self = .partnerLicensesUsage
    case 5
    where lowered[0] == "customers" && Array(lowered[2...]) == ["analytics", "licenses", "usage"]:
      self = .customerLicensesUsage(customerID: segments[1])
    default:
      return nil
    }
  }

  /// The endpoint named by a recording's endpoint id and customer id.
  public init(id: EndpointID, customerID: String?) {
    switch id {
    case .partnerLicensesUsage: self = .partnerLicensesUsage
    case .customerLicensesUsage: self = .customerLicensesUsage(customerID: customerID ?? "")
    case .customerList: self = .customerList
    }
  }
}

/// The stable id of an endpoint, as written in recordings and reports.
public enum EndpointID: String, Sendable, Hashable, CaseIterable {
  /// The partner-level licenses usage endpoint.
  case partnerLicensesUsage = "partner-licenses-usage"
  /// The per-customer licenses usage endpoint.
  case customerLicensesUsage = "customer-licenses-usage"
  /// The customer list.
  case customerList = "customers"

  /// The `attributes.objectType` of the endpoint's items, for the analytics endpoints.
  public var itemObjectType: String? {
    switch self {
    case .partnerLicensesUsage: "PartnerLicensesUsageInsights"
    case .customerLicensesUsage: "CustomerLicensesUsageInsights"
    case .customerList: nil
    }
  }

  /// The declared schema of a successful response, by name in `schemas/` (without
  /// `.schema.json`), for the analytics endpoints.
  public var responseSchemaName: String? {
    switch self {
    case .partnerLicensesUsage: "partner-licenses-usage-response"
    case .customerLicensesUsage: "customer-licenses-usage-response"
    case .customerList: nil
    }
  }
}
