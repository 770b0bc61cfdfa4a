import Foundation
import PartnerCenterContracts
import Testing

@Suite struct FileContentsTests {
  @Test func readsAFileWholeAndFilesWithoutASize() throws {
    let path = NSTemporaryDirectory() + "file-contents-\(UUID().uuidString).bin"
    let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try AtomicFile.write(bytes, toPath: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try FileContents.bytes(atPath: path) == bytes)
    // /proc files report size 0 and are read on in chunks.
    let status = try FileContents.bytes(atPath: "/proc/self/status")
    #expect(String(decoding: status, as: UTF8.self).contains("VmRSS"))
  }

  @Test func aMissingFileSaysWhichAndWhy() {
    #expect(throws: FileReadError.self) { try FileContents.bytes(atPath: "/nonexistent/x.json") }
    do {
      _ = try FileContents.bytes(atPath: "/nonexistent/x.json")
    } catch {
      #expect(error.description == "cannot read '/nonexistent/x.json': no such file or directory")
    }
  }
}
