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
    _ severity: Severity, _ kind: FindingKind, _ message: String, part: MessagePart = .responseBody,
    pointer: JSONPointer, subject: String, detail: String? = nil,
    identityPointer: JSONPointer? = nil,
    oldValue: JSONValue? = nil, newValue: JSONValue? = nil
  ) -> Finding {
    Finding(
      severity: severity, kind: kind, message: message, part: part, pointer: pointer,
      expectation: nil, detail: detail, identityPointer: identityPointer, subject: subject,
      source: nil, oldValue: oldValue, newValue: newValue)
  }
}

extension Finding {
  /// A recording with no stored counterpart, located at the top of its file.
  static func recordingAdded(subject: String, message: String, path: String) -> Finding {
    Finding.drift(.info, .driftRecordingAdded, message, part: .input, pointer: "", subject: subject)
      .withSource(SourceReference(file: path, line: 1, column: 1))
  }

  /// A stored recording with no counterpart now: an error for the partner endpoint, a warning
  /// for a customer (customers come and go). Located at the top of the stored file.
  static func recordingRemoved(_ recording: Recording, message: String, path: String) -> Finding {
    let severity: Severity = recording.endpoint == .partnerLicensesUsage ? .error : .warning
    return Finding.drift(
      severity, .driftRecordingRemoved, message, part: .input, pointer: "",
      subject: recording.endpoint.subject
    ).withSource(SourceReference(file: path, line: 1, column: 1))
  }
}
