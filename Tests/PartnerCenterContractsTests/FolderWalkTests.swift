import Foundation
import Testing

@testable import PartnerCenterContracts

/// The folder walk the commands and the recording store share, and the clean-up of a killed
/// run's temporary files built on it.
@Suite struct FolderWalkTests {
  static func folder(_ files: [String]) throws -> String {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "walk-\(UUID().uuidString)")
    for file in files {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("{}".utf8).write(to: url)
    }
    return root.path
  }

  @Test func walksSortedSkipsHiddenAndFollowsLinksToFilesOnly() throws {
    let root = try Self.folder([
      "b/z.json", "a/y.json", "a/x.txt", ".hidden/h.json", "a/.h.json", "c.json",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createSymbolicLink(
      atPath: root + "/link.json", withDestinationPath: root + "/c.json")
    try FileManager.default.createSymbolicLink(
      atPath: root + "/loop", withDestinationPath: root)
    let found = try FolderWalk.files(in: root + "/") { $0.hasSuffix(".json") }
    #expect(found == ["a/y.json", "b/z.json", "c.json", "link.json"])
    let hidden = try FolderWalk.files(in: root, hidden: true) { $0.hasSuffix(".json") }
    #expect(hidden == ["a/.h.json", "a/y.json", "b/z.json", "c.json", "link.json"])
    #expect(throws: FileReadError.self) { try FolderWalk.files(in: root + "/none") { _ in true } }
  }

  @Test func staleTemporaryFilesAreRemovedAndNothingElse() throws {
    let temporary = ".licenses-usage.json.\(UUID().uuidString)\(FileNames.temporarySuffix)"
    let root = try Self.folder([
      "customers/a/licenses-usage.json", "customers/a/" + temporary, "partner/" + temporary,
      "partner/.notes",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(RecordingStore(directory: root).removeStaleTemporaryFiles() == 2)
    let left = FileManager.default.subpaths(atPath: root)?.sorted() ?? []
    #expect(
      left == [
        "customers", "customers/a", "customers/a/licenses-usage.json", "partner", "partner/.notes",
      ])
  }

  @Test func oneWalkListsTheRecordingsAndRemovesStaleTemporaryFiles() throws {
    let temporary = ".licenses-usage.json.\(UUID().uuidString)\(FileNames.temporarySuffix)"
    let root = try Self.folder([
      "customers/a/licenses-usage.json", "customers/a/" + temporary, "partner/" + temporary,
      "partner/.notes", "partner/.hidden.json", "partner/licenses-usage.json",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let store = RecordingStore(directory: root)
    let files = try store.recordingFilesRemovingStaleTemporaryFiles()
    #expect(files == ["customers/a/licenses-usage.json", "partner/licenses-usage.json"])
    // The same recordings the walk that only lists them finds, and the temporary files gone.
    #expect(try store.recordingFiles() == files)
    let left = FileManager.default.subpaths(atPath: root)?.sorted() ?? []
    #expect(!left.contains { $0.hasSuffix(FileNames.temporarySuffix) })
    #expect(left.contains("partner/.notes") && left.contains("partner/.hidden.json"))
  }
}
