import JSONCore

/// A rule a schema cannot say: its id, how much a breach matters, and what it expects.
///
/// A breach is a ``Finding`` of kind `rule.<id>` whose expectation is the id.
public struct ContractRule: Sendable, Hashable {
  /// The stable id, `total-count`.
  public let id: String
  /// The severity of a breach.
  public let severity: Severity
  /// One sentence: what the rule expects.
  public let summary: String
  /// The finding kind of a breach, `rule.total-count`, which explains the rule.
  public let kind: FindingKind

  /// Declares a rule.
  public init(id: String, severity: Severity, summary: String) {
    self.id = id
    self.severity = severity
    self.summary = summary
    kind = FindingKind(
      "rule." + id, [severity], "Contract rule: \(id)",
      "The response breaks a contract rule that a schema cannot express: " + summary
        + ". A client that relies on it computes wrong figures.")
  }

  /// A breach of this rule.
  func finding(
    _ message: String, part: MessagePart = .responseBody, pointer: JSONPointer = .root,
    subject: String?
  ) -> Finding {
    Finding(
      severity: severity, kind: kind, message: message, part: part, pointer: pointer,
      expectation: id, subject: subject)
  }
}

extension ContractRule {
  /// `totalCount` equals the number of items, unless the page has a `next` link.
  public static let totalCount = ContractRule(
    id: "total-count", severity: .error,
    summary: "totalCount equals the number of items (unless the page has a next link)")
  /// Every item's `attributes.objectType` is the type the endpoint promises.
  public static let itemObjectType = ContractRule(
    id: "item-object-type", severity: .error,
    summary: "every item's attributes.objectType is the type the endpoint promises")
  /// On a customer endpoint, an item's `customerId` is the customer of the request URL.
  public static let customerID = ContractRule(
    id: "customer-id", severity: .error,
    summary: "on a customer endpoint, every item's customerId is the customer id of the URL")
  /// All items of a customer collection name one customer.
  public static let oneCustomer = ContractRule(
    id: "one-customer", severity: .error,
    summary: "all items of a customer collection name one customer")
  /// No two items share an identity (``ItemIdentity``).
  public static let uniqueIdentity = ContractRule(
    id: "unique-identity", severity: .error,
    summary: "no two items share an identity (the endpoint's identity keys)")
  /// `licensesActive <= licensesQualified`.
  public static let activeWithinQualified = ContractRule(
    id: "active-within-qualified", severity: .warning,
    summary: "licensesActive is at most licensesQualified")
  /// `usagePercent` agrees with `licensesActive / licensesQualified * 100`.
  public static let usagePercentAgrees = ContractRule(
    id: "usage-percent-agrees", severity: .warning,
    summary: "usagePercent agrees with licensesActive / licensesQualified * 100 within a tolerance")
  /// `processedDateTime` is not in the future.
  public static let processedNotInFuture = ContractRule(
    id: "processed-not-in-future", severity: .error,
    summary: "processedDateTime is not in the future")
  /// A leap second (`23:59:60` UTC) in `processedDateTime` is on a day that had one.
  public static let leapSecondDay = ContractRule(
    id: "leap-second-day", severity: .warning,
    summary:
      "a processedDateTime at 23:59:60 UTC is on a day that had a leap second (the IERS list, which ends 2016-12-31)"
  )
  /// `MS-RequestId` and `MS-CorrelationId` in the response are GUIDs.
  public static let trackingHeaderGUID = ContractRule(
    id: "tracking-header-guid", severity: .error,
    summary: "MS-RequestId and MS-CorrelationId, when present in the response, are GUIDs")
  /// `MS-RequestId` and `MS-CorrelationId` in the response echo the request's.
  public static let trackingHeaderEcho = ContractRule(
    id: "tracking-header-echo", severity: .error,
    summary: "MS-RequestId and MS-CorrelationId in the response echo the request's")
  /// `Content-Type` is JSON.
  public static let contentTypeJSON = ContractRule(
    id: "content-type-json", severity: .error,
    summary: "the response Content-Type is JSON (application/json)")
  /// No object of the body repeats a member name.
  public static let duplicateMember = ContractRule(
    id: "duplicate-member", severity: .error,
    summary: "no object of the body repeats a member name")

  /// Every rule, in the order they are checked.
  public static let all: [ContractRule] = [
    .totalCount, .itemObjectType, .customerID, .oneCustomer, .uniqueIdentity,
    .activeWithinQualified, .usagePercentAgrees, .processedNotInFuture, .leapSecondDay,
    .trackingHeaderGUID,
    .trackingHeaderEcho, .contentTypeJSON, .duplicateMember,
  ]
}

/// The findings of one per-item rule in one response, at most ``limit`` of them: past it, the
/// rest are counted and reported as one summary finding, so that a response where every item
/// breaks a rule costs (and prints) little more than one where a few do.
struct ItemFindings {
  let rule: ContractRule
  let limit: Int
  let subject: String?
  private(set) var findings: [Finding] = []
  private var omitted = 0
  private var firstOmitted = ""

  init(_ rule: ContractRule, limit: Int, subject: String?) {
    self.rule = rule
    self.limit = limit
    self.subject = subject
  }

  /// Records a breach; the pointer and message are only built when it is reported.
  mutating func add(
    pointer: @autoclosure () -> JSONPointer, _ message: @autoclosure () -> String
  ) {
    if findings.count < limit {
      findings.append(rule.finding(message(), pointer: pointer(), subject: subject))
    } else {
      if omitted == 0 { firstOmitted = pointer().description }
      omitted += 1
    }
  }

  /// The findings, with the summary of the omitted ones last.
  func finish(into all: inout [Finding]) {
    all += findings
    guard omitted > 0 else { return }
    all.append(
      rule.finding(
        "\(Plural.counted(omitted, "more item")) \(omitted == 1 ? "breaks" : "break") this rule (only the first \(limit) are reported; the next is \(firstOmitted))",
        pointer: "/items", subject: subject))
  }
}
