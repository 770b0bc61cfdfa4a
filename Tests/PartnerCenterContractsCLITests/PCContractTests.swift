import Foundation
import Synchronization
import Testing

@testable import PartnerCenterContractsCLI

/// Collects what a command writes.
final class CapturedIO: CommandIO {
  private let buffers = Mutex<(out: String, err: String)>(("", ""))
  func out(_ text: String) { buffers.withLock { $0.out += text } }
  func err(_ text: String) { buffers.withLock { $0.err += text } }
  var stdout: String { buffers.withLock { $0.out } }
  var stderr: String { buffers.withLock { $0.err } }
}

@Suite struct PCContractTests {
  @Test func helpPrintsUsageAndExitsZero() async {
    let io = CapturedIO()
    let code = await PCContract.run(arguments: ["--help"], environment: [:], io: io)
    #expect(code == 0)
    #expect(io.stdout.contains("USAGE: pc-contract <command>"))
    #expect(io.stderr.isEmpty)
  }

  @Test func unknownCommandIsAUsageError() async {
    let io = CapturedIO()
    let code = await PCContract.run(arguments: ["frobnicate"], environment: [:], io: io)
    #expect(code == 2)
    #expect(
      io.stderr
        == "pc-contract: unknown command 'frobnicate'; the commands are check, capture, validate, schemas, replay, diff, openapi, rules, explain, accept\n"
    )
    let typo = CapturedIO()
    #expect(await PCContract.run(arguments: ["valdate"], environment: [:], io: typo) == 2)
    #expect(
      typo.stderr
        == "pc-contract: unknown command 'valdate'; did you mean 'validate'? See 'pc-contract --help'\n"
    )
    #expect(io.stdout.isEmpty)
  }
}
