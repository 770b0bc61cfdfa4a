import Testing

@testable import PartnerCenterContracts

@Suite struct SARIFColumnsTests {
  /// The column every byte offset of `line` must get: code points counted from the start.
  static func counted(_ line: [UInt8], byteColumn: Int) -> Int {
    line.prefix(byteColumn - 1).count { $0 & 0xC0 != 0x80 } + 1
  }

  @Test func columnsOnALongLineAreCountedFromTheStartOfTheLine() {
    // Three blocks and a bit of one line mixing 1-, 2-, 3- and 4-byte characters, so that
    // block boundaries fall inside sequences; then a short second line.
    let unit = Array("ab\u{E9}\u{20AC}\u{1F600}c".utf8)
    let long = Array((0..<(3 * SARIFColumns.blockSize / unit.count + 7)).map { _ in unit }.joined())
    let file = long + [0x0A] + Array("x\u{E9}y".utf8)
    var columns = SARIFColumns(readFile: { _ in file })
    for byteColumn in stride(from: 1, through: long.count + 1, by: 97) + [
      SARIFColumns.blockSize, SARIFColumns.blockSize + 1, 2 * SARIFColumns.blockSize + 1,
      long.count + 1,
    ] {
      #expect(
        columns.codePointColumn(file: "f", line: 1, byteColumn: byteColumn)
          == Self.counted(long, byteColumn: byteColumn), "byte column \(byteColumn)")
    }
    #expect(columns.codePointColumn(file: "f", line: 2, byteColumn: 4) == 3)
    // Past the end of the line, or on no line: the end, or the byte column as it is.
    #expect(columns.codePointColumn(file: "f", line: 2, byteColumn: 99) == 4)
    #expect(columns.codePointColumn(file: "f", line: 3, byteColumn: 5) == 5)
  }
}
