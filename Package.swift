// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "crm",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "crm", targets: ["crm"]),
    .library(name: "CRMKit", targets: ["CRMKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // The templates of automation rules (and, later, of campaign emails).
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    // SHA-256 of the hooks a user trusts: a maintained implementation, not our own.
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    .systemLibrary(name: "CMalloc"),
    .target(
      name: "CRMKit",
      dependencies: [
        "CYAML", .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .executableTarget(
      name: "crm",
      dependencies: [
        "CRMKit", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "CRMKitTests", dependencies: ["CRMKit"]),
    .testTarget(name: "CRMTests", dependencies: ["crm", "CRMKit"]),
  ]
)
