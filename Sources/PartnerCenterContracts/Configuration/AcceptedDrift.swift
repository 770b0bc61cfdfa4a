import JSONCore

/// One accepted drift: findings it matches are dropped from reports, with a reason, until an
/// optional expiry date, after which it stops applying and a finding says so.
///
/// It matches a finding by fingerprint, or by kind and a path pattern (the finding's wildcarded
/// pointer, into the body or, with a `/response/...` pattern, into the recording).
public struct AcceptedDrift: Sendable, Hashable {
  /// A fingerprint to match exactly.
  public var fingerprint: String?
  /// A pattern the finding's pointer must match (with ``kind``).
  public var path: PointerPattern?
  /// The finding kind to match (with ``path``), `drift.property-added`.
  public var kind: FindingKind?
  /// Why the drift is accepted.
  public var reason: String
  /// The last day (`YYYY-MM-DD`, UTC) the acceptance applies, if it expires.
  public var expires: String?
  /// Where the entry is in the configuration file, for the expiry finding.
  public var source: SourceReference?

  /// Creates an entry.
  public init(
    fingerprint: String? = nil, path: PointerPattern? = nil, kind: FindingKind? = nil,
    reason: String, expires: String? = nil, source: SourceReference? = nil
  ) {
    self.fingerprint = fingerprint
    self.path = path
    self.kind = kind
    self.reason = reason
    self.expires = expires
    self.source = source
  }

  /// Whether the entry has expired on `today` (`YYYY-MM-DD`): it applies through its expiry day.
  public func isExpired(today: String) -> Bool {
    guard let expires else { return false }
    return today > expires
  }

  /// What the entry accepts, as its findings name it: `fingerprint 8c9d...` or the path.
  var described: String {
    fingerprint.map { "fingerprint \($0)" } ?? path.map { "\($0)" } ?? ""
  }

  /// Whether the entry matches `finding`.
  public func matches(_ finding: Finding) -> Bool {
    if let fingerprint, finding.fingerprint != fingerprint { return false }
    if let kind, finding.kind != kind { return false }
    if let path, !path.matches(part: finding.part, pointer: finding.pointer) { return false }
    return fingerprint != nil || path != nil
  }

  /// `findings` without those that active entries accept.
  public static func accepting(_ entries: [AcceptedDrift], _ findings: [Finding], today: String)
    -> [Finding]
  {
    let active = entries.filter { !$0.isExpired(today: today) }
    guard !active.isEmpty else { return findings }
    return findings.filter { finding in !active.contains { $0.matches(finding) } }
  }

  /// One warning per expired entry (kind `config.accepted-drift-expired`, at the entry in the
  /// configuration file), saying how many of a run's `reported` findings it matched; made once
  /// per run, however many subjects the run has.
  public static func expiryFindings(
    _ entries: [AcceptedDrift], reported: [Finding], today: String
  ) -> [Finding] {
    entries.filter { $0.isExpired(today: today) }.map { entry in
      let what = entry.described
      let matched = reported.count { entry.matches($0) }
      return Finding(
        severity: .warning, kind: .configAcceptedDriftExpired,
        message:
          "accepted drift (\(what), \"\(entry.reason)\") expired on \(entry.expires ?? ""); "
          + "it no longer applies (\(Plural.counted(matched, "finding")) reported again)",
        part: .input, expectation: what, subject: "pc-contract.json", source: entry.source)
    }
  }

  /// One info per active entry that matched none of a run's `reported` findings (kind
  /// `config.accepted-drift-stale`): the drift it accepted is gone, so the entry can go too.
  public static func staleFindings(
    _ entries: [AcceptedDrift], reported: [Finding], today: String
  ) -> [Finding] {
    entries.filter { entry in
      !entry.isExpired(today: today) && !reported.contains { entry.matches($0) }
    }.map { entry in
      let what = entry.described
      return Finding(
        severity: .info, kind: .configAcceptedDriftStale,
        message:
          "accepted drift (\(what), \"\(entry.reason)\") matched nothing in this run; remove it "
          + "from pc-contract.json if the drift it accepted is gone for good",
        part: .input, expectation: what, subject: "pc-contract.json", source: entry.source)
    }
  }

  /// What a run says of the entries themselves: the expired ones (warnings) and the stale ones
  /// (infos).
  public static func entryFindings(
    _ entries: [AcceptedDrift], reported: [Finding], today: String
  ) -> [Finding] {
    expiryFindings(entries, reported: reported, today: today)
      + staleFindings(entries, reported: reported, today: today)
  }

  /// `findings` without those that active entries accept, plus what the run says of the
  /// entries (``entryFindings(_:reported:today:)``): for a whole run at once.
  public static func apply(_ entries: [AcceptedDrift], to findings: [Finding], today: String)
    -> [Finding]
  {
    accepting(entries, findings, today: today)
      + entryFindings(entries, reported: findings, today: today)
  }
}
