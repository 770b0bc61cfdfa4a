import JSONCore
