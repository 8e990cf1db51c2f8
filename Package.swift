// swift-tools-version:6.0
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
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The one protocol every user-facing error conforms to (message + exit status); every target below sees it.
        .target(name: "Failures"),
        // Ordered parallel map on the cooperative thread pool, shared by the loaders, the analyses and the site checks.
        .target(name: "Parallel"),
        // The log-prob reader's line-end scan with AVX2 where the machine has it (StudyData's CommaScanner).
        .target(name: "CScan"),
        // A prefetch hint for Swift code (a header-only module: the hint compiles into its caller; StudyData's TokenIndex).
        .systemLibrary(name: "CPrefetch"),
        .target(name: "StudyData", dependencies: ["Failures", "Parallel", .product(name: "Yams", package: "Yams"), "CSnappy", "CZstd", "CZlib", "CCrypto", "CScan", "CPrefetch"]),
        // The permutation tests' relabellings eight (AVX-512) or four (AVX2) at a time, the generators in one vector where the machine has it (Stats' PermutationTest).
        .target(name: "CRelabel"),
        .target(name: "Stats", dependencies: ["Failures", "COpenBLAS", "CRelabel"]),
        // The App. F simulation's skip over tokens no measure's top list can take, eight (AVX-512) or four (AVX2) at a time (Analyses' RecoveryTopScores).
        .target(name: "CRecoveryScan"),
        .target(name: "Analyses", dependencies: ["Failures", "Parallel", "StudyData", "Stats", "CRecoveryScan"]),
        .target(name: "SVGCharts", dependencies: ["OutputFormat"]),
        // snprintf of one double without Swift's variadic-call overhead (OutputFormat's PrintfNumber).
        .target(name: "CPrintf"),
        // What the report, the charts and the diff all write and read: canonical JSON and its tree, markup escaping, figure sources, confined paths.
        .target(name: "OutputFormat", dependencies: ["CPrintf", "Parallel"]),
        // `backbone diff`: two runs compared, and the text, Markdown and JSON reports (the HTML page is SiteBuilder's).
        .target(name: "RunDiff", dependencies: ["Failures", "OutputFormat"]),
        .target(name: "SiteBuilder", dependencies: [
            "Failures", "Analyses", "SVGCharts", "CCmark", "CLibXML2", "StudyData", "OutputFormat", "RunDiff", "Parallel",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // glibc's allocator settings for the command line tool (a header-only module: mallopt is not in Swift's Glibc).
        .systemLibrary(name: "CMalloc"),
        .executableTarget(name: "backbone", dependencies: [
            "Failures", "StudyData", "Stats", "Analyses", "SiteBuilder", "SVGCharts", "RunDiff", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared test helpers (repository paths, hostile strings, XML scan, tolerance, snapshots).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StudyDataTests", dependencies: ["StudyData", "TestSupport"], path: "Tests/StudyDataTests"),
        .testTarget(name: "FailuresTests", dependencies: ["Failures"], path: "Tests/FailuresTests"),
        .testTarget(name: "ParallelTests", dependencies: ["Parallel"], path: "Tests/ParallelTests"),
        .testTarget(name: "StatsTests", dependencies: ["Stats", "CRelabel", "TestSupport"], path: "Tests/StatsTests"),
        .testTarget(name: "AnalysesTests", dependencies: ["Analyses", "StudyData", "Stats", "CRecoveryScan", "TestSupport"], path: "Tests/AnalysesTests"),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts", "TestSupport"], path: "Tests/SVGChartsTests",
                    exclude: ["Snapshots"]),
        .testTarget(name: "SiteBuilderTests", dependencies: ["SiteBuilder", "Analyses", "StudyData", "OutputFormat", "TestSupport"], path: "Tests/SiteBuilderTests"),
        .testTarget(name: "OutputFormatTests", dependencies: ["OutputFormat", "TestSupport"], path: "Tests/OutputFormatTests"),
        .testTarget(name: "RunDiffTests", dependencies: ["RunDiff", "OutputFormat", "TestSupport"], path: "Tests/RunDiffTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["SiteBuilder", "Analyses", "StudyData", "RunDiff", "TestSupport"], path: "Tests/EndToEndTests"),
    ]
)
