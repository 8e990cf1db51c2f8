import Foundation
import XCTest
@testable import StudyData

final class SHA256Tests: XCTestCase {

    // FIPS 180-2 / NIST example vectors.

    func testEmptyString() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage448Bits() {
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMessage896Bits() {
        let m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(SHA256.hex(Data(m.utf8)), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hex(data), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries (55/56 bytes: the length still
    /// fits in the last block or not; 64/65, 119/120). Expected digests from
    /// `head -c N /dev/zero | tr '\0' 'x' | sha256sum`.
    func testPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072",
            56: "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e",
            63: "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2",
            64: "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c",
            65: "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9",
            119: "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c",
            120: "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98",
        ]
        for (n, hex) in expected.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(SHA256.hex(Data(repeating: UInt8(ascii: "x"), count: n)), hex, "\(n) bytes")
        }
    }

    func testBinaryBytes() {
        XCTAssertEqual(SHA256.hex(Data([0x00])), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        XCTAssertEqual(SHA256.hex(Data([0xFF, 0xFE])), "b3d510ef04275ca8e698e5b3cbb0ece3949ef9252f0cdc839e9ee347409a2209")
    }

    func testDataSliceWithNonZeroStartIndex() {
        let whole = Data("xxabc".utf8)
        let slice = whole[2...]
        XCTAssertEqual(SHA256.hex(slice), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Expected digests from `sha256sum` on the vendored files.
    func testRealContentFilesAgainstSha256sum() throws {
        let big2 = try Data(contentsOf: Repo.contentFile(Repo.big2Nouns))
        XCTAssertEqual(big2.count, 5853)
        XCTAssertEqual(SHA256.hex(big2), "186886a25b2f03ea3ec7e78fad71fabee408e3b5ec1758683461df4359b45435")

        let dicx = try Data(contentsOf: Repo.contentFile(Repo.mfd2Dicx))
        XCTAssertEqual(SHA256.hex(dicx), "973957f99129b324c8a4ebf3fcb7ed4e1f9f017b2d041f50288f991b0844ce7a")

        let scores = try Data(contentsOf: Repo.contentFile("data/reward_model_scores/dict_MFD_20/MFD20_rewards_nicolinho_QRM-Gemma-2-27B.csv"))
        XCTAssertEqual(SHA256.hex(scores), "6c8a4dcdbdf2a5c3972a5a09906d47cfb9f7c990650fdb9678cd6516f3ae874e")
    }

    func testOutputIsLowerCaseHexOf64Characters() {
        for n in [0, 1, 3, 100] {
            let hex = SHA256.hex(Data(repeating: 7, count: n))
            XCTAssertEqual(hex.count, 64)
            XCTAssertTrue(hex.allSatisfy { "0123456789abcdef".contains($0) }, hex)
        }
    }
}
