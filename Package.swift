// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "FieldVisit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FieldVisitCore", targets: ["FieldVisitCore"]),
        .library(name: "FieldVisitProtocol", targets: ["FieldVisitProtocol"]),
        .executable(name: "fieldvisit", targets: ["fieldvisit"]),
        .executable(name: "fieldvisit-server", targets: ["fieldvisit-server"]),
        .executable(name: "fieldvisit-bench", targets: ["fieldvisit-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // Shared records, forms and the sync engine. Pure Swift + Foundation: no I/O.
        .target(
            name: "FieldVisitCore",
            path: "Sources/FieldVisitCore",
            resources: [
                .embedInCode("Resources/Forms/hearing-sheet.v1.json"),
                .embedInCode("Resources/Forms/hearing-sheet.v2.json"),
                .embedInCode("Resources/Forms/succession-diagnosis.v1.json"),
                .embedInCode("Resources/Forms/succession-diagnosis.v2.json"),
            ]
        ),
        // SQLite as both stores use it: values bound straight to statements, checkpoints
        // off the writer's path.
        .target(
            name: "FieldVisitSQLite",
            dependencies: ["FieldVisitCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/FieldVisitSQLite"
        ),
        // The wire contract between server and client.
        .target(
            name: "FieldVisitProtocol",
            dependencies: ["FieldVisitCore"],
            path: "Protocol/Sources/FieldVisitProtocol"
        ),
        .target(
            name: "FieldVisitCompression",
            dependencies: [.product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio")],
            path: "Protocol/Sources/FieldVisitCompression"
        ),
        .target(
            name: "FieldVisitServer",
            dependencies: [
                "FieldVisitCore", "FieldVisitProtocol", "FieldVisitSQLite", "FieldVisitClient", "FieldVisitCompression",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Server/Sources/FieldVisitServer"
        ),
        .executableTarget(
            name: "fieldvisit-server",
            dependencies: [
                "FieldVisitServer", "FieldVisitCore", "FieldVisitProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Server/Sources/fieldvisit-server"
        ),
        .target(
            name: "FieldVisitClient",
            dependencies: [
                "FieldVisitCore", "FieldVisitProtocol", "FieldVisitSQLite", "FieldVisitCompression",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Client/Sources/FieldVisitClient"
        ),
        .executableTarget(
            name: "fieldvisit",
            dependencies: ["FieldVisitClient", "FieldVisitCore", "FieldVisitProtocol", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Client/Sources/fieldvisit"
        ),
        .executableTarget(
            name: "fieldvisit-bench",
            dependencies: [
                "FieldVisitCore", "FieldVisitProtocol", "FieldVisitClient", "FieldVisitServer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                "FieldVisitCompression",
            ],
            path: "Benchmarks/fieldvisit-bench"
        ),
        .testTarget(
            name: "FieldVisitCoreTests",
            dependencies: ["FieldVisitCore"],
            path: "Tests/FieldVisitCoreTests"
        ),
        .testTarget(
            name: "FieldVisitSQLiteTests",
            dependencies: ["FieldVisitSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/FieldVisitSQLiteTests"
        ),
        .testTarget(
            name: "FieldVisitProtocolTests",
            dependencies: ["FieldVisitCore", "FieldVisitProtocol"],
            path: "Tests/FieldVisitProtocolTests"
        ),
        .testTarget(
            name: "FieldVisitClientTests",
            // The end-to-end tests run the built `fieldvisit`.
            dependencies: ["FieldVisitClient", "FieldVisitCore", "FieldVisitProtocol", "fieldvisit", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/FieldVisitClientTests"
        ),
        .testTarget(
            name: "FieldVisitServerTests",
            // The end-to-end tests run a real `fieldvisit-server` and real `fieldvisit` laptops.
            dependencies: [
                "FieldVisitServer", "FieldVisitClient", "FieldVisitCore", "FieldVisitProtocol", "FieldVisitCompression", "fieldvisit", "fieldvisit-server",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/FieldVisitServerTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
