import JSONCore

/// `pc-contract.json`: what to capture, what to ignore, how items are identified, when to fail,
/// and which drift is accepted.
///
/// ```json
/// {
///   "baseURL": "https://api.partnercenter.microsoft.com",
///   "customers": "all",
///   "ignore": ["/items/*/processedDateTime"],
///   "identityKeys": { "customer-licenses-usage": ["productName", "workloadName"] },
///   "failOn": "breaking",
///   "acceptedDrift": [
///     { "fingerprint": "8c9d2e0f1a2b3c4d", "reason": "new field, SDK updated", "expires": "2027-01-31" },
///     { "path": "/items/*/licensesAssigned", "kind": "drift.property-added", "reason": "additive" }
///   ]
/// }
/// ```
/// Every member is optional; unknown members are errors (a typo must not silently do nothing).
public struct ContractConfiguration: Sendable {
  /// Which customers to capture.
  public enum Customers: Sendable, Hashable {
    /// Every customer the customer list returns.
    case all
    /// These customer ids.
    case ids([String])
  }

  /// The API's base URL, when set.
  public var baseURL: String?
  /// Which customers to capture (default: all).
  public var customers: Customers = .all
  /// Pointer patterns never compared or reported.
  public var ignore: [PointerPattern] = []
  /// Item identities per endpoint (defaults to the rules' identities).
  public var identityKeys: IdentityKeys = .default
  /// The fail-on level, when set.
  public var failOn: FailLevel?
  /// Accepted drift.
  public var acceptedDrift: [AcceptedDrift] = []

  /// The defaults: no base URL, all customers, nothing ignored or accepted.
  public init() {}

  /// Drift options with this configuration's ignore patterns and identities.
  public var driftOptions: DriftOptions {
    DriftOptions(ignore: ignore, identityKeys: identityKeys)
  }

  /// `findings` without ignored ones and accepted drift, plus a warning per expired acceptance:
  /// for a whole run at once (a run judged subject by subject uses ``accepting(_:today:)``
  /// per subject and ``entryFindings(reported:today:)`` once).
  public func apply(to findings: [Finding], today: String) -> [Finding] {
    let kept = findings.filter { !isIgnored($0) }
    return AcceptedDrift.apply(acceptedDrift, to: kept, today: today)
  }

  /// `findings` without ignored ones and accepted drift.
  public func accepting(_ findings: [Finding], today: String) -> [Finding] {
    AcceptedDrift.accepting(acceptedDrift, findings.filter { !isIgnored($0) }, today: today)
  }

  /// Whether an active acceptance or an ignore pattern drops `finding`.
  public func accepts(_ finding: Finding, today: String) -> Bool {
    isIgnored(finding)
      || acceptedDrift.contains { !$0.isExpired(today: today) && $0.matches(finding) }
  }

  /// One warning per expired acceptance, with how many of `reported` it matched, and one info
  /// per active acceptance that matched nothing.
  public func entryFindings(reported: [Finding], today: String) -> [Finding] {
    AcceptedDrift.entryFindings(
      acceptedDrift, reported: reported.filter { !isIgnored($0) }, today: today)
  }

  private func isIgnored(_ finding: Finding) -> Bool {
    ignore.contains { $0.matches(part: finding.part, pointer: finding.pointer) }
  }

  /// Parses the file's contents; `file` names it in errors.
  public static func parse(_ bytes: [UInt8], file: String) throws(ConfigurationError)
    -> ContractConfiguration
  {
    try ConfigurationReader.read(bytes, file: file)
  }
}

/// Why `pc-contract.json` could not be used.
public typealias ConfigurationError = JSONFileError

/// Why a JSON file the tool reads through its schema (``SchemaCheckedFile``) could not be
/// used. The description names the file, line and column, and the JSON Pointer.
public enum JSONFileError: Error, Sendable, CustomStringConvertible {
  /// The file is not JSON.
  case malformedJSON(file: String, JSONParseError)
  /// A member is unknown, missing or has the wrong value.
  case invalid(file: String, line: Int?, column: Int?, pointer: String, message: String)

  public var description: String {
    switch self {
    case .malformedJSON(let file, let error):
      "\(file):\(error.location.line):\(error.location.column): not JSON: \(error.message)"
    case .invalid(let file, let line, let column, let pointer, let message):
      "\(file)\(line.map { ":\($0)" } ?? "")\(column.map { ":\($0)" } ?? ""): "
        + "\(pointer.isEmpty ? "" : pointer + ": ")\(message)"
    }
  }
}
