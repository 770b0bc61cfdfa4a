/// When `check` writes captured responses into the recordings folder, as VCR and snapshot
/// testing do.
public enum RecordMode: String, Sendable, Hashable, CaseIterable {
  /// Never write: the recordings are the contract.
  case none
  /// Write recordings that do not exist yet (the default outside CI).
  case missing
  /// Rewrite every recording whose response changed; one that only differs in when it was
  /// captured is left alone, so an unchanged API leaves an empty git diff.
  case all
  /// Rewrite recordings whose drift fails the run, and write missing ones: the new snapshot
  /// becomes the review in the git diff.
  case failed

  /// The default: `none` in CI (``isContinuousIntegration(_:)``), else `missing`.
  public static func `default`(environment: [String: String]) -> RecordMode {
    isContinuousIntegration(environment) ? .none : .missing
  }

  /// Whether a captured recording is written, given the stored one (nil when there is none)
  /// and whether its drift fails the run.
  public func writes(captured: Recording, stored: Recording?, driftFails: Bool) -> Bool {
    guard let stored else { return self != .none }
    switch self {
    case .none, .missing: return false
    case .all: return !captured.isEquivalent(to: stored)
    case .failed: return driftFails && !captured.isEquivalent(to: stored)
    }
  }
}

extension Recording {
  /// Whether two recordings hold the same response: status, body, and the response headers
  /// that are not volatile. When, by which version and from which base URL it was captured
  /// (the request) do not count, so re-recording an unchanged API changes no file.
  public func isEquivalent(to other: Recording) -> Bool {
    endpoint == other.endpoint && response.status == other.response.status
      && response.body == other.response.body
      && response.hasByteOrderMark == other.response.hasByteOrderMark
      && Self.stableHeaders(response.headers) == Self.stableHeaders(other.response.headers)
  }

  private static func stableHeaders(_ headers: HTTPHeaders) -> [String: String] {
    var stable: [String: String] = [:]
    for field in headers
    where !Capturer.volatileResponseHeaders.contains(where: {
      HTTPHeaders.namesMatch($0, field.name)
    }) {
      stable[field.name.lowercased()] = field.value
    }
    return stable
  }
}

/// Whether `environment` says the run is in CI: `CI` is set to something other than empty,
/// `0`, `false` or `no` (any letter case), as CI services set it (`true`, `1`).
public func isContinuousIntegration(_ environment: [String: String]) -> Bool {
  guard let value = environment["CI"]?.lowercased() else { return false }
  return !["", "0", "false", "no"].contains(value)
}
