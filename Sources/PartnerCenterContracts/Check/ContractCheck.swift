/// The judgement of `pc-contract check`, values in and values out: stored recordings and fresh
/// captures in; findings, what was checked, and which recordings to write out.
///
/// Reading the folder, capturing and writing files are the command's business; this type only
/// decides.
public struct ContractCheck: Sendable {
  /// A response captured in this run, with the findings its validation produced.
  public struct Captured: Sendable {
    /// The recording, as it would be written.
    public var recording: Recording
    /// Validation findings (schema and rules), not yet located.
    public var findings: [Finding]

    /// Creates a captured response.
    public init(recording: Recording, findings: [Finding]) {
      self.recording = recording
      self.findings = findings
    }
  }

  /// The outcome.
  public struct Outcome: Sendable {
    /// What was checked, one subject per endpoint and customer.
    public var subjects: [Report.Subject] = []
    /// Everything found, located in recording files where possible, accepted drift removed.
    public var findings: [Finding] = []
    /// The recordings to write into the folder, by the record mode.
    public var writes: [Recording] = []
    /// Calls that failed (outages): the check could not run for those subjects.
    public var failedCalls = 0
  }

  /// The recordings folder, as the user named it (findings name files below it).
  public var folder: String
  /// The configuration: ignore patterns, identity keys, accepted drift.
  public var configuration: ContractConfiguration
  /// The fail-on level, which the `failed` record mode also uses.
  public var failLevel: FailLevel
  /// The record mode.
  public var recordMode: RecordMode
  /// Today, `YYYY-MM-DD`, for accepted drift that expires.
  public var today: String

  /// A check of `folder`.
  public init(
    folder: String, configuration: ContractConfiguration, failLevel: FailLevel,
    recordMode: RecordMode, today: String
  ) {
    self.folder = folder
    self.configuration = configuration
    self.failLevel = failLevel
    self.recordMode = recordMode
    self.today = today
  }

  /// Offline: every stored recording validated (schemas and rules), nothing captured; the
  /// temporary files a killed run left are removed on the way. No recording at all leaves the
  /// outcome without subjects.
  public func offline(store: RecordingStore, check: InputCheck)
    throws(RecordingStoreError) -> Outcome
  {
    // One file at a time per core, each parsed once: read, decoded, checked, let go, so the
    // memory is that of the files in hand, not of the folder.
    let checked = try store.mapRecordings(removingStaleTemporaryFiles: true) {
      relativePath, bytes in
      let path = self.path(relativePath)
      let input = InputDecoder.decode(bytes, name: path)
      let subject = input.entries.first?.response.endpoint?.subject ?? path
      return (Report.Subject(name: subject, file: path), check.findings(for: input))
    }
    var outcome = Outcome()
    for (subject, findings) in checked {
      outcome.subjects.append(subject)
      outcome.findings += findings
    }
    outcome.findings = configuration.apply(to: outcome.findings, today: today)
    return outcome
  }

  /// Online: each capture validated and diffed against its stored recording; stored
  /// recordings in scope that were not captured again are reported as gone; `failures` are
  /// the calls that produced no recording.
  public func compare(
    stored: [RecordingStore.Entry], captured: [Captured], failures: [Finding],
    customersInScope: ContractConfiguration.Customers
  ) -> Outcome {
    var outcome = Outcome()
    let engine = DriftEngine(options: configuration.driftOptions)
    var storedBySubject: [String: (entry: RecordingStore.Entry, recording: Recording)] = [:]
    for entry in stored {
      switch entry.recording {
      case .success(let recording): storedBySubject[recording.endpoint.subject] = (entry, recording)
      case .failure(let error):
        outcome.findings.append(
          Finding(
            severity: .error, kind: .inputUnreadableRecording, message: "\(error)",
            part: .input, source: SourceReference(file: path(entry.relativePath))))
      }
    }
    var capturedSubjects: Set<String> = []
    // Everything found before acceptances, for counting what an expired one matched.
    var reported: [Finding] = []
    for capture in captured {
      let recording = capture.recording
      let subject = recording.endpoint.subject
      capturedSubjects.insert(subject)
      let path = self.path(recording.relativePath)
      outcome.subjects.append(Report.Subject(name: subject, file: path))
      let newBytes = RecordingCodec.encode(recording)
      let old = storedBySubject[subject]
      var drift: [DriftFinding] = []
      if let old {
        drift = engine.driftFindings(
          old: old.recording.response, new: recording.response, endpoint: recording.endpoint.id,
          subject: subject)
      } else {
        let added = Finding.recordingAdded(
          subject: subject,
          message: "no stored recording of \(subject) yet (\(recording.relativePath))", path: path)
        drift = [DriftFinding(finding: added, location: [])]
      }
      drift = drift.filter { !configuration.accepts($0.finding, today: today) }
      let driftFails = failLevel.isReached(by: drift.map(\.finding))
      let writes = recordMode.writes(
        captured: recording, stored: old?.recording, driftFails: driftFails)
      if writes { outcome.writes.append(recording) }
      // Findings point into the file that will hold what they are about: the new recording
      // when it is written, else the stored one (the same pointer, or its nearest ancestor
      // there), else no file at all.
      let located: [Finding]
      let locatedDrift: [Finding]
      if writes {
        located = InputDecoder.decode(newBytes, name: path).locate([capture.findings])
        locatedDrift = DriftLocator(
          file: DriftEngine.SourceFile(path: path, bytes: newBytes)
        ).locate(drift)
      } else if let old {
        located = InputDecoder.decode(old.entry.bytes, name: path).locate([capture.findings])
        locatedDrift = DriftLocator(
          file: DriftEngine.SourceFile(path: path, bytes: old.entry.bytes)
        ).locate(drift)
      } else {
        located = capture.findings.map { $0.withSource(nil) }
        locatedDrift = drift.map { $0.finding.withSource(nil) }
      }
      reported += located + locatedDrift
      // The drift is filtered already (to decide the record mode); the rest once, here.
      outcome.findings += configuration.accepting(located, today: today) + locatedDrift
    }
    reported += failures
    outcome.findings += configuration.accepting(failures, today: today)
    outcome.failedCalls = failures.count { $0.kind == .captureFailed }
    let failedSubjects = Set(failures.compactMap(\.subject))
    for (subject, old) in storedBySubject.sorted(by: { $0.key < $1.key })
    where !capturedSubjects.contains(subject) && !failedSubjects.contains(subject)
      && isInScope(old.recording.endpoint, customersInScope)
    {
      let path = self.path(old.entry.relativePath)
      outcome.subjects.append(Report.Subject(name: subject, file: path))
      let removed = Finding.recordingRemoved(
        old.recording,
        message:
          "\(subject) has a recording (\(old.entry.relativePath)) but was not served this time",
        path: path)
      reported.append(removed)
      outcome.findings += configuration.accepting([removed], today: today)
    }
    outcome.findings += configuration.entryFindings(reported: reported, today: today)
    return outcome
  }

  private func isInScope(_ endpoint: Endpoint, _ customers: ContractConfiguration.Customers)
    -> Bool
  {
    switch (endpoint, customers) {
    case (.partnerLicensesUsage, _), (.customerLicensesUsage, .all): true
    case (.customerLicensesUsage(let id), .ids(let ids)):
      ids.contains { $0.lowercased() == id.lowercased() }
    case (.customerList, _): false
    }
  }

  private func path(_ relativePath: String) -> String {
    folder.hasSuffix("/") ? folder + relativePath : folder + "/" + relativePath
  }
}
