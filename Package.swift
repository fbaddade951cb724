// swift-tools-version: 6.1
// The target graph enforces the layering, and every module a target imports is declared here:
// - OncallSupport (hex, HTML escaping, RFC 3339, form-urlencoded, Message-ID domain) uses Foundation
//   only; every other target may depend on it.
// - OncallCore depends only on OncallSupport.
// - Adapters depend on OncallCore, OncallSupport and outside packages, never on each other, with
//   these exceptions: OncallHTTP and OncallClient use OncallAPI (the wire types they serve and
//   call), OncallInbound uses OncallMail (the MIME parser and mail intake), and OncallNotify and
//   OncallClient use OncallCurl (the libcurl wrapper).
// - Only OncallDaemon wires adapters together; the executables are thin (oncalld also reads
//   OncallConfig and OncallSystemd to start up).
import PackageDescription

let package = Package(
    name: "oncalld",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "oncalld", targets: ["oncalld"]),
        .executable(name: "oncallctl", targets: ["oncallctl"]),
        .executable(name: "oncall-bench", targets: ["oncall-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: - C system libraries
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),

        // MARK: - Shared helpers and domain
        .target(name: "OncallSupport"),
        .target(name: "OncallCore", dependencies: ["OncallSupport"]),

        // MARK: - Adapters
        .target(
            name: "OncallStore",
            dependencies: [
                "OncallCore", "OncallSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "OncallConfig",
            dependencies: ["OncallCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "OncallAPI", dependencies: ["OncallCore", "OncallSupport"]),
        .target(
            name: "OncallHTTP",
            dependencies: [
                "OncallCore", "OncallAPI", "OncallSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .target(name: "OncallCurl", dependencies: ["CCurl"]),
        .target(
            name: "OncallNotify",
            dependencies: ["OncallCore", "OncallCurl", "OncallSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "OncallMail",
            dependencies: ["OncallCore", "OncallSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "OncallInbound",
            dependencies: [
                "OncallCore", "OncallMail", "OncallSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .target(
            name: "OncallWeb",
            dependencies: [
                "OncallCore", "OncallSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "OncallClient", dependencies: ["OncallAPI", "OncallCurl"]),
        .target(
            name: "OncallSystemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: - Composition root and executables
        .target(
            name: "OncallDaemon",
            dependencies: [
                "OncallCore", "OncallStore", "OncallConfig", "OncallAPI", "OncallHTTP", "OncallSystemd", "OncallNotify", "OncallCurl",
                "OncallInbound", "OncallMail", "OncallWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "oncalld",
            dependencies: [
                "OncallDaemon", "OncallConfig", "OncallSystemd", "OncallWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "oncallctl",
            dependencies: [
                "OncallAPI", "OncallClient", "OncallCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "oncall-bench",
            dependencies: [
                "OncallCore", "OncallStore", "OncallTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "oncall-fuzz", dependencies: ["OncallMail", "OncallAPI", "OncallConfig", "OncallCore", "OncallInbound"]),

        // MARK: - Test support and tests
        .target(name: "OncallTesting", dependencies: ["OncallCore"]),
        .testTarget(name: "OncallSupportTests", dependencies: ["OncallSupport"]),
        .testTarget(name: "OncallCoreTests", dependencies: ["OncallCore", "OncallTesting"]),
        .testTarget(
            name: "OncallStoreTests",
            dependencies: [
                "OncallCore", "OncallStore", "OncallTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "OncallAPITests", dependencies: ["OncallAPI", "OncallCore", "OncallTesting"]),
        .testTarget(
            name: "OncallNotifyTests",
            // The dispatcher's tests run it over a real SQLite outbox.
            dependencies: ["OncallNotify", "OncallCore", "OncallCurl", "OncallStore", "OncallTesting"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OncallInboundTests",
            dependencies: [
                "OncallInbound", "OncallMail", "OncallCore", "OncallSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "OncallMailTests", dependencies: ["OncallMail", "OncallCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OncallConfigTests", dependencies: ["OncallConfig", "OncallCore", "OncallTesting"]),
        .testTarget(
            name: "OncallSystemdTests", dependencies: ["OncallSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "OncallWebTests",
            dependencies: [
                "OncallWeb", "OncallCore", "OncallHTTP", "OncallSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "OncallCtlTests",
            dependencies: ["oncallctl", "OncallAPI", "OncallClient", "OncallCore", "OncallCurl"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OncallIntegrationTests",
            dependencies: ["OncallAPI", "OncallClient", "OncallCore", "OncallCurl", "OncallTesting", "oncalld", "oncallctl"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
