import ArgumentParser
import Foundation
import StudyData

// Options that several commands take, declared once (`@OptionGroup`) so a
// name, a default and its help read the same in every command.

/// `--content DIR`: the study (`study.yaml`, `data/`, `pages/`).
struct ContentOptions: ParsableArguments {
    @Option(help: "Content folder holding study.yaml, data/ and pages/.")
    var content: String = "content"

    var folder: ContentFolder { ContentFolder(root: URL(fileURLWithPath: content)) }
}

/// `--seed N`: the seed of everything a command draws at random.
struct SeedOptions: ParsableArguments {
    @Option(help: "Seed of every randomised computation.")
    var seed: UInt64 = 42
}

/// `--templates DIR`: the page layout and stylesheet.
struct TemplateOptions: ParsableArguments {
    @Option(help: "Folder with layout.mustache and style.css.")
    var templates: String = "templates"

    var url: URL { URL(fileURLWithPath: templates) }
}

/// `--out DIR` of the generators and benchmark charts: a folder they write
/// files into. (`build --out` differs: it has a default and is replaced
/// whole, only when the build succeeds.)
struct OutputFolderOptions: ParsableArguments {
    @Option(help: "Output folder.")
    var out: String

    var url: URL { URL(fileURLWithPath: out) }
}
