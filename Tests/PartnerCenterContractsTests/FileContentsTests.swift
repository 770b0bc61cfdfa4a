import Foundation
import Testing

@testable import PartnerCenterContracts

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

  @Test func aLargeFileIsReadInPartsIntoTheSameBytes() throws {
    let path = NSTemporaryDirectory() + "file-contents-\(UUID().uuidString).bin"
    // An odd size, so that the parts differ in length, with no run that repeats at a part's
    // length.
    let count = FileContents.partedReadSize * 2 + 12_345
    var bytes = [UInt8](repeating: 0, count: count)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for index in bytes.indices {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
    }
    try AtomicFile.write(bytes, toPath: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try FileContents.bytes(atPath: path) == bytes)
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
