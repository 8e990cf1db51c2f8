import CCrypto
import Foundation

/// SHA-256 of input files for `manifest.json` and the data page, computed by
/// OpenSSL's libcrypto (Foundation on Linux has no digest API). libcrypto's
/// assembly (SHA extensions / AVX2 where the CPU has them) is several times
/// faster than a portable implementation, and it is a library every Debian
/// machine keeps patched.
public enum SHA256 {
    /// Lower-case hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // Empty data has no base address; libcrypto reads nothing when the count is 0.
        let ok = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "libcrypto's EVP_Digest(SHA-256) failed")
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest.prefix(32) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
