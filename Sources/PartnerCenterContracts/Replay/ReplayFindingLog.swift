/// The findings of a replay run, one per fingerprint with how often it occurred, so a client
/// that makes the same mistake ten thousand times gives one finding and a count.
struct ReplayFindingLog: Sendable {
  private var entries: [(finding: Finding, count: Int)] = []
  private var positions: [String: Int] = [:]

  /// The most distinct findings kept; past it, findings are only counted.
  static let limit = 1_000
  /// Findings past ``limit``.
  private(set) var unlisted = 0

  /// Adds `finding`; returns true when its fingerprint is new.
  mutating func add(_ finding: Finding) -> Bool {
    if let position = positions[finding.fingerprint] {
      entries[position].count += 1
      return false
    }
    guard entries.count < Self.limit else {
      unlisted += 1
      return false
    }
    positions[finding.fingerprint] = entries.count
    entries.append((finding, 1))
    return true
  }

  /// The findings, each message saying how many requests it concerned when more than one.
  var findings: [Finding] {
    var all = entries.map { entry in
      var finding = entry.finding
      if entry.count > 1 { finding.message += " (\(entry.count) requests)" }
      return finding
    }
    if unlisted > 0, let first = entries.first?.finding {
      all.append(
        Finding(
          severity: first.severity, kind: first.kind,
          message:
            "\(Plural.counted(unlisted, "more request finding")) not listed (only the first \(Self.limit) distinct ones are kept)",
          part: .input))
    }
    return all
  }
}
