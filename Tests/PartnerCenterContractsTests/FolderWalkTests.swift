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
    let files = try store.mapRecordings(removingStaleTemporaryFiles: true) { path, bytes in
      "\(path) \(bytes.count)"
    }
    #expect(files == ["customers/a/licenses-usage.json 2", "partner/licenses-usage.json 2"])
    // The same recordings the walk that only reads them finds, and the temporary files gone.
    #expect(try store.load().map { "\($0.relativePath) \($0.bytes.count)" } == files)
    let left = FileManager.default.subpaths(atPath: root)?.sorted() ?? []
    #expect(!left.contains { $0.hasSuffix(FileNames.temporarySuffix) })
    #expect(left.contains("partner/.notes") && left.contains("partner/.hidden.json"))
  }

  static let isJSON: @Sendable (String) -> Bool = { $0.hasSuffix(".json") }

  @Test func filesAreTransformedOnceEachInRootThenPathOrder() throws {
    let names = (0..<300).map { "c/\(String($0 * 7919 % 1000, radix: 16))/r.json" } + ["a.json"]
    let root = try Self.folder(names + ["c/skip.txt"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let single = try Self.folder(["x.json"])
    defer { try? FileManager.default.removeItem(atPath: single) }
    let roots: [FolderWalk.Root] = [
      .file(single + "/x.json"), .folder(root), .folder(root + "/c/"),
    ]
    let visited = try FolderWalk.map(roots, where: Self.isJSON) { found in
      try? String(contentsOfFile: found.path, encoding: .utf8)
    }
    let below = names.sorted()
    let inC = names.filter { $0.hasPrefix("c/") }.map { String($0.dropFirst(2)) }.sorted()
    #expect(visited.map(\.found.relativePath) == [single + "/x.json"] + below + inC)
    #expect(visited.map(\.found.root) == [0] + below.map { _ in 1 } + inC.map { _ in 2 })
    #expect(visited.allSatisfy { $0.value == "{}" })
    #expect(visited.last?.found.path == root + "/c/" + inC.last!)
  }

  @Test func aFolderThatCannotBeReadFailsTheWalkWithTheFirstInOrder() throws {
    let root = try Self.folder(["a/r.json"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let anything: @Sendable (String) -> Bool = { _ in true }
    #expect(throws: FileReadError.self) {
      try FolderWalk.map([.folder(root), .folder(root + "/b")], where: anything) { $0.path }
    }
    do {
      _ = try FolderWalk.map(
        [.folder(root + "/c"), .folder(root), .folder(root + "/b")], where: anything
      ) {
        $0.path
      }
      Issue.record("a walk of folders that do not exist did not fail")
    } catch {
      #expect(error.path == root + "/c")
    }
  }
}
