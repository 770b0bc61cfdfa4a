import Foundation
import JSONCore

/// What the rules look at: the response, the endpoint, and which analytics items the body
/// holds (nil for an error response or a body that is not a licenses-usage collection, which
/// turns the item rules off).
public struct RuleInput: Sendable {
  /// The response.
  public var response: ResponseUnderTest
  /// The endpoint, when known from the URL or detected from the body.
  public var endpoint: Endpoint?
  /// The endpoint whose items the body holds, when it is a licenses-usage collection.
  public var itemType: EndpointID?

  /// Creates a rule input.
  public init(response: ResponseUnderTest, endpoint: Endpoint?, itemType: EndpointID?) {
    self.response = response
    self.endpoint = endpoint
    self.itemType = itemType
  }
}

/// The rules a schema cannot say (``ContractRule/all``), with their settings. Every rule is
/// linear in the number of items.
public struct ContractRules: Sendable {
  /// The time `processedDateTime` must not be after, in seconds since 1970 (a parameter so that
  /// tests are deterministic).
  public var now: Date
  /// How far in the future `processedDateTime` may be before it is reported, for clock skew
  /// between the service and this machine: 5 minutes.
  public var futureGrace: TimeInterval = 300
  /// The largest difference, in percentage points, between `usagePercent` and
  /// `licensesActive / licensesQualified * 100` that is not reported: 0.5, which accepts the
  /// value rounded to a whole percent (the docs call it "adjusted", and show two decimals).
  public var usagePercentTolerance = 0.5
  /// The identity of partner items.
  public var partnerIdentity = ItemIdentity.partner
  /// The identity of customer items.
  public var customerIdentity = ItemIdentity.customer
  /// The most findings one per-item rule reports for one response; the rest are summed up in
  /// one more finding.
  public var findingsPerRule = 100
  /// Rules not to check, by id.
  public var disabled: Set<String> = []

  /// Rules judging dates against `now`.
  public init(now: Date = Date()) { self.now = now }

  /// The identity of `itemType`'s items under these settings.
  public func identity(of itemType: EndpointID) -> ItemIdentity? {
    switch itemType {
    case .partnerLicensesUsage: partnerIdentity
    case .customerLicensesUsage: customerIdentity
    case .customerList: nil
    }
  }

  /// Every breach in `input`, each with `subject`.
  public func check(_ input: RuleInput, subject: String?) -> [Finding] {
    var findings: [Finding] = []
    let context = RuleContext(rules: self, input: input, subject: subject)
    context.checkDuplicateMembers(into: &findings)
    context.checkHeaders(into: &findings)
    if input.itemType != nil { context.checkCollection(into: &findings) }
    return findings.filter { !disabled.contains($0.expectation ?? "") }
  }
}

/// One check's state: the settings, the input and the subject of its findings.
struct RuleContext {
  var rules: ContractRules
  var input: RuleInput
  var subject: String?

  var body: JSONValue? { input.response.body }
  var items: [JSONValue] { body?["items"]?.arrayValue ?? [] }

  func itemFindings(_ rule: ContractRule) -> ItemFindings {
    ItemFindings(rule, limit: rules.findingsPerRule, subject: subject)
  }

  func breach(
    _ rule: ContractRule, _ message: String, part: MessagePart = .responseBody,
    pointer: JSONPointer = .root
  ) -> Finding {
    rule.finding(message, part: part, pointer: pointer, subject: subject)
  }

  /// One finding per repeated name in an object, with how often it repeats, at its first
  /// repetition; past ``duplicateNameLimit`` names, one finding counts the rest. A body that
  /// repeats one name a million times costs one line, not a million.
  func checkDuplicateMembers(into findings: inout [Finding]) {
    struct Repeated {
      var pointer: JSONPointer
      var key: String
      var count: Int
    }
    var order: [Repeated] = []
    var index: [JSONPointer: Int] = [:]
    var last = -1
    for duplicate in input.response.duplicateMembers {
      // Repeats of one name usually follow each other: count them without a lookup.
      if last >= 0, order[last].key == duplicate.key,
        order[last].pointer.parent == duplicate.objectPointer
      {
        order[last].count += 1
        continue
      }
      let pointer = duplicate.objectPointer.appending(duplicate.key)
      if let known = index[pointer] {
        order[known].count += 1
        last = known
      } else {
        index[pointer] = order.count
        last = order.count
        order.append(Repeated(pointer: pointer, key: duplicate.key, count: 1))
      }
    }
    for repeated in order.prefix(Self.duplicateNameLimit) {
      let times = repeated.count + 1
      findings.append(
        breach(
          .duplicateMember,
          "member name \(MessageValue.quoted(repeated.key)) occurs \(times) times in one object; JSON readers disagree on which value wins",
          pointer: repeated.pointer))
    }
    if order.count > Self.duplicateNameLimit {
      let rest = order.count - Self.duplicateNameLimit
      findings.append(
        breach(
          .duplicateMember,
          "\(Plural.counted(rest, "more repeated member name")) (only the first \(Self.duplicateNameLimit) are reported)"
        ))
    }
  }

  /// The most repeated member names reported one by one.
  static let duplicateNameLimit = 100
}
