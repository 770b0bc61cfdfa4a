/// What sort of thing a finding is: a stable dotted id (`schema.required`, `rule.total-count`,
/// `drift.property-removed`) with what it means for people. Reports use the id as the rule id
/// (SARIF), accepted drift matches on it, and `rules`, `explain` and SARIF rule help print its
/// severities, title and explanation.
///
/// Every kind the tool makes is declared once, as a constant in `FindingKind+Declared.swift`,
/// or belongs to a declared family whose text it shares: `schema.<keyword>` and
/// `request.<check>`; a ``ContractRule`` declares its own `rule.<id>`. Two kinds are equal
/// when their ids are.
public struct FindingKind: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The dotted id, `drift.type-changed`, or a family's name, `schema`.
  public let id: String
  /// The severities findings of this kind are reported at, most severe first
  /// (`drift.recording-removed`: error for the partner, warning for a customer).
  public let severities: [Severity]
  /// A short title, `Type changed`.
  public let title: String
  /// What the kind means and why it matters to a client of the API.
  public let explanation: String

  init(_ id: String, _ severities: [Severity], _ title: String, _ explanation: String) {
    self.id = id
    self.severities = severities
    self.title = title
    self.explanation = explanation
  }

  public static func == (lhs: FindingKind, rhs: FindingKind) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
  public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool { lhs.id < rhs.id }
  public var description: String { id }

  /// The family: the part of the id before its first dot, `drift`.
  public var family: String { String(id.prefix { $0 != "." }) }

  /// Whether this is a family (`schema`, `input`) rather than a kind findings are made of.
  public var isFamily: Bool { !id.contains(".") }

  /// The README anchor of its section (`kind-drift-type-changed`).
  public var anchor: String { "kind-" + id.replacingOccurrences(of: ".", with: "-") }

  /// How to accept a finding, the same for every kind.
  public static let acceptance =
    "If the change is understood and clients cope, accept it in pc-contract.json: add an"
    + " acceptedDrift entry with the finding's fingerprint (from the JSON or SARIF report) or its"
    + " kind and path, a reason and an expiry date; or update schemas/ when the contract itself"
    + " changed."

  /// The kind of a violation of the schema keyword `keyword`: `schema.required`.
  static func schema(keyword: String) -> FindingKind { member(of: .schemaFamily, keyword) }

  /// The kind of a request that fails the check `check`: `request.missing-authorization`.
  static func request(check: String) -> FindingKind { member(of: .requestFamily, check) }

  /// The member `name` of `family`: its declared kind when there is one, else one with the
  /// family's text.
  private static func member(of family: FindingKind, _ name: String) -> FindingKind {
    let id = family.id + "." + name
    return declaredByID[id]
      ?? FindingKind(id, family.severities, family.title, family.explanation)
  }

  /// The kind `id` names, when the tool makes findings of it: a declared kind, a rule's, or a
  /// member of the schema or request family. A family's name is no kind.
  public init?(id: String) {
    if let declared = Self.declaredByID[id] {
      guard !declared.isFamily else { return nil }
      self = declared
    } else if let rule = ContractRule.all.first(where: { $0.kind.id == id }) {
      self = rule.kind
    } else {
      let parts = id.split(separator: ".", maxSplits: 1)
      guard parts.count == 2, !parts[1].isEmpty else { return nil }
      switch parts[0] {
      case "schema": self = .schema(keyword: String(parts[1]))
      case "request": self = .request(check: String(parts[1]))
      default: return nil
      }
    }
  }

  /// The family named `name` (`schema`, `input`), for `explain`.
  public static func family(named name: String) -> FindingKind? {
    declaredByID[name].flatMap { $0.isFamily ? $0 : nil }
  }

  /// Every declared kind and family and every rule's kind, sorted by id: what `rules` lists.
  public static var all: [FindingKind] { (declared + ContractRule.all.map(\.kind)).sorted() }

  private static let declaredByID: [String: FindingKind] = Dictionary(
    declared.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
