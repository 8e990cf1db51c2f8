/// ArgumentParser reads `--permutations -5` as the option `-5`, so the user
/// would be told "Missing value for '--permutations'" — true for the parser,
/// baffling for a person. A negative number after one of our numeric options
/// is joined to it (`--permutations=-5`), so the option's own check can say
/// what is wrong with the value.
enum NegativeNumberArguments {
    static let numericOptions: Set<String> = ["--permutations", "--seed", "--top", "--rows-gemma", "--rows-llama", "--repeats",
                                              "--limit", "--abs-tol", "--rel-tol"]

    static func joined(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if numericOptions.contains(a), i + 1 < arguments.count, isNegativeNumber(arguments[i + 1]) {
                out.append(a + "=" + arguments[i + 1]); i += 2
            } else {
                out.append(a); i += 1
            }
        }
        return out
    }

    static func isNegativeNumber(_ s: String) -> Bool {
        guard s.hasPrefix("-"), s.count > 1 else { return false }
        let rest = s.dropFirst()
        return rest.first.map { $0.isNumber || $0 == "." } == true || rest.lowercased() == "inf"
    }
}
