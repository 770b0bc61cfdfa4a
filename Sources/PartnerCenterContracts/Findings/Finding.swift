import JSONCore

/// How much a finding matters. Ordered: `info < warning < error`.
///
/// Drift calls its most severe class "breaking"; it is the same level as `error`, so one
/// `--fail-on` scale serves every command.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible
{
  /// Worth knowing, never a failure by default (data drift, additive changes).
  case info
  /// Suspicious but not a broken contract (a new enum-like value, counts that disagree).
  case warning
  /// The contract is broken (a schema violation, a removed property, a malformed body).
  case error

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  private var rank: Int {
    switch self {
    case .info: 0
    case .warning: 1
    case .error: 2
    }
  }

  public var description: String { rawValue }
}

/// Where a finding points in an input file: the file as the user named it, and a 1-based
/// line and column when the offending value could be located.
public struct SourceReference: Sendable, Hashable {
  /// The path as given on the command line (`-` or `<stdin>` for standard input).
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column in UTF-8 bytes, when known.
  public var column: Int?

  /// Creates a reference to `file`, optionally at `line` and `column`.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// One thing a command found: a schema violation, a broken rule, a drifted field, a bad
/// request. Every report format renders the same list of findings, and exit codes come from
/// their severities.
///
/// Its identity (kind, subject, part, pointer, expectation and detail) cannot change once it is
/// made, so the fingerprint derived from it stays true; ``with(subject:)`` makes a copy with
/// another subject and its own fingerprint.
public struct Finding: Sendable, Hashable {
  /// How much it matters.
  public var severity: Severity
  /// What sort of finding it is. Reports use its id as the rule id (SARIF) and accepted drift
  /// matches on it.
  public let kind: FindingKind
  /// One sentence for a person: what is wrong, with the offending value.
  public var message: String
  /// Which part of the exchange ``pointer`` points into.
  public let part: MessagePart
  /// JSON Pointer (RFC 6901) into ``part``: into the body for body findings, `/MS-RequestId`
  /// for a header, empty for the whole part.
  public let pointer: JSONPointer
  /// The text form of ``pointer``, made once: reports, report order and the fingerprint read it.
  public let pointerText: String
  /// Where the expectation lives: the schema keyword's absolute location, the rule id, or the
  /// pointer in the old recording for drift.
  public let expectation: String?
  /// What tells apart findings of one kind at one pointer when no expectation does: an enum
  /// value, an item's identity (drift).
  let detail: String?
  /// The pointer the fingerprint follows when it is not ``pointer``: data drift names an item
  /// by its identity (``detail``) under `/items`, not by its position, so reordering keeps it.
  let identityPointer: JSONPointer?
  /// What was checked: an endpoint and customer (`partner-licenses-usage`,
  /// `customer-licenses-usage/<id>`), or a request. Reports group findings by it.
  public let subject: String?
  /// Where in an input file the offending value is, when it was read from one.
  public var source: SourceReference?
  /// For drift: the value before, when there was one.
  public var oldValue: JSONValue?
  /// For drift: the value after, when there is one.
  public var newValue: JSONValue?
  /// A stable identifier: the same kind of finding on the same subject and path gives the same
  /// fingerprint on every run, so it can be accepted by id. Array indices are kept, so a
  /// finding about the third item stays distinct from one about the fourth. Derived from the
  /// identity by ``fingerprint(kind:subject:pointer:expectation:)``.
  public let fingerprint: String

  /// Creates a finding.
  public init(
    severity: Severity, kind: FindingKind, message: String, part: MessagePart = .responseBody,
    pointer: JSONPointer = .root, expectation: String? = nil, subject: String? = nil,
    source: SourceReference? = nil, oldValue: JSONValue? = nil, newValue: JSONValue? = nil
  ) {
    self.init(
      severity: severity, kind: kind, message: message, part: part, pointer: pointer,
      expectation: expectation, detail: nil, identityPointer: nil, subject: subject,
      source: source, oldValue: oldValue, newValue: newValue)
  }

  init(
    severity: Severity, kind: FindingKind, message: String, part: MessagePart, pointer: JSONPointer,
    expectation: String?, detail: String?, identityPointer: JSONPointer?, subject: String?,
    source: SourceReference?, oldValue: JSONValue?, newValue: JSONValue?
  ) {
    self.severity = severity
    self.kind = kind
    self.message = message
    self.part = part
    self.pointer = pointer
    pointerText = pointer.description
    self.expectation = expectation
    self.detail = detail
    self.identityPointer = identityPointer
    self.subject = subject
    self.source = source
    self.oldValue = oldValue
    self.newValue = newValue
    fingerprint = Finding.fingerprint(
      kind: kind.id, subject: subject,
      pointer: part.pointerPrefix + (identityPointer?.description ?? pointerText),
      expectation: detail ?? expectation)
  }

  /// This finding about `subject` instead, with the fingerprint that follows.
  public func with(subject: String?) -> Finding {
    Finding(
      severity: severity, kind: kind, message: message, part: part, pointer: pointer,
      expectation: expectation, detail: detail, identityPointer: identityPointer,
      subject: subject, source: source, oldValue: oldValue, newValue: newValue)
  }

  /// Whether `text` has the form of a fingerprint: 16 lowercase hexadecimal digits.
  public static func isFingerprint(_ text: String) -> Bool {
    text.utf8.count == 16
      && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// The fingerprint of a finding with these parts: 16 hex digits of FNV-1a 64 over the parts
  /// separated by a byte that cannot occur in UTF-8 text. Stable across runs and machines
  /// (unlike `Hasher`, which is seeded per process).
  public static func fingerprint(
    kind: String, subject: String?, pointer: String, expectation: String?
  ) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in [kind, subject ?? "", pointer, expectation ?? ""] {
      for byte in part.utf8 {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      }
      hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// The part of an HTTP exchange a finding is about.
public enum MessagePart: String, Sendable, Hashable, CaseIterable {
  /// The response body (the default).
  case responseBody = "response.body"
  /// A response header; the pointer is `/<header name>`.
  case responseHeaders = "response.headers"
  /// The response status code.
  case responseStatus = "response.status"
  /// A request header; the pointer is `/<header name>`.
  case requestHeaders = "request.headers"
  /// The request line (method and URL).
  case request = "request"
  /// The input as a whole (a file that could not be read or decoded).
  case input = "input"

  /// The pointer of this part inside a recording file (`/response/body`, ...), which is also
  /// how the part enters a finding's fingerprint.
  public var pointerPrefix: String {
    switch self {
    case .responseBody: "/response/body"
    case .responseHeaders: "/response/headers"
    case .responseStatus: "/response/status"
    case .requestHeaders: "/request/headers"
    case .request: "/request"
    case .input: ""
    }
  }
}

extension Finding {
  /// Findings in report order: by file, then line and column, then pointer, then kind.
  public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
    let left = (lhs.source?.file ?? "", lhs.source?.line ?? 0, lhs.source?.column ?? 0)
    let right = (rhs.source?.file ?? "", rhs.source?.line ?? 0, rhs.source?.column ?? 0)
    if left != right { return left < right }
    if lhs.subject != rhs.subject { return (lhs.subject ?? "") < (rhs.subject ?? "") }
    if lhs.pointerText != rhs.pointerText { return lhs.pointerText < rhs.pointerText }
    return lhs.kind.id < rhs.kind.id
  }
}

extension Finding {
  /// This finding placed at `source` (nil: in no file).
  func withSource(_ source: SourceReference?) -> Finding {
    var copy = self
    copy.source = source
    return copy
  }
}
