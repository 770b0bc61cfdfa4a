import CZlib
import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

/// `capture` against a loopback server that misbehaves on purpose, one scenario per promise:
/// the token stays with its origin and out of every file and message, compressed answers are
/// read right, memory and time are bounded per response, paging ends, and nothing is written
/// outside `--out`. Each run is the built binary under an address-space limit, so that a
/// regression fails the test instead of exhausting the machine; each asserts the exit code,
/// the files written, the requests the server saw and the peak memory.
@Suite("capture against a hostile server", .serialized)
struct HostileServerTests {
  /// The token, with characters that percent-encoding changes.
  static let token = "hostile+canary/token=0123456789abcdefXYZ"
  /// Every form a server might echo it in.
  static let tokenForms: [String] = [
    token, token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token,
    Data(token.utf8).base64EncodedString(),
  ]
  /// Twice the default body limit: the most memory a run may use.
  static let memoryBound = 2 * URLSessionTransport.defaultMaximumBodySize

  /// A fresh folder with an empty home; removed by the caller.
  struct Scene {
    let root: URL
    var home: String { root.appendingPathComponent("home").path }
    var out: String { root.appendingPathComponent("out").path }

    init() throws {
      root = FileManager.default.temporaryDirectory
        .appendingPathComponent("hostile-\(UUID().uuidString)")
      try FileManager.default.createDirectory(
        atPath: root.appendingPathComponent("home").path, withIntermediateDirectories: true)
    }

    /// Runs `pc-contract capture TARGET... --base-url ... --out out --retries 0 ARGS`.
    func capture(_ target: [String], port: Int, _ extra: [String] = []) throws -> LimitedRun {
      try LimitedRun.run(
        ["capture"] + target + [
          "--base-url", "http://127.0.0.1:\(port)", "--out", "out", "--retries", "0",
        ] + extra, directory: root.path,
        environment: ["HOME": home, "PARTNER_CENTER_TOKEN": HostileServerTests.token])
    }

    /// What every scenario must hold: no token in any file or output, nothing in the home
    /// folder, memory within twice the body limit.
    func assertSafe(
      _ run: LimitedRun, sourceLocation: SourceLocation = #_sourceLocation
    ) {
      let files = FileManager.default.subpaths(atPath: root.path) ?? []
      for file in files {
        let text = (try? String(contentsOfFile: root.path + "/" + file, encoding: .utf8)) ?? ""
        for form in HostileServerTests.tokenForms {
          #expect(!text.contains(form), "\(file) holds the token", sourceLocation: sourceLocation)
        }
      }
      for form in HostileServerTests.tokenForms {
        #expect(
          !run.stdout.contains(form) && !run.stderr.contains(form), sourceLocation: sourceLocation)
      }
      #expect(
        (FileManager.default.subpaths(atPath: home) ?? []).isEmpty, "files in HOME",
        sourceLocation: sourceLocation)
      guard let peak = run.peakMemory else {
        print("not measured: peak memory (no /usr/bin/time); the address-space limit still holds")
        return
      }
      #expect(
        peak < HostileServerTests.memoryBound, "peak memory \(peak >> 20) MiB",
        sourceLocation: sourceLocation)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  static func partnerBody(serviceName: String = "o365", extra: String = "") -> String {
    """
    {"totalCount":1,"items":[{"proratedLicensesUsagePercent":26.16,"workloadName":"Exchange",\
    "processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":\(JSONWriter.compact(.string(serviceName))),\
    "channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}\(extra)}],\
    "attributes":{"objectType":"Collection"}}
    """
  }

  static func head(_ status: String, _ headers: [String]) -> String {
    "HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n"
  }

  static func json(_ body: String, status: String = "200 OK", headers: [String] = []) -> [UInt8] {
    Array(
      head(
        status,
        ["Content-Type: application/json; charset=utf-8", "Content-Length: \(body.utf8.count)"]
          + headers
      ).utf8) + Array(body.utf8)
  }

  // MARK: The token never leaves its origin

  @Test func redirectsToAnotherOriginNeverCarryTheToken() throws {
    let elsewhere = try HostileServer { _, connection in
      connection.write(Self.json(Self.partnerBody()))
    }
    defer { elsewhere.stop() }
    let targets = [
      (301, "http://127.0.0.1:\(elsewhere.port)/v1/analytics/licenses/usage"),
      (302, "http://localhost:\(elsewhere.port)/v1/analytics/licenses/usage"),
      (307, "http://127.0.0.1:\(elsewhere.port)/v1/analytics/licenses/usage"),
      (308, "http://127.0.0.1:\(elsewhere.port)/v1/analytics/licenses/usage"),
      (302, "ftp://127.0.0.1:\(elsewhere.port)/usage"),
    ]
    for (status, location) in targets {
      let scene = try Scene()
      defer { scene.remove() }
      let server = try HostileServer { _, connection in
        connection.write(
          Self.head("\(status) Moved", ["Location: \(location)", "Content-Length: 0"]))
      }
      defer { server.stop() }
      let run = try scene.capture(["partner"], port: server.port)
      #expect(run.code == 3, "\(status) \(location): \(run.stderr)")
      #expect(run.stderr.contains("another origin"), "\(run.stderr)")
      scene.assertSafe(run)
      #expect(server.requests.count == 1)
    }
    #expect(elsewhere.requests.isEmpty, "the other origin was called")
  }

  @Test func sameOriginRedirectsAreFollowedAtMostFiveTimes() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { request, connection in
      connection.write(
        Self.head("302 Found", ["Location: \(request.target)x", "Content-Length: 0"]))
    }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port)
    #expect(run.code == 3)
    #expect(run.stderr.contains("more than 5 redirects"), "\(run.stderr)")
    #expect(server.requests.count == 6)
    #expect(server.requests.allSatisfy { $0.header("Authorization") != nil })
    scene.assertSafe(run)
  }

  @Test func aNextPageOnAnotherOriginIsNotFollowed() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let elsewhere = try HostileServer { _, connection in connection.write(Self.json("{}")) }
    defer { elsewhere.stop() }
    let server = try HostileServer { _, connection in
      connection.write(
        Self.json(
          #"{"totalCount":1,"items":[{"id":"0c39d6d5-c70d-4c55-bc02-f620844f3fd1"}],"links":{"next":{"uri":"http://127.0.0.1:\#(elsewhere.port)/v1/customers?page=2","headers":[{"key":"MS-ContinuationToken","value":"t2"}]}},"attributes":{"objectType":"Collection"}}"#
        ))
    }
    defer { server.stop() }
    let run = try scene.capture(["customers"], port: server.port)
    #expect(run.code == 3)
    #expect(run.stderr.contains("links.next names another origin"), "\(run.stderr)")
    #expect(elsewhere.requests.isEmpty)
    scene.assertSafe(run)
  }

  // MARK: The token is scrubbed wherever it would be written

  @Test func anEchoedTokenIsScrubbedFromEveryRecordingAndMessage() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let encoded = Self.tokenForms[1]
    let base64 = Self.tokenForms[2]
    let server = try HostileServer { request, connection in
      let echoed = request.header("Authorization") ?? ""
      let body = Self.partnerBody(
        serviceName: echoed,
        extra: ",\(JSONWriter.compact(.string(Self.token))):\"key\",\"b\":\"\(base64)\"")
      connection.write(
        Self.json(
          body,
          headers: [
            "X-Echo: \(echoed)", "X-Echo-Percent: \(encoded)", "X-Echo-Base64: \(base64)",
            "X-\(base64.prefix { $0 != "=" }): name",
          ]))
    }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port)
    #expect(run.code == 0 || run.code == 1, "\(run.stderr)")
    let recording = try String(
      contentsOfFile: scene.out + "/partner/licenses-usage.json", encoding: .utf8)
    #expect(recording.contains(SecretScrubber.replacement))
    scene.assertSafe(run)
  }

  @Test func credentialsInTheBaseURLAreRefusedWithoutBeingRepeated() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { _, connection in connection.write(Self.json("{}")) }
    defer { server.stop() }
    let run = try LimitedRun.run(
      [
        "capture", "partner", "--base-url",
        "http://someone:pa55word-in-url@127.0.0.1:\(server.port)", "--out", "out",
      ], directory: scene.root.path,
      environment: ["HOME": scene.home, "PARTNER_CENTER_TOKEN": Self.token])
    #expect(run.code == 2)
    #expect(run.stderr.contains("user information"))
    #expect(!run.stderr.contains("pa55word-in-url") && !run.stdout.contains("pa55word-in-url"))
    #expect(server.requests.isEmpty)
    scene.assertSafe(run)
  }

  // MARK: Compressed answers are read right

  /// `bytes` compressed: gzip, or zlib for HTTP's `deflate`.
  static func compressed(_ bytes: [UInt8], gzip: Bool, repeat times: Int = 1) -> [UInt8] {
    var stream = z_stream()
    deflateInit2_(
      &stream, 1, Z_DEFLATED, gzip ? 31 : 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var input = bytes
    for round in 0..<times {
      let flush = round == times - 1 ? Z_FINISH : Z_NO_FLUSH
      input.withUnsafeMutableBufferPointer { source in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        repeat {
          buffer.withUnsafeMutableBufferPointer { target in
            stream.next_out = target.baseAddress
            stream.avail_out = UInt32(target.count)
            deflate(&stream, flush)
            output += target[0..<(target.count - Int(stream.avail_out))]
          }
        } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
      }
    }
    return output
  }

  @Test func compressedAnswersOfEverySizeAreReadRight() throws {
    let bodies = [
      Self.partnerBody(), #"{"totalCount":0,"items":[],"attributes":{"objectType":"Collection"}}"#,
      Self.partnerBody(serviceName: String(repeating: "o365 ", count: 20_000)),
    ]
    for gzip in [true, false] {
      for body in bodies {
        let scene = try Scene()
        defer { scene.remove() }
        let coded = Self.compressed(Array(body.utf8), gzip: gzip)
        let server = try HostileServer { _, connection in
          connection.write(
            Self.head(
              "200 OK",
              [
                "Content-Type: application/json", "Content-Encoding: \(gzip ? "gzip" : "deflate")",
                "Content-Length: \(coded.count)",
              ]))
          connection.write(coded)
        }
        defer { server.stop() }
        let run = try scene.capture(["partner"], port: server.port)
        #expect(
          run.code == 0, "\(gzip ? "gzip" : "deflate") \(body.utf8.count) bytes: \(run.stderr)")
        #expect(!run.stderr.contains("truncated"))
        let recording = try JSONParser.parse(
          FileContents.bytes(atPath: scene.out + "/partner/licenses-usage.json")
        ).value
        #expect(recording["response"]?["body"] == (try JSONParser.parse(Array(body.utf8)).value))
        scene.assertSafe(run)
      }
    }
    // An error body, compressed, is recorded as the error it is.
    let scene = try Scene()
    defer { scene.remove() }
    let error = Self.compressed(
      Array(#"{"code":404,"description":"not found","source":"PartnerFD"}"#.utf8), gzip: true)
    let server = try HostileServer { _, connection in
      connection.write(
        Self.head(
          "404 Not Found",
          [
            "Content-Type: application/json", "Content-Encoding: gzip",
            "Content-Length: \(error.count)",
          ]
        ))
      connection.write(error)
    }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port)
    #expect(run.stdout.contains("1 error response"), "\(run.stdout) \(run.stderr)")
    scene.assertSafe(run)
  }

  // MARK: Bounded memory and time per response

  @Test func bodiesThatNeverEndStopAtTheLimit() throws {
    let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 16)
    let endless: [(String, @Sendable (HostileServer.Connection) -> Void)] = [
      (
        "chunked",
        { connection in
          connection.write(
            Self.head("200 OK", ["Content-Type: application/json", "Transfer-Encoding: chunked"]))
          connection.write("1\r\n[\r\n")
          // At most 1 GiB, so that the server ends even if the client never does.
          for _ in 0..<(1 << 14) {
            guard connection.write("10000\r\n") && connection.write(chunk + [13, 10]) else {
              return
            }
          }
        }
      ),
      (
        "close-delimited",
        { connection in
          connection.write(Self.head("200 OK", ["Content-Type: application/json"]))
          for _ in 0..<(1 << 14) where !connection.write(chunk) { return }
        }
      ),
      (
        "2 GB Content-Length",
        { connection in
          connection.write(
            Self.head("200 OK", ["Content-Type: application/json", "Content-Length: 2147483648"]))
          for _ in 0..<(1 << 14) where !connection.write(chunk) { return }
        }
      ),
    ]
    for (name, respond) in endless {
      let scene = try Scene()
      defer { scene.remove() }
      let server = try HostileServer { _, connection in respond(connection) }
      defer { server.stop() }
      let run = try scene.capture(["partner"], port: server.port)
      #expect(run.code == 3, "\(name): \(run.stderr)")
      #expect(run.stderr.contains("exceeds 256 MiB"), "\(name): \(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: scene.out + "/partner/licenses-usage.json"))
      scene.assertSafe(run)
    }
  }

  @Test func aGzipBombStopsAtTheLimit() throws {
    let scene = try Scene()
    defer { scene.remove() }
    // 1 GiB of spaces, about 1 MB coded.
    let bomb = Self.compressed(
      [UInt8](repeating: UInt8(ascii: " "), count: 1 << 20), gzip: true, repeat: 1024)
    let server = try HostileServer { _, connection in
      connection.write(
        Self.head(
          "200 OK",
          [
            "Content-Type: application/json", "Content-Encoding: gzip",
            "Content-Length: \(bomb.count)",
          ]
        ))
      connection.write(bomb)
    }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port)
    #expect(run.code == 3, "\(run.stderr)")
    #expect(run.stderr.contains("exceeds 256 MiB"), "\(run.stderr)")
    scene.assertSafe(run)
  }

  /// Announces a 1000-byte body and sends one byte a second, for at most `seconds`.
  static func trickle(_ connection: HostileServer.Connection, seconds: Int) {
    connection.write(
      Self.head("200 OK", ["Content-Type: application/json", "Content-Length: 1000"]))
    for _ in 0..<seconds {
      guard connection.write(" ") else { return }
      Thread.sleep(forTimeInterval: 1)
    }
  }

  @Test func aTricklingBodyEndsAtTheTimeout() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { _, connection in Self.trickle(connection, seconds: 60) }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port, ["--timeout", "3"])
    #expect(run.code == 3)
    #expect(run.stderr.contains("no complete response within 3 s"), "\(run.stderr)")
    #expect(run.seconds < 20)
    scene.assertSafe(run)
  }

  // MARK: Paging ends

  static func customerPage(ids: [String], next: String?, headers: String = "") -> String {
    let items = ids.map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
    let links =
      next.map {
        #","links":{"next":{"uri":"\#($0)","headers":[{"key":"MS-ContinuationToken","value":"\#(UUID().uuidString)"}\#(headers)]}}"#
      } ?? ""
    return
      #"{"totalCount":\#(ids.count),"items":[\#(items)]\#(links),"attributes":{"objectType":"Collection"}}"#
  }

  @Test func endlessAndLoopingPagersEnd() throws {
    let fresh: @Sendable () -> String = { UUID().uuidString.lowercased() }
    let same = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
    let evil = (0..<200).map {
      #",{"key":"X-Evil-\#($0)","value":"\#(String(repeating: "v", count: 100))"}"#
    }
    .joined()
    let cases: [(String, [String], String, @Sendable () -> String)] = [
      (
        "more than 5 pages (--max-pages)", ["--max-pages", "5"], "",
        { Self.customerPage(ids: [fresh()], next: "/customers?n") }
      ),
      ("adds no new customer", [], "", { Self.customerPage(ids: [same], next: "/customers?n") }),
      (
        "more than 3 customers (--max-customers)", ["--max-customers", "3"], "",
        {
          Self.customerPage(ids: (0..<5).map { _ in fresh() }, next: nil)
        }
      ),
    ]
    for (message, extra, _, page) in cases {
      let scene = try Scene()
      defer { scene.remove() }
      let server = try HostileServer { _, connection in connection.write(Self.json(page())) }
      defer { server.stop() }
      let run = try scene.capture(["customers"], port: server.port, extra)
      #expect(run.code == 3, "\(message): \(run.stderr)")
      #expect(run.stderr.contains(message), "\(run.stderr)")
      #expect(server.requests.count <= 6)
      scene.assertSafe(run)
    }
    // A pager that injects headers: only the continuation token is sent on.
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { request, connection in
      let first = !request.target.contains("seek")
      connection.write(
        Self.json(
          Self.customerPage(
            ids: [fresh()], next: first ? "/customers?seek" : nil, headers: evil)))
    }
    defer { server.stop() }
    let run = try scene.capture(["customers"], port: server.port)
    #expect(server.requests.count >= 2)
    #expect(server.requests.allSatisfy { $0.headers.allSatisfy { !$0.name.hasPrefix("X-Evil") } })
    let second = server.requests.first { $0.target.contains("seek") }
    #expect(second?.header("MS-ContinuationToken") != nil, "\(run.stderr)")
    scene.assertSafe(run)
  }

  // MARK: The token exchange and the whole run

  @Test func theTokenExchangeGoesOnlyToTheConfiguredAuthority() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let elsewhere = try HostileServer { _, connection in
      connection.write(Self.json(#"{"access_token":"stolen","expires_in":3600}"#))
    }
    defer { elsewhere.stop() }
    let authority = try HostileServer { _, connection in
      connection.write(
        Self.head(
          "307 Temporary Redirect",
          ["Location: http://127.0.0.1:\(elsewhere.port)/t1/oauth2/token", "Content-Length: 0"]))
    }
    defer { authority.stop() }
    let api = try HostileServer { _, connection in connection.write(Self.json(Self.partnerBody())) }
    defer { api.stop() }
    let run = try LimitedRun.run(
      [
        "capture", "partner", "--base-url", "http://127.0.0.1:\(api.port)", "--authority",
        "http://127.0.0.1:\(authority.port)", "--tenant", "t1", "--out", "out", "--retries", "0",
      ], directory: scene.root.path,
      environment: [
        "HOME": scene.home, "PARTNER_CENTER_REFRESH_TOKEN": Self.token,
        "PARTNER_CENTER_CLIENT_ID": "client",
      ])
    #expect(run.code == 3, "\(run.stderr)")
    #expect(run.stderr.contains("another origin"), "\(run.stderr)")
    #expect(elsewhere.requests.isEmpty)
    #expect(api.requests.isEmpty)
    scene.assertSafe(run)
  }

  @Test func theWholeRunEndsAtItsDeadline() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { _, connection in Self.trickle(connection, seconds: 30) }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port, ["--deadline", "2"])
    #expect(run.code == 3)
    #expect(run.stderr.contains("passed its --deadline of 2 s"), "\(run.stderr)")
    #expect(run.seconds < 15)
    scene.assertSafe(run)
  }

  @Test func anHTTP09AnswerIsNamedForWhatItIs() throws {
    let scene = try Scene()
    defer { scene.remove() }
    let server = try HostileServer { _, connection in
      connection.write(#"{"totalCount":0,"items":[]}"# + "\n")
    }
    defer { server.stop() }
    let run = try scene.capture(["partner"], port: server.port)
    #expect(run.code == 3)
    #expect(run.stderr.contains("the answer is not an HTTP/1.x response"), "\(run.stderr)")
    #expect(!run.stderr.contains("invalid URL"))
    scene.assertSafe(run)
  }

  @Test func aFullDiskIsNamedWithItsFileAndLeavesNoPartOfIt() throws {
    let scene = try Scene()
    defer { scene.remove() }
    // A 64 KiB file system for --out; where mounting is not allowed the test says so.
    let disk = scene.root.appendingPathComponent("full").path
    try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
    let mount =
      FileManager.default.isExecutableFile(atPath: "/bin/mount")
      ? try runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]) : -1
    guard mount == 0 else {
      print("skipped: cannot mount a small tmpfs here (exit \(mount)) to fill the disk")
      return
    }
    defer { _ = try? runProcess("/bin/umount", [disk]) }
    let items = (0..<2000).map { index in
      #"{"proratedLicensesUsagePercent":26.16,"workloadName":"W\#(index)","processedDateTime":"2017-03-10T00:00:00+00:00","serviceName":"o365","channel":"reseller","attributes":{"objectType":"PartnerLicensesUsageInsights"}}"#
    }
    let body =
      #"{"totalCount":2000,"items":["# + items.joined(separator: ",")
      + #"],"attributes":{"objectType":"Collection"}}"#
    let server = try HostileServer { _, connection in connection.write(Self.json(body)) }
    defer { server.stop() }
    let run = try LimitedRun.run(
      [
        "capture", "partner", "--base-url", "http://127.0.0.1:\(server.port)", "--out",
        disk + "/out", "--retries", "0",
      ], directory: scene.root.path,
      environment: ["HOME": scene.home, "PARTNER_CENTER_TOKEN": Self.token])
    #expect(run.code == 3)
    #expect(
      run.stderr.contains(
        "\(disk)/out/partner/licenses-usage.json: cannot write the file: No space left on device"),
      "\(run.stderr)")
    #expect((FileManager.default.subpaths(atPath: disk + "/out/partner") ?? []).isEmpty)
  }

  /// Runs `path` with `arguments`; its exit status.
  private func runProcess(_ path: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
