/// The order in which Go's YAML encoder writes map keys, which the reference's YAML output follows: a natural
/// order, where runs of digits compare as numbers (`web9` before `web10`), other characters before letters
/// except right after a digit, and letters by code point.
enum YAMLKeyOrder {
    static func isBefore(_ lhs: String, _ rhs: String) -> Bool {
        if lhs.utf8.allSatisfy({ $0 < 0x80 }) && rhs.utf8.allSatisfy({ $0 < 0x80 }) {
            return precedes(Array(lhs.utf8).map(UInt32.init), Array(rhs.utf8).map(UInt32.init))
        }
        return precedes(lhs.unicodeScalars.map(\.value), rhs.unicodeScalars.map(\.value))
    }

    private static func precedes(_ left: [UInt32], _ right: [UInt32]) -> Bool {
        var afterDigit = false
        for index in 0..<min(left.count, right.count) {
            let (leftCharacter, rightCharacter) = (left[index], right[index])
            if leftCharacter == rightCharacter {
                afterDigit = isDigit(leftCharacter)
                continue
            }
            let (leftIsLetter, rightIsLetter) = (isLetter(leftCharacter), isLetter(rightCharacter))
            if leftIsLetter && rightIsLetter { return leftCharacter < rightCharacter }
            if leftIsLetter || rightIsLetter { return afterDigit ? leftIsLetter : rightIsLetter }
            // Compare the numbers starting here; a zero continuing a number that has other digits counts.
            var leftNumber: Int64 = 0
            var rightNumber: Int64 = 0
            if leftCharacter == 0x30 || rightCharacter == 0x30 {
                var back = index - 1
                while back >= 0 && isDigit(left[back]) {
                    if left[back] != 0x30 {
                        (leftNumber, rightNumber) = (1, 1)
                        break
                    }
                    back -= 1
                }
            }
            var leftEnd = index
            while leftEnd < left.count && isDigit(left[leftEnd]) {
                leftNumber = leftNumber &* 10 &+ (Int64(left[leftEnd]) - 0x30)
                leftEnd += 1
            }
            var rightEnd = index
            while rightEnd < right.count && isDigit(right[rightEnd]) {
                rightNumber = rightNumber &* 10 &+ (Int64(right[rightEnd]) - 0x30)
                rightEnd += 1
            }
            if leftNumber != rightNumber { return leftNumber < rightNumber }
            if leftEnd != rightEnd { return leftEnd < rightEnd }
            return leftCharacter < rightCharacter
        }
        return left.count < right.count
    }

    private static func isDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    private static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        switch Unicode.Scalar(value)?.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
}
