import PartnerCenterContractsCLI

#if canImport(Glibc)
  import Glibc
#endif

let code = await PCContract.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfoEnvironment.current,
  io: StandardIO())
exit(code)
