import JSONCore

/// Compares an old and a new response of the same endpoint and classifies every change.
///
/// Values in, findings out: the engine reads no files. Shape drift is summarised per
/// wildcarded path (`/items/*/usagePercent`), so 200,000 items give a handful of findings;
/// data drift matches items by identity. Give the new file's bytes to have findings located
/// at a line and column.
public struct DriftEngine: Sendable {
  /// What to compare and ignore.
  public var options: DriftOptions

  /// An engine with `options`.
  public init(options: DriftOptions = DriftOptions()) { self.options = options }

  /// The new side's file, for locating findings: its path as the user named it, its bytes,
  /// and where the response body is inside it (`/response/body` in a recording, the root in a
  /// plain JSON body).
  public struct SourceFile: Sendable {
    /// The path as given.
    public var path: String
    /// The file's contents.
    public var bytes: [UInt8]
    /// Whether the file is a recording (else a bare JSON body).
    public var isRecording: Bool

    /// Describes a file.
    public init(path: String, bytes: [UInt8], isRecording: Bool = true) {
      self.path = path
      self.bytes = bytes
      self.isRecording = isRecording
    }
  }

  /// The drift from `old` to `new`, two recordings of the same endpoint.
  public func diff(old: Recording, new: Recording, newFile: SourceFile? = nil) -> [Finding] {
    diff(
      old: old.response, new: new.response, endpoint: new.endpoint.id,
      subject: new.endpoint.subject, newFile: newFile)
  }

  /// The drift from `old` to `new`, two responses of `endpoint` (nil when unknown), about
  /// `subject`.
  public func diff(
    old: RecordedResponse, new: RecordedResponse, endpoint: EndpointID?, subject: String,
    newFile: SourceFile? = nil
  ) -> [Finding] {
    let kept = driftFindings(old: old, new: new, endpoint: endpoint, subject: subject)
    guard let newFile else { return kept.map(\.finding) }
    return DriftLocator(file: newFile).locate(kept)
  }

  /// The drift findings with the concrete places they show in the new body, not yet located
  /// in a file.
  func driftFindings(
    old: RecordedResponse, new: RecordedResponse, endpoint: EndpointID?, subject: String
  ) -> [DriftFinding] {
    var found: [DriftFinding] = []
    found += statusDrift(old: old, new: new, subject: subject)
    found += headerDrift(old: old.headers, new: new.headers, subject: subject)
    let bothSucceeded = (200..<300).contains(old.status) == (200..<300).contains(new.status)
    if bothSucceeded {
      found += bodyDrift(old: old.body, new: new.body, endpoint: endpoint, subject: subject)
    }
    return found.filter { !isIgnored($0.finding) }
  }

  private func isIgnored(_ finding: Finding) -> Bool {
    options.ignore.contains { $0.matches(part: finding.part, pointer: finding.pointer) }
  }

  private func statusDrift(old: RecordedResponse, new: RecordedResponse, subject: String)
    -> [DriftFinding]
  {
    guard old.status != new.status else { return [] }
    let finding = Finding.drift(
      .error, .driftStatusChanged, "the status changed from \(old.status) to \(new.status)",
      part: .responseStatus, pointer: "", subject: subject,
      oldValue: .number(JSONNumber(old.status)), newValue: .number(JSONNumber(new.status)))
    return [DriftFinding(finding: finding, location: [])]
  }

  private func headerDrift(old: HTTPHeaders, new: HTTPHeaders, subject: String)
    -> [DriftFinding]
  {
    var result: [DriftFinding] = []
    var seen: [String] = []
    for field in old.fields + new.fields {
      let name = field.name
      guard !seen.contains(where: { HTTPHeaders.namesMatch($0, name) }) else { continue }
      seen.append(name)
      if DriftOptions.volatileHeaderNames.contains(where: { HTTPHeaders.namesMatch($0, name) }) {
        continue
      }
      let before = old[name]
      let after = new[name]
      guard before != after else { continue }
      let location = new.fields.first { HTTPHeaders.namesMatch($0.name, name) }?.name
      if HTTPHeaders.namesMatch(name, "Content-Type") {
        result.append(contentTypeDrift(old: before, new: after, name: name, subject: subject))
        continue
      }
      let message: String
      switch (before, after) {
      case (nil, let value?): message = "header \(name) appeared: \(MessageValue.quoted(value))"
      case (let value?, nil):
        message = "header \(name) is gone (was \(MessageValue.quoted(value)))"
      default:
        message =
          "header \(name) changed from \(MessageValue.quoted(before ?? "")) to \(MessageValue.quoted(after ?? ""))"
      }
      let finding = Finding.drift(
        .info, .driftHeaderChanged, message, part: .responseHeaders,
        pointer: "/\(name)", subject: subject,
        oldValue: before.map { .string($0) }, newValue: after.map { .string($0) })
      result.append(DriftFinding(finding: finding, location: location.map { [$0] } ?? []))
    }
    return result
  }

  /// A different media type is breaking; the same media type with other parameters
  /// (`charset`) is a warning.
  private func contentTypeDrift(old: String?, new: String?, name: String, subject: String)
    -> DriftFinding
  {
    func mediaType(_ value: String?) -> String {
      guard let value else { return "" }
      let type = value.split(separator: ";", maxSplits: 1).first ?? ""
      return type.filter { $0 != " " && $0 != "\t" }.lowercased()
    }
    let severity: Severity = mediaType(old) == mediaType(new) ? .warning : .error
    let finding = Finding.drift(
      severity, .driftContentTypeChanged,
      "Content-Type changed from \(MessageValue.quoted(old ?? "none")) to \(MessageValue.quoted(new ?? "none"))",
      part: .responseHeaders, pointer: "/Content-Type", subject: subject,
      oldValue: old.map { .string($0) }, newValue: new.map { .string($0) })
    return DriftFinding(finding: finding, location: new == nil ? [] : [name])
  }

  private func bodyDrift(
    old: RecordedBody, new: RecordedBody, endpoint: EndpointID?, subject: String
  ) -> [DriftFinding] {
    switch (old, new) {
    case (.json(let oldValue), .json(let newValue)):
      var result = ShapeDrift(
        old: oldValue, new: newValue, options: options, endpoint: endpoint, subject: subject
      ).findings()
      result += envelopeDrift(old: oldValue, new: newValue, subject: subject)
      let keys = options.identityKeys.keys(for: endpoint)
      result += DataDrift(keys: keys, subject: subject, options: options)
        .findings(old: oldValue, new: newValue)
      return result
    case (.empty, .empty), (.text, .text):
      return []
    default:
      let finding = Finding.drift(
        .error, .driftTypeChanged,
        "the body changed from \(Self.describe(old)) to \(Self.describe(new))", pointer: "",
        subject: subject)
      return [DriftFinding(finding: finding, location: [])]
    }
  }

  private static func describe(_ body: RecordedBody) -> String {
    switch body {
    case .json: "JSON"
    case .text: "text that is not JSON"
    case .empty: "nothing"
    }
  }

  /// `totalCount` that stops (or starts) counting the items.
  private func envelopeDrift(old: JSONValue, new: JSONValue, subject: String) -> [DriftFinding] {
    guard !options.isIgnored(recordingPointer: ["response", "body", "totalCount"]),
      let oldTotal = old["totalCount"]?.numberValue?.intValue,
      let oldItems = old["items"]?.arrayValue,
      let newTotal = new["totalCount"]?.numberValue?.intValue,
      let newItems = new["items"]?.arrayValue
    else { return [] }
    let before = oldTotal == oldItems.count
    let after = newTotal == newItems.count
    guard before != after else { return [] }
    let message =
      before
      ? "totalCount (\(newTotal)) no longer equals the number of items (\(newItems.count)); it did before"
      : "totalCount (\(newTotal)) now equals the number of items; before it did not (\(oldTotal) for \(oldItems.count))"
    let finding = Finding.drift(
      .warning, .driftEnvelopeChanged, message, pointer: "/totalCount", subject: subject,
      detail: "totalCount", oldValue: .number(JSONNumber(oldTotal)),
      newValue: .number(JSONNumber(newTotal)))
    return [DriftFinding(finding: finding, location: ["totalCount"])]
  }
}

/// Sets findings' sources from the new file's text, in one pass over it.
struct DriftLocator {
  let file: DriftEngine.SourceFile

  /// Each finding located at its place in the file, or at the nearest ancestor of it that the
  /// file holds (a file that is not the one compared, such as the stored recording, may lack
  /// the place).
  func locate(_ found: [DriftFinding]) -> [Finding] {
    let pointers = found.map { pointer(for: $0) }
    var wanted = Set<JSONPointer>()
    for pointer in pointers.compactMap({ $0 }) {
      var current: JSONPointer? = pointer
      while let next = current, wanted.insert(next).inserted { current = next.parent }
    }
    let matches = JSONSourceLocator(file.bytes).locate(Array(wanted))
    return zip(found, pointers).map { item, pointer in
      var finding = item.finding
      var source = SourceReference(file: file.path)
      var current = pointer
      while let next = current, matches[next] == nil { current = next.parent }
      if let found = current, let match = matches[found] {
        let location = match.name ?? match.value
        source.line = location.line
        source.column = location.column
      }
      finding.source = source
      return finding
    }
  }

  private func pointer(for item: DriftFinding) -> JSONPointer? {
    let prefix: [String]
    if file.isRecording {
      prefix =
        JSONPointer(tokens: []).appending(
          (try? JSONPointer(parsing: item.finding.part.pointerPrefix)) ?? .root
        ).tokens
    } else {
      guard item.finding.part == .responseBody else { return nil }
      prefix = []
    }
    return JSONPointer(tokens: prefix + item.location)
  }
}
