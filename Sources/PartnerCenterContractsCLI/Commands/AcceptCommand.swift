import Foundation
import JSONCore
import PartnerCenterContracts

/// `pc-contract accept`: writes an accepted-drift entry into pc-contract.json, keeping the
/// file's other members and their order (as `cargo add` edits Cargo.toml).
public enum AcceptCommand: Command {
  public static let name = "accept"

  static let reason: ArgumentSpec.Option = .value(
    "--reason", valueName: "TEXT", help: "Why the drift is accepted (required).")
  static let expires: ArgumentSpec.Option = .value(
    "--expires", valueName: "YYYY-MM-DD",
    help: "The last day the acceptance applies; after it, runs report it again.")
  static let path: ArgumentSpec.Option = .value(
    "--path", valueName: "POINTER",
    help: "Accept findings at this JSON Pointer pattern ('*' for any token), with --kind.")
  static let kind: ArgumentSpec.Option = .value(
    "--kind", valueName: "KIND", help: "Accept findings of this kind, with --path.")
  static let config = ConfigurationOptions.config(
    help: "The file to edit (default: the nearest pc-contract.json, else ./pc-contract.json).")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract accept",
    overview: "Accept a finding in pc-contract.json, with a reason and an expiry date.",
    usage: "FINGERPRINT --reason TEXT [--expires YYYY-MM-DD] | --path P --kind K --reason TEXT",
    options: [
      reason,
      expires,
      path,
      kind,
      config,
      OutputOptions.quiet,
    ],
    positionals: [("FINGERPRINT", "The finding's fingerprint, from a report (16 hex digits).")],
    maximumPositionals: 1,
    discussion: """
      An entry for the same fingerprint (or the same path and kind) is updated in place; a new
      one is added at the end of acceptedDrift. The file is written whole or not at all, and
      only after the edited configuration has been read back as valid.

      EXIT CODES: 0 written, 2 usage error or an invalid pc-contract.json, 3 the file could
      not be read or written.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    let entry = try entry(arguments)
    let file =
      ConfigurationOptions.file(arguments) ?? ConfigurationFile.nearest() ?? ConfigurationFile.name
    var document = JSONObject()
    if FileManager.default.fileExists(atPath: file) {
      let bytes = try FileContents.bytes(atPath: file)
      let parsed: JSONValue
      do {
        _ = try ContractConfiguration.parse(bytes, file: file)
        parsed = try JSONParser.parse(bytes).value
      } catch {
        throw UsageError.invalid("\(error); fix it before accepting more")
      }
      // The configuration reader accepted it, so it is an object.
      if case .object(let object) = parsed { document = object }
    }
    var entries = document["acceptedDrift"]?.arrayValue ?? []
    let key = entry["fingerprint"] ?? entry["path"]
    let same = entries.firstIndex {
      $0["fingerprint"] == entry["fingerprint"] && $0["path"] == entry["path"]
        && $0["kind"] == entry["kind"] && key != nil
    }
    if let same { entries[same] = entry } else { entries.append(entry) }
    document["acceptedDrift"] = .array(entries)
    let text = JSONWriter.pretty(.object(document), sortKeys: false) + "\n"
    do {
      _ = try ContractConfiguration.parse(Array(text.utf8), file: file)
    } catch {
      throw UsageError.invalid("the entry would make \(file) invalid: \(error)")
    }
    try CommandFailure.write(text, to: file)
    if !arguments.flag(OutputOptions.quiet) {
      let what =
        entry["fingerprint"]?.stringValue.map { "fingerprint \($0)" }
        ?? "\(entry["kind"]?.stringValue ?? "") at \(entry["path"]?.stringValue ?? "")"
      let until = entry["expires"]?.stringValue.map { " until \($0)" } ?? ""
      io.err(
        "pc-contract accept: \(same == nil ? "accepted" : "updated") \(what)\(until) in \(file)\n")
    }
    return ExitCode.success
  }

  /// The entry the command line describes, members in the order the README shows them.
  private static func entry(_ arguments: ParsedArguments) throws(UsageError) -> JSONValue {
    guard let reason = arguments.value(Self.reason),
      !reason.trimmingCharacters(in: .whitespaces).isEmpty
    else {
      throw .invalid("--reason TEXT is required: say why the drift is accepted")
    }
    var entry = JSONObject()
    let fingerprint = arguments.positionals.first
    let path = arguments.value(Self.path)
    let kind = arguments.value(Self.kind)
    switch (fingerprint, path, kind) {
    case (let fingerprint?, nil, nil):
      guard Finding.isFingerprint(fingerprint) else {
        throw .invalid(
          "'\(fingerprint)' is not a fingerprint (16 hexadecimal digits, as reports give them)")
      }
      entry["fingerprint"] = .string(fingerprint)
    case (nil, let path?, let kind?):
      do {
        _ = try PointerPattern(parsing: path)
      } catch {
        throw .invalid("option '--path' needs a JSON Pointer pattern (/items/*/name): \(error)")
      }
      guard FindingKind(id: kind) != nil else {
        let kinds = FindingKind.all.map { $0.id }
        throw .invalid(
          "no finding kind '\(kind)'; \(NearestName.hint(for: kind, among: kinds)) 'pc-contract rules'"
        )
      }
      entry["path"] = .string(path)
      entry["kind"] = .string(kind)
    default:
      throw .invalid("accept either FINGERPRINT, or --path and --kind together")
    }
    entry["reason"] = .string(reason)
    if let expires = arguments.value(Self.expires) {
      if let problem = UTCDate.dayProblem(expires) {
        throw .invalid("option '--expires' needs a date YYYY-MM-DD, not '\(expires)': \(problem)")
      }
      entry["expires"] = .string(expires)
    }
    return .object(entry)
  }
}
