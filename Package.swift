// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "Backbone",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "backbone", targets: ["backbone"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "StudyData", dependencies: ["CCrypto", .product(name: "Yams", package: "Yams")]),
        .target(name: "Stats", dependencies: ["COpenBLAS"]),
        .target(name: "Analyses", dependencies: ["StudyData", "Stats"]),
        .target(name: "SVGCharts"),
        .target(name: "SiteBuilder", dependencies: [
            "Analyses", "SVGCharts", "CCmark", "StudyData",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "backbone", dependencies: [
            "StudyData", "Analyses", "SiteBuilder", "SVGCharts",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "StudyDataTests", dependencies: ["StudyData"], path: "Tests/StudyDataTests"),
        .testTarget(name: "StatsTests", dependencies: ["Stats"], path: "Tests/StatsTests"),
        .testTarget(name: "AnalysesTests", dependencies: ["Analyses", "StudyData", "Stats"], path: "Tests/AnalysesTests"),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"], path: "Tests/SVGChartsTests"),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "Analyses", "StudyData"], path: "Tests/SiteBuilderTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["SiteBuilder", "Analyses", "StudyData"], path: "Tests/EndToEndTests"),
    ]
)
