import Foundation
import Randomness
import Testing
@testable import Language

@Suite struct TextTests {
    @Test func wordTokenizerSplitsPunctuationAndKeepsInnerJoiners() {
        let tokenizer = Tokenizer()
        #expect(tokenizer.tokenize("A well-known cat's (big) toy, isn't it?  3.5")
            == ["a", "well-known", "cat's", "(", "big", ")", "toy", ",", "isn't", "it", "?", "3", ".", "5"])
        #expect(Tokenizer(level: .word, lowercase: false).tokenize("The End.") == ["The", "End", "."])
        #expect(tokenizer.tokenize("   ").isEmpty)
        #expect(tokenizer.tokenize("-x- 'y'") == ["-", "x", "-", "'", "y", "'"])
    }

    @Test func characterTokenizerCollapsesWhiteSpace() {
        #expect(Tokenizer(level: .character, lowercase: true).tokenize("  Ab  c\n") == ["a", "b", " ", "c"])
    }

    @Test func vocabularyOrdersByFrequencyAndMapsTheRestToUnknown() {
        let vocabulary = Vocabulary(documents: [["b", "a", "b"], ["c", "b", "a"]], minimumCount: 2)
        #expect(vocabulary.tokens == ["<unk>", "<s>", "</s>", "b", "a"])
        #expect(vocabulary.encode(["a", "c", "b"]) == [4, Vocabulary.unknown, 3])
        #expect(vocabulary.decode([3, 4] as [TokenID]) == "b a")
    }

    @Test func documentBatchesAppendAndSubsampleWholeDocuments() {
        var batch = DocumentBatch(documents: [[3, 4], [], [5]] as [[TokenID]])
        batch.append(DocumentBatch(documents: [[6, 7, 8]] as [[TokenID]]))
        #expect(batch.count == 4 && batch.tokenCount == 6)
        #expect(Array(batch[3]) == [6, 7, 8] && batch[1].isEmpty)
        var random = SplitMix64(seed: 1)
        let sub = batch.subsample(2, using: &random)
        #expect(sub.count == 2)
        #expect(batch.selecting([3, 0]) == DocumentBatch(documents: [[6, 7, 8], [3, 4]] as [[TokenID]]))
    }

    @Test func bundledTableHasWholeDomainsAndItsLicense() {
        let entries = LexicalTable.bundled()
        #expect(entries.count == 21_484)
        #expect(LexicalTable.licenseNotice.contains("WordNet"))
        #expect(LexicalTable.licenseNotice.contains("Princeton University"))
        let documents = LexicalTable.documents(entries)
        #expect(documents.count > entries.count)
        // Whole domains: the full table's count for a hypernym of the subset (checked against
        // /work/shared/data when it is there).
        let fullPath = "/work/shared/data/wordnet-nouns.tsv"
        if FileManager.default.fileExists(atPath: fullPath), let full = try? LexicalTable.read(fullPath) {
            var fullCounts: [String: Int] = [:], subsetCounts: [String: Int] = [:]
            for e in full { fullCounts[e.hypernym, default: 0] += 1 }
            for e in entries { subsetCounts[e.hypernym, default: 0] += 1 }
            #expect(subsetCounts.allSatisfy { fullCounts[$0.key] == $0.value })
        }
    }

    @Test func fileErrorsNameTheFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("language-tests-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) -> String {
            let path = directory.appendingPathComponent(name).path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }
        let missing = directory.appendingPathComponent("missing.txt").path
        #expect(throws: TextFileError(file: missing, problem: "does not exist")) { try TextCorpus.read(missing) }
        let empty = write("empty.txt", Array("\n  \n".utf8))
        #expect(throws: TextFileError(file: empty, problem: "is empty: expected one document per line")) { try TextCorpus.read(empty) }
        let latin1 = write("latin1.txt", Array("fine\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x0A])
        #expect(throws: TextFileError(file: latin1, line: 2, problem: "is not valid UTF-8 text")) { try TextCorpus.read(latin1) }
        #expect(throws: TextFileError(file: directory.path, problem: "is a directory, not a file")) { try TextCorpus.read(directory.path) }
        #expect(try TextCorpus.read(write("ok.txt", Array("one doc\r\n\r\ntwo\n".utf8))) == ["one doc", "two"])

        let facts = write("facts.tsv", Array("lemma\thypernym\nkill\tdestruction\tthe act of killing\tex one | ex two\ncat\n".utf8))
        #expect(throws: TextFileError(file: facts, line: 3, problem: "expected tab-separated columns lemma, hypernym[, definition[, examples]], found one column")) {
            try LexicalTable.read(facts)
        }
        let good = write("good.tsv", Array("kill\tdestruction\tthe act of killing\tex one | ex two\ncat\tfeline\n".utf8))
        #expect(try LexicalTable.read(good) == [
            LexicalEntry(lemma: "kill", hypernym: "destruction", definition: "the act of killing", examples: ["ex one", "ex two"]),
            LexicalEntry(lemma: "cat", hypernym: "feline"),
        ])
        let emptyFacts = write("empty.tsv", [])
        #expect(throws: TextFileError.self) { try LexicalTable.read(emptyFacts) }
    }
}
