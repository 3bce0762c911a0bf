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
    ],
    targets: [
        // Shared records, forms and the sync engine. Pure Swift + Foundation: no I/O.
        .target(
            name: "FieldVisitCore",
            path: "Sources/FieldVisitCore",
            resources: [
                .embedInCode("Resources/Forms/hearing-sheet.v1.json"),
                .embedInCode("Resources/Forms/succession-diagnosis.v1.json"),
            ]
        ),
        // The wire contract between server and client.
        .target(
            name: "FieldVisitProtocol",
            dependencies: ["FieldVisitCore"],
            path: "Protocol/Sources/FieldVisitProtocol"
        ),
        .target(
            name: "FieldVisitServer",
            dependencies: ["FieldVisitCore", "FieldVisitProtocol"],
            path: "Server/Sources/FieldVisitServer"
        ),
        .executableTarget(
            name: "fieldvisit-server",
            dependencies: ["FieldVisitServer"],
            path: "Server/Sources/fieldvisit-server"
        ),
        .target(
            name: "FieldVisitClient",
            dependencies: ["FieldVisitCore", "FieldVisitProtocol", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Client/Sources/FieldVisitClient"
        ),
        .executableTarget(
            name: "fieldvisit",
            dependencies: ["FieldVisitClient", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Client/Sources/fieldvisit"
        ),
        .executableTarget(
            name: "fieldvisit-bench",
            dependencies: ["FieldVisitCore", "FieldVisitProtocol", "FieldVisitClient", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/fieldvisit-bench"
        ),
        .testTarget(
            name: "FieldVisitCoreTests",
            dependencies: ["FieldVisitCore"],
            path: "Tests/FieldVisitCoreTests"
        ),
        .testTarget(
            name: "FieldVisitProtocolTests",
            dependencies: ["FieldVisitCore", "FieldVisitProtocol"],
            path: "Tests/FieldVisitProtocolTests"
        ),
        .testTarget(
            name: "FieldVisitClientTests",
            // The end-to-end tests run the built `fieldvisit`.
            dependencies: ["FieldVisitClient", "FieldVisitCore", "fieldvisit", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/FieldVisitClientTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
