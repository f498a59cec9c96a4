#!/usr/bin/env python3
"""Reference for `collapse-bench ngram`: NLTK's KneserNeyInterpolated doing the same work.

Train a trigram interpolated Kneser-Ney model on 1 MB of the bundled WordNet text (the documents of
Sources/Language/Resources/wordnet-nouns-subset.tsv in table order -- each definition, then its
examples -- until 1,000,000 UTF-8 bytes; word tokens split as the Swift Tokenizer does, lower-cased)
and generate text from it, documents from "<s> <s>" until "</s>", one word per `generate` call.

NLTK's generation is far too slow to generate 1 MB here (each word scores every successor of its
context, and each score recomputes continuation counts by scanning the model's n-grams: tens of
seconds per word after "<s> <s>"), so the script generates --documents whole documents (default 3;
whole documents, because a document's first words, after "<s> <s>", are the most expensive) and
scales the time to 1,000,000 bytes of generated text linearly by the bytes it produced (tokens
joined by spaces, a newline per document, as the Swift side counts). Training is measured in full.

    pip install nltk
    python3 Benchmarks/ngram_nltk.py [--bytes 1000000] [--documents 3]
"""
import argparse
import os
import random
import re
import time

from nltk.lm import KneserNeyInterpolated
from nltk.lm.preprocessing import padded_everygram_pipeline

TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*|\S")


def documents(path, limit):
    texts, size = [], 0
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            parts = []
            if len(fields) > 2 and fields[2].strip():
                parts.append(fields[2].strip())
            if len(fields) > 3:
                parts += [e.strip() for e in fields[3].split("|") if e.strip()]
            for text in parts:
                if size >= limit:
                    return texts, size
                texts.append(text)
                size += len(text.encode("utf-8")) + 1
    return texts, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=3)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Sources", "Language", "Resources", "wordnet-nouns-subset.tsv")
    texts, size = documents(path, args.bytes)
    start = time.perf_counter()
    tokenized = [TOKEN.findall(t.lower()) for t in texts]
    tokenize = time.perf_counter() - start
    tokens = sum(len(t) for t in tokenized)
    print(f"ngram (NLTK): {len(texts)} documents, {size} bytes, {tokens} tokens")

    start = time.perf_counter()
    train, vocab = padded_everygram_pipeline(3, tokenized)
    lm = KneserNeyInterpolated(3)
    lm.fit(train, vocab)
    fit = time.perf_counter() - start
    print(f"{'tokenise':44s} {tokenize:10.4f}")
    print(f"{'train trigram KneserNeyInterpolated (fit)':44s} {fit:10.4f} {fit * 1e9 / tokens:9.1f} ns/token")

    rng = random.Random(7)
    produced, words, docs = 0, 0, 0
    start = time.perf_counter()
    while produced < args.bytes and docs < args.documents:
        context = ["<s>", "<s>"]
        document = []
        while len(document) < 200:
            word = lm.generate(1, text_seed=context[-2:], random_seed=rng)
            words += 1
            if word == "</s>":
                break
            document.append(word)
            context.append(word)
        produced += max(1, sum(len(w.encode("utf-8")) + 1 for w in document))
        docs += 1
        print(f"  document {docs}: {len(document)} words, {time.perf_counter() - start:.1f} s so far", flush=True)
    elapsed = time.perf_counter() - start
    scale = args.bytes / produced
    print(f"generated {words} tokens ({docs} documents, {produced} bytes) in {elapsed:.2f} s "
          f"= {elapsed * 1e3 / words:.1f} ms/token")
    print(f"{'generate 1 MB, scaled linearly':44s} {elapsed * scale:10.1f}  (x{scale:.1f} of the measured part)")
    print(f"{'one generation (fit + generate 1 MB)':44s} {fit + elapsed * scale:10.1f}")


if __name__ == "__main__":
    main()
