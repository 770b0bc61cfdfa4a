/// The `--fail-on` threshold: findings at or above it make a command exit 1.
public enum FailLevel: Sendable, Hashable {
  /// Fail on findings of at least this severity.
  case atLeast(Severity)
  /// Never fail because of findings.
  case none

  /// Parses `breaking` (the same as `error`), `error`, `warning`, `info` or `none`.
  public init?(_ text: String) {
    switch text {
    case "breaking", "error": self = .atLeast(.error)
    case "warning": self = .atLeast(.warning)
    case "info": self = .atLeast(.info)
    case "none": self = .none
    default: return nil
    }
  }

  /// Whether a finding of `severity` reaches this level.
  public func isReached(by severity: Severity) -> Bool {
    switch self {
    case .atLeast(let threshold): severity >= threshold
    case .none: false
    }
  }

  /// Whether any of `findings` reaches this level.
  public func isReached(by findings: some Sequence<Finding>) -> Bool {
    findings.contains { isReached(by: $0.severity) }
  }
}
