/// Drift between two folders of recordings: files paired by endpoint and customer, each pair
/// diffed, and recordings that appeared or disappeared reported.
///
/// A customer recording that disappeared is a warning (customers come and go); the partner
/// endpoint's disappearing is an error. A new recording is information.
public struct FolderDrift: Sendable {
  /// One side: the folder as the user named it and its recording files.
  public struct Side: Sendable {
    /// The folder path as given, used to name files in findings.
    public var folder: String
    /// The files, from ``RecordingStore/load()``.
    public var entries: [RecordingStore.Entry]

    /// Describes one side.
    public init(folder: String, entries: [RecordingStore.Entry]) {
      self.folder = folder
      self.entries = entries
    }

    func path(of entry: RecordingStore.Entry) -> String {
      folder.hasSuffix("/") ? folder + entry.relativePath : folder + "/" + entry.relativePath
    }
  }

  /// What was compared: one subject per endpoint and customer, in order, with the file that
  /// findings about it point into.
  public var subjects: [Report.Subject] = []
  /// The findings.
  public var findings: [Finding] = []

  /// Compares `old` with `new` using `engine`.
  public init(old: Side, new: Side, engine: DriftEngine) {
    var oldBySubject: [String: (RecordingStore.Entry, Recording)] = [:]
    for entry in old.entries {
      switch entry.recording {
      case .success(let recording): oldBySubject[recording.endpoint.subject] = (entry, recording)
      case .failure(let error): findings.append(unreadable(old.path(of: entry), error))
      }
    }
    // What each new recording gives, in order: findings known at once, or a pair to diff.
    // The pairs are independent, so they are diffed on every core.
    enum Step: Sendable {
      case findings([Finding])
      case diff(old: Recording, new: Recording, file: DriftEngine.SourceFile)
    }
    var steps: [Step] = []
    var seen: Set<String> = []
    for entry in new.entries {
      let path = new.path(of: entry)
      guard case .success(let recording) = entry.recording else {
        if case .failure(let error) = entry.recording {
          steps.append(.findings([unreadable(path, error)]))
        }
        continue
      }
      let subject = recording.endpoint.subject
      guard seen.insert(subject).inserted else { continue }
      subjects.append(Report.Subject(name: subject, file: path))
      let file = DriftEngine.SourceFile(path: path, bytes: entry.bytes)
      guard let (_, oldRecording) = oldBySubject[subject] else {
        steps.append(
          .findings([
            .recordingAdded(
              subject: subject, message: "a new recording: \(subject) (\(entry.relativePath))",
              path: path)
          ]))
        continue
      }
      steps.append(.diff(old: oldRecording, new: recording, file: file))
    }
    let planned = steps
    let stepFindings = ParallelMap.map(planned.count) { index in
      switch planned[index] {
      case .findings(let found): found
      case .diff(let old, let new, let file): engine.diff(old: old, new: new, newFile: file)
      }
    }
    for found in stepFindings { findings += found }
    for (subject, (entry, recording)) in oldBySubject.sorted(by: { $0.key < $1.key })
    where !seen.contains(subject) {
      let path = old.path(of: entry)
      subjects.append(Report.Subject(name: subject, file: path))
      findings.append(
        .recordingRemoved(
          recording,
          message:
            "the recording of \(subject) (\(entry.relativePath)) is gone from the new folder",
          path: path))
    }
  }

  private func unreadable(_ path: String, _ error: RecordingError) -> Finding {
    Finding.drift(
      .error, .driftRecordingUnreadable, "\(error)", part: .input, pointer: "", subject: path
    ).withSource(SourceReference(file: path))
  }
}
