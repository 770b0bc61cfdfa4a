// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "PartnerCenterContracts",
  products: [
    .library(name: "JSONCore", targets: ["JSONCore"]),
    .library(name: "JSONSchemaValidation", targets: ["JSONSchemaValidation"]),
    .library(name: "PartnerCenterContracts", targets: ["PartnerCenterContracts"]),
    .executable(name: "pc-contract", targets: ["pc-contract"]),
  ],
  dependencies: [],
  targets: [
    .target(name: "JSONCore"),
    .target(name: "JSONSchemaValidation", dependencies: ["JSONCore"]),
    // The system zlib (Foundation on Linux links it already), for gzip and deflate bodies.
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .target(
      name: "PartnerCenterContracts", dependencies: ["JSONCore", "JSONSchemaValidation", "CZlib"]),
    .target(
      name: "PartnerCenterContractsCLI",
      dependencies: ["JSONCore", "JSONSchemaValidation", "PartnerCenterContracts"]),
    .executableTarget(name: "pc-contract", dependencies: ["PartnerCenterContractsCLI"]),
    .executableTarget(
      name: "json-schema-conformance", dependencies: ["JSONCore", "JSONSchemaValidation"],
      path: "Conformance", exclude: ["known-gaps.json"]),
    .executableTarget(
      name: "pc-contract-benchmarks",
      dependencies: ["JSONCore", "JSONSchemaValidation", "PartnerCenterContracts"],
      path: "Benchmarks/Sources"),
    .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
    .testTarget(
      name: "JSONSchemaValidationTests",
      dependencies: ["JSONCore", "JSONSchemaValidation", "json-schema-conformance"]),
    .target(name: "ContractTestSupport", path: "Tests/ContractTestSupport"),
    .testTarget(
      name: "PartnerCenterContractsTests",
      dependencies: ["PartnerCenterContracts", "ContractTestSupport"],
      exclude: ["Golden", "Reports/Golden", "OpenAPI/Golden"]),
    .testTarget(
      name: "PartnerCenterContractsCLITests",
      dependencies: ["PartnerCenterContractsCLI", "ContractTestSupport", "CZlib"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
