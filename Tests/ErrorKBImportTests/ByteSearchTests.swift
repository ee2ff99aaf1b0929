import Testing

@testable import ErrorKBImport

@Suite("Import: searching text for marks byte by byte")
struct ByteSearchTests {
    @Test("finds a mark at the start, middle and end, past false starts and non-ASCII text")
    func findsMarks() {
        #expect("|a".containsBytes("|"))
        #expect("café | naïve".containsBytes("|"))
        #expect("錯誤 ---".containsBytes("---"))
        #expect("- -- -- ---x".containsBytes("---"))
        #expect("invalid_grant".containsBytes("_"))
        #expect("a__b"[...].containsBytes("__"))
        #expect("anything".containsBytes(""))
        #expect(!"".containsBytes("|"))
        #expect(!"-- -- --".containsBytes("---"))
        #expect(!"invalid_grant_x".containsBytes("__"))
        #expect(!"¦ a broken bar is not a pipe".containsBytes("|"))
    }
}
