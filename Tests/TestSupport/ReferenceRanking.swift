/// Average ranks the plain way — sort the positions by value, give each run
/// of equal values the average of the ranks it spans — so that the fast rank
/// code (a radix sort of order keys) is compared with something short enough
/// to check by eye. Not for NaN (`<` is no order then).
public enum ReferenceRanking {
    public static func averageRanks(_ values: [Double], descending: Bool) -> [Double] {
        let order = values.indices.sorted { descending ? values[$0] > values[$1] : values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            for k in start..<end { ranks[order[k]] = Double(start + 1 + end) / 2 }
            start = end
        }
        return ranks
    }
}
