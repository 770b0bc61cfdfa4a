import PartnerCenterContractsCLI

#if canImport(Glibc)
  import Glibc
#endif

// Foundation on Linux creates a URL cache folder and an application-support folder under the
// user's home (the XDG cache and data homes) when the first URLSession is made, even for an
// ephemeral session without a cache. Pointing both at a path that cannot be a folder makes
// those creations fail quietly: the tool writes nowhere but where it is told. Set before any
// other thread exists.
setenv("XDG_CACHE_HOME", "/dev/null/pc-contract-writes-no-cache", 1)
setenv("XDG_DATA_HOME", "/dev/null/pc-contract-writes-no-data", 1)

let code = await PCContract.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfoEnvironment.current,
  io: StandardIO())
exit(code)
