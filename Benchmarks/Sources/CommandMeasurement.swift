import Foundation
import JSONCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `pc-contract validate` of the collection, against the core doing the same work, both as
/// fresh processes on the same file: reading it, parsing, validating (benchmark schema,
/// formats asserted, all errors). The difference is what the command adds: input detection,
/// findings, locating them in the text, the report. Target: at most 20% more.
func runCommand(_ options: BenchmarkOptions) {
  let input = loadInput(options)
  let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let tool = directory.appendingPathComponent("pc-contract").path
  guard FileManager.default.isExecutableFile(atPath: tool) else {
    fail("no pc-contract next to this benchmark; build it: swift build -c release", exitCode: 3)
  }
  let file = NSTemporaryDirectory() + "pc-contract-benchmark-\(getpid()).json"
  guard writeFile(file, input) else { fail("cannot write \(file)", exitCode: 3) }
  defer { unlink(file) }
  let schema = benchmarkSchemaPath()
  let core = timeProcess(
    "core in a process", CommandLine.arguments[0], ["core-once", "--input", file], options)
  let command = timeProcess(
    "pc-contract validate", tool, ["validate", file, "--schema", schema, "--format", "json"],
    options)
  print(
    "command / core: \(fixed(command.wall / core.wall, 2))x wall, "
      + "\(fixed(command.cpu / core.cpu, 2))x CPU (target at most 1.2)")
}

/// The core alone, once, as `runCommand` times it: read the file, parse, validate.
func runCoreOnce(_ options: BenchmarkOptions) {
  guard let path = options.inputPath, let bytes = readFile(path) else {
    fail("core-once needs --input FILE", exitCode: 2)
  }
  let validator = benchmarkValidator()
  do {
    let document = try JSONParser.parse(bytes)
    let errors = validator.validate(document.value, mode: .allErrors).errors
    print("errors: \(errors.count)")
    // Exits with the tree alive, as `pc-contract` does: freeing it is no part of the work.
    withExtendedLifetime(document) { exit(0) }
  } catch {
    fail("parse failed: \(error)", exitCode: 1)
  }
}

/// Runs `path` with `arguments` the repetitions' number of times, output discarded; prints
/// and returns the best wall time and the best user+system CPU time.
private func timeProcess(
  _ name: String, _ path: String, _ arguments: [String], _ options: BenchmarkOptions
) -> (wall: Double, cpu: Double) {
  var bestWall = Double.infinity
  var bestCPU = Double.infinity
  for _ in 0..<max(1, options.repetitions) {
    let cpuBefore = childrenCPUSeconds()
    let start = monotonicSeconds()
    // posix_spawn and waitpid, not Foundation's Process, whose wait polls in steps.
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid = pid_t()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else {
      fail("cannot run \(path)", exitCode: 3)
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let wall = monotonicSeconds() - start
    let cpu = childrenCPUSeconds() - cpuBefore
    bestWall = min(bestWall, wall)
    bestCPU = min(bestCPU, cpu)
    if options.verbose { print("  run: \(fixed(wall, 3)) s wall, \(fixed(cpu, 3)) s CPU") }
  }
  print(
    "\(name): \(fixed(bestWall, 3)) s wall, \(fixed(bestCPU, 3)) s CPU "
      + "(best of \(max(1, options.repetitions)))")
  return (bestWall, bestCPU)
}

/// User and system CPU seconds of the children waited for so far.
private func childrenCPUSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_CHILDREN.rawValue, &usage)
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
