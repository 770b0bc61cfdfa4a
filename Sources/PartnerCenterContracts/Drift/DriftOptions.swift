/// What the drift engine compares and ignores.
///
/// The defaults follow the Partner Center contract: identity keys per endpoint, the fields
/// that behave like enumerations, the declared 0-100 percentages, and the volatile headers.
public struct DriftOptions: Sendable {
  /// Response headers that change on every call and are never compared.
  public static let volatileHeaderNames = [
    "Date", "MS-CV", "MS-ServerId", "MS-RequestId", "MS-CorrelationId", "Request-Id",
    "X-Request-Id", "x-ms-request-id", "x-ms-correlation-request-id", "Age", "Expires",
    "Set-Cookie", "ETag", "Content-Length", "Retry-After",
  ]

  /// Patterns whose values are never compared (on top of the volatile headers).
  public var ignore: [PointerPattern]
  /// The member names that identify an item, per endpoint, for data drift.
  public var identityKeys: IdentityKeys
  /// Member names whose string values behave like an enumeration: a new value is a warning.
  public var enumLikeNames: Set<String>
  /// Paths (wildcarded, into the body) whose string values behave like an enumeration.
  public var enumLikePaths: Set<String>
  /// Declared ranges of numeric members, by member name: a value outside is breaking.
  public var declaredRanges: [String: ClosedRange<Double>]
  /// The schemas drift judges types against first (a value the declared type admits is no
  /// type change); nil to judge by the recordings alone.
  public var declaredSchemas: DeclaredSchemas?
  /// The most distinct values a field may have and still be treated as an enumeration.
  public var enumValueLimit: Int
  /// The most data-drift findings per recording; the rest are summed up in one finding.
  public var dataFindingLimit: Int

  /// The default options, with `ignore` patterns added.
  public init(ignore: [PointerPattern] = [], identityKeys: IdentityKeys = .default) {
    self.ignore = ignore
    self.identityKeys = identityKeys
    self.enumLikeNames = ["serviceName", "channel", "workloadName", "objectType"]
    self.enumLikePaths = []
    self.declaredRanges = [
      "usagePercent": 0...100, "proratedLicensesUsagePercent": 0...100,
      "licensesActive": 0...Double.greatestFiniteMagnitude,
      "licensesQualified": 0...Double.greatestFiniteMagnitude,
      "totalCount": 0...Double.greatestFiniteMagnitude,
    ]
    self.declaredSchemas = .embedded
    self.enumValueLimit = 64
    self.dataFindingLimit = 1000
  }

  /// Whether a value at `recordingPointer` (tokens into the recording file) is ignored.
  func isIgnored(recordingPointer tokens: [String]) -> Bool {
    ignore.contains { $0.matches(recordingPointer: tokens) }
  }
}

/// The ``ItemIdentity`` of each endpoint's items, for data drift: items of two responses with
/// the same identity values are the same item.
public struct IdentityKeys: Sendable, Hashable {
  /// The identity per endpoint id.
  public var identities: [EndpointID: ItemIdentity]

  /// Identities for the given endpoints.
  public init(_ identities: [EndpointID: ItemIdentity]) { self.identities = identities }

  /// The rules' identities (``ItemIdentity/of(_:)``), and `id` for the customer list.
  public static let `default` = IdentityKeys([
    .partnerLicensesUsage: .partner, .customerLicensesUsage: .customer,
    .customerList: ItemIdentity(keys: ["id"]),
  ])

  /// The key names for `endpoint`, or the customer items' when the endpoint is unknown.
  public func keys(for endpoint: EndpointID?) -> [String] {
    if let endpoint, let identity = identities[endpoint] { return identity.keys }
    return identities[.customerLicensesUsage]?.keys ?? []
  }
}
