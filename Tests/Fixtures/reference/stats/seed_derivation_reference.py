"""Independent implementation of Backbone's seed derivation
(Docs/Methods.md#random-numbers): FNV-1a 64 over the UTF-8 bytes of each name
part followed by a 0x1F byte, starting from the FNV offset basis XOR the base
seed; then the SplitMix64 finaliser; kept to 53 bits. Prints the values pinned
in Tests/AnalysesTests/OptionsTests.swift.
Run: python3 Tests/Fixtures/reference/stats/seed_derivation_reference.py"""
M = (1 << 64) - 1


def seed(base, parts):
    h = 0xCBF29CE484222325 ^ base
    for part in parts:
        for byte in part.encode("utf-8") + b"\x1f":
            h ^= byte
            h = (h * 0x100000001B3) & M
    z = (h + 0x9E3779B97F4A7C15) & M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return (z ^ (z >> 31)) >> 11


cases = [
    (42, ["big2", "positive", "Agency", "Llama"]),
    (42, ["big2", "negative", "Communion", "Llama"]),
    (1, ["big2", "positive", "Agency", "Llama"]),
    (0, []),
    (42, ["ab", "c"]),
    (42, ["a", "bc"]),
    (42, ["recovery", "google--gemma-2-2b-it", "greatest_ever_one", "0"]),
    (2**64 - 1, ["mfd2", "positive", "Care", "Llama"]),
    (42, ["mfd2", "negative", "Sanctity", "Llama", "爱"]),
]
for base, parts in cases:
    print(f"({base}, {parts!r}) -> {seed(base, parts)}")
