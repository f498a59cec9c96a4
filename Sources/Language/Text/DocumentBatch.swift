import ModelCollapse
import Randomness

/// Documents as token ids, stored flat: every document's tokens one after another and the end
/// offset of each document. A document holds its tokens only; the boundary tokens `<s>` and
/// `</s>` are added by the language model.
///
/// The engine's data batch of the language families: `count` is the number of documents, and
/// regimes accumulate and subsample whole documents.
public struct DocumentBatch: DataBatch, Equatable {
    /// Every document's tokens, concatenated.
    public private(set) var tokens: [TokenID]
    /// `ends[i]`: the offset in ``tokens`` one past document i's last token.
    public private(set) var ends: [Int]

    public init() {
        tokens = []
        ends = []
    }

    /// A batch of the given documents.
    public init<S: Sequence>(documents: S) where S.Element: Collection, S.Element.Element == TokenID {
        self.init()
        for document in documents { append(document: document) }
    }

    /// The number of documents.
    public var count: Int { ends.count }

    /// The number of tokens over all documents.
    public var tokenCount: Int { tokens.count }

    /// The offset of document `i`'s first token.
    @inlinable
    public func start(of i: Int) -> Int { i == 0 ? 0 : ends[i - 1] }

    /// The tokens of document `i`.
    @inlinable
    public subscript(i: Int) -> ArraySlice<TokenID> { tokens[start(of: i)..<ends[i]] }

    /// The number of tokens of document `i`.
    @inlinable
    public func length(of i: Int) -> Int { ends[i] - start(of: i) }

    /// Appends one document.
    public mutating func append<C: Collection>(document: C) where C.Element == TokenID {
        tokens.append(contentsOf: document)
        ends.append(tokens.count)
    }

    /// Appends every document of `other`.
    public mutating func append(_ other: DocumentBatch) {
        let offset = tokens.count
        tokens.append(contentsOf: other.tokens)
        ends.reserveCapacity(ends.count + other.ends.count)
        for end in other.ends { ends.append(end + offset) }
    }

    /// Removes every document, keeping the storage.
    public mutating func removeAll() {
        tokens.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    public static var supportsSubsampling: Bool { true }

    public func subsample<G: RandomNumberGenerator>(_ size: Int, using generator: inout G) -> DocumentBatch {
        if size >= count { return self }
        return selecting(Self.subsampleIndices(count: count, size: size, using: &generator))
    }

    /// The documents at `indices`, in that order (an index may repeat).
    public func selecting<S: Sequence>(_ indices: S) -> DocumentBatch where S.Element == Int {
        var batch = DocumentBatch()
        for i in indices { batch.append(document: self[i]) }
        return batch
    }
}
