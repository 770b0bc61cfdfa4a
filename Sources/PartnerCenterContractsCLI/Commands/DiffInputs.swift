import Foundation
import JSONCore
import JSONSchemaValidation
import PartnerCenterContracts

/// The file side of `pc-contract diff`: reading the two sides and the configuration, and
/// writing report files whole.
enum DiffInputs {
  /// Diffs two files or two folders.
  static func diff(old: String, new: String, engine: DriftEngine) throws(DiffInputError)
    -> (subjects: [Report.Subject], findings: [Finding])
  {
    for path in [old, new] where !FileManager.default.fileExists(atPath: path) {
      throw .unreadable("cannot read '\(path)': no such file or folder")
    }
    switch (isFolder(old), isFolder(new)) {
    case (true, true):
      let oldEntries: [RecordingStore.Entry]
      let newEntries: [RecordingStore.Entry]
      do {
        oldEntries = try RecordingStore(directory: old).load()
        newEntries = try RecordingStore(directory: new).load()
      } catch {
        throw .unreadable("\(error)")
      }
      let drift = FolderDrift(
        old: .init(folder: old, entries: oldEntries), new: .init(folder: new, entries: newEntries),
        engine: engine)
      return (drift.subjects, drift.findings)
    case (false, false):
      let before = try side(old)
      let after = try side(new)
      let subject = after.recording?.endpoint.subject ?? new
      let endpoint = after.recording?.endpoint.id ?? before.recording?.endpoint.id
      let file = DriftEngine.SourceFile(
        path: new, bytes: after.bytes, isRecording: after.recording != nil)
      let findings = engine.diff(
        old: before.response, new: after.response, endpoint: endpoint ?? guessEndpoint(after),
        subject: subject, newFile: file)
      return ([Report.Subject(name: subject, file: new)], findings)
    default:
      throw .mixed(old: old, new: new)
    }
  }

  /// One side: a recording, or a plain JSON body taken as a 200 response.
  private static func side(_ path: String) throws(DiffInputError)
    -> (recording: Recording?, response: RecordedResponse, bytes: [UInt8])
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable("cannot read '\(path)': no such file, or not readable")
    }
    let bytes = [UInt8](data)
    let document: JSONDocument
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .unreadable("\(path):\(error.location.line):\(error.location.column): \(error.message)")
    }
    if document.value["formatVersion"] != nil && document.value["response"] != nil {
      do {
        let recording = try RecordingCodec.decode(document.value)
        return (recording, recording.response, bytes)
      } catch {
        throw .unreadable("\(path): \(error)")
      }
    }
    return (nil, RecordedResponse(status: 200, body: .json(document.value)), bytes)
  }

  /// The endpoint a bare body's items say they come from.
  private static func guessEndpoint(
    _ side: (recording: Recording?, response: RecordedResponse, bytes: [UInt8])
  ) -> EndpointID? {
    let objectType = side.response.body.json?["items"]?[0]?["attributes"]?["objectType"]
    return EndpointID.allCases.first { $0.itemObjectType == objectType?.stringValue }
  }

  private static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// The configuration: the named file, else the nearest `pc-contract.json` (see
  /// ``configurationFile(from:)``), else defaults.
  static func configuration(_ path: String?) throws(DiffInputError) -> ContractConfiguration {
    guard let file = path ?? configurationFile() else { return ContractConfiguration() }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw .unreadable("cannot read '\(file)': no such file, or not readable")
    }
    do {
      return try ContractConfiguration.parse([UInt8](data), file: file)
    } catch {
      throw .configuration(error.description)
    }
  }

  /// The `pc-contract.json` that applies in `folder` (the current one by default): the one in
  /// it, else in the nearest parent, looking no higher than the repository's top level (the
  /// first folder holding `.git`); nil when there is none. Relative when found in `folder`.
  static func configurationFile(from folder: String = ".") -> String? {
    let name = "pc-contract.json"
    if FileManager.default.fileExists(atPath: folder + "/" + name) {
      return folder == "." ? name : folder + "/" + name
    }
    var url = URL(fileURLWithPath: folder).standardizedFileURL
    while true {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
        return nil
      }
      let parent = url.deletingLastPathComponent()
      guard parent.path != url.path else { return nil }
      url = parent
      let candidate = url.appendingPathComponent(name).path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
  }

  /// Writes `text` to `path` through a temporary file in the same folder and a rename,
  /// creating the folder first (`--output reports/drift.sarif` in a fresh checkout).
  static func write(_ text: String, to path: String) throws(DiffInputError) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    do {
      try AtomicFile.write(Array(text.utf8), toPath: path)
    } catch {
      throw .unwritable(path, reason: error.reason)
    }
  }

  /// Today's date in UTC, `YYYY-MM-DD`.
  static func today() -> String { UTCDate(Date()).day }

  /// Why `text` is not a day `YYYY-MM-DD`, or nil when it is one.
  static func dateProblem(_ text: String) -> String? {
    guard RFC3339Explanation.dateProblem(text) != nil else { return nil }
    return RFC3339Explanation.impossibleDay(text) ?? "not a date"
  }
}

/// Why `pc-contract diff` could not run.
enum DiffInputError: Error, Sendable, CustomStringConvertible {
  /// An input or the configuration could not be read or understood.
  case unreadable(String)
  /// The configuration file says something invalid: a usage error.
  case configuration(String)
  /// One side is a folder and the other a file.
  case mixed(old: String, new: String)
  /// A report file could not be written, and the system's reason.
  case unwritable(String, reason: String)

  /// The exit code: 2 for a configuration that says something invalid, else 3.
  var exitCode: Int32 {
    if case .configuration = self { return ExitCode.usage }
    return ExitCode.couldNotRun
  }

  var description: String {
    switch self {
    case .unreadable(let message), .configuration(let message): message
    case .mixed(let old, let new):
      "OLD and NEW must both be files or both be folders ('\(old)', '\(new)')"
    case .unwritable(let path, let reason): "cannot write '\(path)': \(reason)"
    }
  }
}
