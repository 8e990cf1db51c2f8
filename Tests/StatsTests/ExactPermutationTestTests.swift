import XCTest
import Stats

/// The RM-level permutation test and Student's t, against
/// Tests/Fixtures/reference/robustness/make_rm_level_reference.py.
final class ExactPermutationTestTests: XCTestCase {
    func testBeyondOneMillionAssignmentsDrawsTheSameRelabellingsAsTheReference() throws {
        let mc = try Fixtures.json("robustness/rm_level_reference.json").object("monte_carlo")
        let x = try mc.doubles("x"), y = try mc.doubles("y")
        var generator = SeededGenerator(seed: UInt64(try mc.double("seed")))
        let result = ExactPermutationTest.test(x, y, resamples: Int(try mc.double("resamples")), generator: &generator)
        XCTAssertFalse(result.exact)
        XCTAssertEqual(result.assignments, 2_704_156)
        XCTAssertGreaterThan(result.assignments, ExactPermutationTest.exactLimit)
        XCTAssertEqual(result.resamples, 5000)
        XCTAssertEqual(result.extremeCount, Int(try mc.double("hits")))
        XCTAssertEqual(result.p, (1 + (try mc.double("hits"))) / 5001)
        assertRelative(result.difference, try mc.double("difference"), 1e-12)
    }

    func testSmallCaseEnumeratesEveryAssignment() {
        // x = {4, 5}, y = {1, 2, 3}: d_obs = 4.5 − 2 = 2.5; of the C(5, 2) = 10
        // assignments only {4, 5} (d = 2.5) and {1, 2} (d = 1.5 − 4 = −2.5) reach |2.5|.
        var generator = SeededGenerator(seed: 1)
        let result = ExactPermutationTest.test([4, 5], [1, 2, 3], resamples: 99, generator: &generator)
        XCTAssertTrue(result.exact)
        XCTAssertEqual(result.assignments, 10)
        XCTAssertEqual(result.resamples, 10)
        XCTAssertEqual(result.extremeCount, 2)
        XCTAssertEqual(result.p, 0.2)
        XCTAssertEqual(result.difference, 2.5)
    }

    func testEqualGroupsCountTheMirrorImage() {
        // x = {3, 4}, y = {1, 2}: the observed split and its mirror both reach |d| = 2.
        var generator = SeededGenerator(seed: 1)
        let result = ExactPermutationTest.test([3, 4], [1, 2], resamples: 0, generator: &generator)
        XCTAssertEqual(result.extremeCount, 2)
        XCTAssertEqual(result.p, 2.0 / 6.0)
    }

    func testBinomial() {
        XCTAssertEqual(ExactPermutationTest.binomial(10, 4), 210)
        XCTAssertEqual(ExactPermutationTest.binomial(24, 12), 2_704_156)
        XCTAssertEqual(ExactPermutationTest.binomial(3, 5), 0)
    }

    func testStudentTMatchesScipyOnTheBigTwoThreeWayContrast() throws {
        let big2 = try Fixtures.json("robustness/rm_level_reference.json").object("big2")
        let term = try big2.objects("terms").last!
        let perRM = try XCTUnwrap(term["per_rm"] as? [String: NSNumber])
        let llama = perRM.filter { $0.key.contains("Lla") }.map(\.value.doubleValue)
        let gemma = perRM.filter { $0.key.contains("Gem") }.map(\.value.doubleValue)
        let result = StudentTwoSampleTest.test(llama, gemma)
        assertRelative(result.t, try term.double("t_student"), 1e-9)
        XCTAssertEqual(result.df, 8)
        assertRelative(result.p, try term.double("p_student"), 1e-9)
    }
}
