#!/usr/bin/env python3
"""Builds wordnet-nouns-subset.tsv, the corpus bundled with the Language target, from the full
WordNet 3.0 noun table (lemma, hypernym, definition, examples; 82,114 rows, 7.3 MB).

Selection (deterministic, no randomness): rows are grouped into domains by their hypernym; the
domains are ordered by the 64-bit FNV-1a hash of the hypernym's UTF-8 bytes, and whole domains are
taken in that order while the subset stays under BUDGET bytes. A domain is never split, so every
fact (lemma -> hypernym) of a chosen domain and all of its definitions and examples travel together.
Rows keep their order in the source file.

    python3 make_subset.py /work/shared/data/wordnet-nouns.tsv > wordnet-nouns-subset.tsv
"""
import sys

BUDGET = 1_900_000


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        rows = [line for line in f if line.strip()]
    sizes = {}
    for row in rows:
        hypernym = row.split("\t")[1]
        sizes[hypernym] = sizes.get(hypernym, 0) + len(row.encode("utf-8"))
    chosen, total = set(), len(header.encode("utf-8"))
    for hypernym in sorted(sizes, key=lambda h: (fnv1a64(h), h)):
        if total + sizes[hypernym] <= BUDGET:
            chosen.add(hypernym)
            total += sizes[hypernym]
    out = sys.stdout
    out.write(header)
    for row in rows:
        if row.split("\t")[1] in chosen:
            out.write(row)


if __name__ == "__main__":
    main(sys.argv[1])
