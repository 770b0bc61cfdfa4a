import JSONCore

/// A finding the drift engine made, with the concrete place to point at in the new file:
/// shape findings name a wildcarded path (`/items/*/usagePercent`) but are located at the
/// first item that shows the change.
struct DriftFinding {
  var finding: Finding
  /// Tokens into ``Finding/part`` of the new response where the change shows.
  var location: [String]
}

extension Finding {
  /// A drift finding whose fingerprint comes from its kind, subject, part and pointer, plus a
  /// detail (an enum value, an item's identity) that tells apart changes on the same path.
  static func drift(
    _ severity: Severity, _ kind: DriftKind, _ message: String, part: MessagePart = .responseBody,
    pointer: String, subject: String, detail: String? = nil, oldValue: JSONValue? = nil,
    newValue: JSONValue? = nil
  ) -> Finding {
    Finding(
      severity: severity, kind: kind.rawValue, message: message, part: part, pointer: pointer,
      expectation: nil, subject: subject, oldValue: oldValue, newValue: newValue,
      fingerprint: Finding.fingerprint(
        kind: kind.rawValue, subject: subject, pointer: part.pointerPrefix + pointer,
        expectation: detail))
  }
}

extension Finding {
  /// A recording with no stored counterpart, located at the top of its file.
  static func recordingAdded(subject: String, message: String, path: String) -> Finding {
    Finding.drift(.info, .recordingAdded, message, part: .input, pointer: "", subject: subject)
      .withSource(SourceReference(file: path, line: 1, column: 1))
  }

  /// A stored recording with no counterpart now: an error for the partner endpoint, a warning
  /// for a customer (customers come and go). Located at the top of the stored file.
  static func recordingRemoved(_ recording: Recording, message: String, path: String) -> Finding {
    let severity: Severity = recording.endpoint == .partnerLicensesUsage ? .error : .warning
    return Finding.drift(
      severity, .recordingRemoved, message, part: .input, pointer: "",
      subject: recording.endpoint.subject
    ).withSource(SourceReference(file: path, line: 1, column: 1))
  }
}

/// The kinds of drift finding, as ``Finding/kind`` spells them.
public enum DriftKind: String, Sendable, CaseIterable {
  /// A property appeared (additive: info).
  case propertyAdded = "drift.property-added"
  /// A property disappeared (breaking when it was always present).
  case propertyRemoved = "drift.property-removed"
  /// Values changed JSON type (breaking).
  case typeChanged = "drift.type-changed"
  /// A property that was never null became null (breaking).
  case becameNull = "drift.became-null"
  /// A property that was always present became optional (breaking).
  case becameOptional = "drift.became-optional"
  /// Strings changed format: GUIDs, date-time offsets or fractions.
  case formatChanged = "drift.format-changed"
  /// A new value in an enum-like field (warning).
  case newEnumValue = "drift.new-enum-value"
  /// Numbers outside the range seen (info) or declared (breaking).
  case rangeChanged = "drift.range-changed"
  /// The status code changed (breaking).
  case statusChanged = "drift.status-changed"
  /// The Content-Type changed.
  case contentTypeChanged = "drift.content-type-changed"
  /// The collection envelope changed: `links` appeared or went, `totalCount` semantics.
  case envelopeChanged = "drift.envelope-changed"
  /// A response header appeared, went or changed value (info).
  case headerChanged = "drift.header-changed"
  /// An item (matched by identity) appeared (info).
  case itemAdded = "drift.item-added"
  /// An item (matched by identity) disappeared (info).
  case itemRemoved = "drift.item-removed"
  /// A value of a matched item changed (info).
  case valueChanged = "drift.value-changed"
  /// More data drift than the limit; counted, not listed (info).
  case dataTruncated = "drift.data-truncated"
  /// A recording appeared in the new folder (info).
  case recordingAdded = "drift.recording-added"
  /// A recording disappeared (error for the partner endpoint, warning for a customer).
  case recordingRemoved = "drift.recording-removed"
  /// A recording file could not be read.
  case recordingUnreadable = "drift.recording-unreadable"
}
