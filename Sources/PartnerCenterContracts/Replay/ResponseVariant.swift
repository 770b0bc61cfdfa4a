import JSONCore

/// A customer whose response is an edge case of the contract: valid but awkward (an SDK must
/// accept it) or contract-breaking (an SDK must report it, not crash). Served by replay with
/// `--variants` and `--variants invalid`.
public struct ResponseVariant: Sendable, Hashable, CustomStringConvertible {
  /// Whether the response keeps the contract.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Valid but awkward.
    case valid
    /// Breaks the contract.
    case invalid
  }

  /// The customer id that serves the variant (a fixed GUID).
  public var customerID: String
  /// A short stable name, `percent-bounds`.
  public var name: String
  /// Valid or invalid.
  public var kind: Kind
  /// One line: what is awkward or broken about it.
  public var summary: String
  /// The status.
  public var status: Int
  /// The body bytes exactly as served.
  public var body: [UInt8]
  /// The `Content-Type`.
  public var contentType: String

  public var description: String { "\(kind.rawValue) variant \(name)" }

  /// Every variant of `kind`, in a stable order.
  public static func all(_ kind: Kind) -> [ResponseVariant] {
    kind == .valid ? validVariants : invalidVariants
  }

  /// The response as a recording's response, for checking it like a captured one.
  public var recordedResponse: RecordedResponse {
    RecordedResponse(status: status, headers: ["Content-Type": contentType], bodyBytes: body)
  }

  private init(
    index: Int, kind: Kind, name: String, summary: String, status: Int = 200,
    body: [UInt8], contentType: String = "application/json; charset=utf-8"
  ) {
    let digits = String(index + (kind == .valid ? 0 : 100))
    customerID =
      "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count)
      + digits
    self.name = name
    self.kind = kind
    self.summary = summary
    self.status = status
    self.body = body
    self.contentType = contentType
  }

  private init(
    index: Int, kind: Kind, name: String, summary: String, items: [JSONObject],
    edit: (inout JSONObject) -> Void = { _ in }
  ) {
    var envelope = JSONObject()
    envelope["totalCount"] = .number(JSONNumber(items.count))
    envelope["items"] = .array(items.map { .object($0) })
    envelope["attributes"] = ["objectType": "Collection"]
    edit(&envelope)
    self.init(
      index: index, kind: kind, name: name, summary: summary,
      body: JSONWriter.compactBytes(.object(envelope)))
  }

  /// A valid item with the fields of the documentation example, edited by `edit`.
  private static func item(_ edit: (inout JSONObject) -> Void = { _ in }) -> JSONObject {
    var item = JSONObject()
    item["customerName"] = "Contoso Ltd"
    item["productName"] = "OFFICE 365 BUSINESS ESSENTIALS"
    item["licensesActive"] = .number(JSONNumber(20))
    item["licensesQualified"] = .number(JSONNumber(25))
    item["usagePercent"] = .number(JSONNumber(80))
    item["workloadName"] = "Exchange"
    item["processedDateTime"] = "2017-03-10T00:00:00+00:00"
    item["serviceName"] = "o365"
    item["channel"] = "reseller"
    item["attributes"] = ["objectType": "CustomerLicensesUsageInsights"]
    edit(&item)
    return item
  }

  /// Counts for a second item of another product (two items of one product would repeat the
  /// item's identity, which the contract forbids).
  private static func counts(
    _ active: Int64, _ qualified: Int64, _ percent: Int, product: String? = nil
  ) -> (inout JSONObject) -> Void {
    {
      if let product { $0["productName"] = .string(product) }
      $0["licensesActive"] = .number(JSONNumber(active))
      $0["licensesQualified"] = .number(JSONNumber(qualified))
      $0["usagePercent"] = .number(JSONNumber(percent))
    }
  }

  private static let validVariants: [ResponseVariant] = {
    let twoTo53 = Int64(1) << 53
    let long = String(repeating: "Very Long Customer Name ", count: 200)
    var list: [ResponseVariant] = [
      .init(
        index: 1, kind: .valid, name: "optional-fields-present",
        summary: "customerId, workloadCode and serviceCode present",
        items: [
          item {
            $0["customerId"] = "00000000-0000-4000-8000-000000000001"
            $0["workloadCode"] = "EXO"
            $0["serviceCode"] = "O365"
          }
        ]),
      .init(
        index: 2, kind: .valid, name: "optional-fields-absent",
        summary: "only the fields of the documentation example", items: [item()]),
      .init(
        index: 3, kind: .valid, name: "undocumented-fields",
        summary: "extra fields in the envelope, the items and their attributes",
        items: [
          item {
            $0["licensesAssigned"] = .number(JSONNumber(22))
            $0["region"] = "EU"
            $0["attributes"] = [
              "objectType": "CustomerLicensesUsageInsights", "etag": "\"0x8D4\"",
            ]
          }
        ],
        edit: { $0["generatedBy"] = "analytics-v2" }),
      .init(
        index: 4, kind: .valid, name: "percent-bounds", summary: "usagePercent 0 and 100",
        items: [item(counts(0, 10, 0)), item(counts(10, 10, 100, product: "OFFICE 365 E3"))]),
      .init(
        index: 5, kind: .valid, name: "count-bounds",
        summary: "license counts 0 and 2^53 (9007199254740992)",
        items: [
          item(counts(0, 0, 0)), item(counts(twoTo53, twoTo53, 100, product: "OFFICE 365 E3")),
        ]),
      .init(
        index: 6, kind: .valid, name: "date-utc-z",
        summary: "processedDateTime ending in Z",
        items: [item { $0["processedDateTime"] = "2017-03-10T00:00:00Z" }]),
      .init(
        index: 7, kind: .valid, name: "date-offset",
        summary: "processedDateTime with a numeric offset",
        items: [item { $0["processedDateTime"] = "2017-03-10T00:00:00-00:00" }]),
      .init(
        index: 8, kind: .valid, name: "date-fractional-seconds",
        summary: "processedDateTime with seven fractional digits",
        items: [item { $0["processedDateTime"] = "2017-03-10T00:00:00.1234567Z" }]),
      .init(
        index: 9, kind: .valid, name: "empty-collection", summary: "no items, totalCount 0",
        items: []),
      .init(
        index: 10, kind: .valid, name: "unicode-names",
        summary: "names with accents, CJK, right-to-left text and an emoji",
        items: [
          item {
            $0["customerName"] = "Société Générale 株式会社 شركة 🚀"
            $0["productName"] = "OFFICE 365 ÉDITION ENTREPRISE"
          }
        ]),
      .init(
        index: 11, kind: .valid, name: "long-names",
        summary: "a 4,800-character customer name",
        items: [item { $0["customerName"] = .string(long) }]),
    ]
    var bom = ResponseVariant(
      index: 12, kind: .valid, name: "byte-order-mark",
      summary: "the body starts with a UTF-8 byte-order mark", items: [item()])
    bom.body = [0xEF, 0xBB, 0xBF] + bom.body
    list.append(bom)
    return list
  }()

  private static let invalidVariants: [ResponseVariant] = {
    let valid = JSONWriter.compactBytes(SyntheticCustomers.collection([.object(item())]))
    return [
      .init(
        index: 1, kind: .invalid, name: "missing-required-field",
        summary: "items without usagePercent",
        items: [item { $0["usagePercent"] = nil }]),
      .init(
        index: 2, kind: .invalid, name: "count-as-string",
        summary: "licensesActive is the string \"20\"",
        items: [item { $0["licensesActive"] = "20" }]),
      .init(
        index: 3, kind: .invalid, name: "negative-count", summary: "licensesActive is -1",
        items: [item { $0["licensesActive"] = .number(JSONNumber(-1)) }]),
      .init(
        index: 4, kind: .invalid, name: "percent-out-of-range", summary: "usagePercent is 140.5",
        items: [item { $0["usagePercent"] = .number(JSONNumber(140.5)) }]),
      .init(
        index: 5, kind: .invalid, name: "malformed-date",
        summary: "processedDateTime is 03/10/2017 00:00:00",
        items: [item { $0["processedDateTime"] = "03/10/2017 00:00:00" }]),
      .init(
        index: 6, kind: .invalid, name: "wrong-object-type",
        summary: "items say they are PartnerLicensesUsageInsights",
        items: [item { $0["attributes"] = ["objectType": "PartnerLicensesUsageInsights"] }]),
      .init(
        index: 7, kind: .invalid, name: "invalid-customer-id", summary: "customerId is not a GUID",
        items: [item { $0["customerId"] = "not-a-guid" }]),
      .init(
        index: 8, kind: .invalid, name: "items-not-array", summary: "items is an object",
        items: [], edit: { $0["items"] = .object(JSONObject()) }),
      .init(
        index: 9, kind: .invalid, name: "null-item", summary: "items holds null",
        items: [], edit: { $0["items"] = [nil] }),
      .init(
        index: 10, kind: .invalid, name: "fractional-count", summary: "licensesQualified is 25.5",
        items: [item { $0["licensesQualified"] = .number(JSONNumber(25.5)) }]),
      .init(
        index: 11, kind: .invalid, name: "html-body",
        summary: "status 200 with an HTML error page",
        body: Array("<html><body><h1>Service Unavailable</h1></body></html>".utf8),
        contentType: "text/html; charset=utf-8"),
      .init(
        index: 12, kind: .invalid, name: "truncated-json", summary: "the body stops mid-document",
        body: Array(valid.prefix(valid.count / 2))),
    ]
  }()
}
