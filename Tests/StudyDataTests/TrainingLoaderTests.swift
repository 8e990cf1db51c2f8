import Foundation
@testable import StudyData
import TestSupport
import XCTest

/// The §4 summary reader's deduplication: a record whose key and value
/// fields hold the bytes of the record before it is skipped before it is
/// decoded, and that gives what the key-by-key checks give.
final class TrainingLoaderTests: XCTestCase {
    private let header = "\"\",\"model_id\",\"Category\",\"checkpoint\",\"base_model\",\"sum_value\"\n"

    private func load(_ body: String) throws -> LoadedTrainingRun {
        let dir = try Scratch.folder("training-loader")
        defer { try? FileManager.default.removeItem(at: dir) }
        try (header + body).write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let section = TrainingSection(familyRules: [FamilyRule(match: ["gem"], family: "Gemma")],
                                      runs: [TrainingRun(id: "r", file: "r.csv", dataSize: 1, plottedAt: nil, source: "s", method: "BT")],
                                      dynamicsRun: "r", words: 10)
        let runs = try TrainingLoader.load(section, folder: ContentFolder(root: dir))
        return try XCTUnwrap(runs.first)
    }

    func testRepeatsAreSkippedWhateverTheirRowNumberOrBaseModel() throws {
        let run = try load("""
            "1","gemma_x","Agency",1000,NA,700
            "2","gemma_x","Communion",1000,NA,650
            "3","gemma_x","Agency",1000,NA,700
            "4","gemma_x","Agency",1000,gemma-2-2b,700
            "5","gemma_x","Agency",2000,NA,690
            "6","gemma_x","Communion",1000,NA,650

            """)
        XCTAssertEqual(run.rowsRead, 6)
        XCTAssertEqual(run.rows.map(\.category), ["Agency", "Communion", "Agency"])
        XCTAssertEqual(run.rows.map(\.checkpoint), [1000, 1000, 2000])
        XCTAssertEqual(run.rows.map(\.medianRank), [700, 650, 690])
        XCTAssertEqual(run.rows.map(\.family), ["Gemma", "Gemma", "Gemma"])
    }

    /// Other bytes for the same key and rank ("700.0", "01000") are the same
    /// row too: they are left to the key-by-key check, which skips them.
    func testTheSameKeyAndRankInOtherBytesIsStillARepeat() throws {
        let run = try load("""
            "1","gemma_x","Agency",1000,NA,700
            "2","gemma_x","Agency",1000,NA,700.0
            "3","gemma_x","Agency",01000,NA,7e2

            """)
        XCTAssertEqual(run.rows.count, 1)
        XCTAssertEqual(run.rows.first?.medianRank, 700)
    }

    /// A repeat of the first record after a disagreeing one: the error names
    /// the disagreeing line and the first, as before.
    func testADisagreeingRepeatIsStillAnErrorAfterSkippedRepeats() {
        XCTAssertThrowsError(try load("""
            "1","gemma_x","Agency",1000,NA,700
            "2","gemma_x","Agency",1000,NA,700
            "3","gemma_x","Agency",1000,NA,701

            """)) { error in
            XCTAssertTrue("\(error)".contains("r.csv:4:6: expected the same median rank as line 2"), "\(error)")
        }
    }

    func testSameFieldsComparesBytesFieldByField() throws {
        let table = try CSVReader.parseTable(Data("a,b,c\nx,yz,1\nxy,z,1\nx,yz,2\nx,yz,1\n\"x\",yz,1\n".utf8), path: "t.csv")
        XCTAssertFalse(table.sameFields(0, 1, [0, 1]), "fields do not run into each other")
        XCTAssertTrue(table.sameFields(0, 3, [0, 1, 2]))
        XCTAssertFalse(table.sameFields(0, 2, [1, 2]))
        XCTAssertTrue(table.sameFields(0, 2, [0, 1]))
        XCTAssertFalse(table.sameFields(0, 2, [0, 1, 2]))
        XCTAssertTrue(table.sameFields(0, 4, [0, 1, 2]), "a quoted field is compared by its content")
    }
}
