import Foundation
import JSONCore
import PartnerCenterContracts

/// The file side of `pc-contract diff`: reading the two sides, files or folders.
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
}

/// Why `pc-contract diff` could not run.
enum DiffInputError: Error, Sendable, CustomStringConvertible {
  /// An input could not be read or understood.
  case unreadable(String)
  /// One side is a folder and the other a file.
  case mixed(old: String, new: String)

  var description: String {
    switch self {
    case .unreadable(let message): message
    case .mixed(let old, let new):
      "OLD and NEW must both be files or both be folders ('\(old)', '\(new)')"
    }
  }
}
