"""Independent (pandas) counts of the study's shared vocabulary, for
VocabularyCountsTests. Run from this folder: python3 make_vocabulary_reference.py
Reads the vendored files in content/data/corpora and writes vocabulary_reference.json."""
import io, json, pathlib
import pandas as pd

corpora = pathlib.Path(__file__).resolve().parents[4] / "content" / "data" / "corpora"
# latin-1 maps every byte to one character, so invalid UTF-8 rows stay distinct rows.
shared = pd.read_csv(io.BytesIO((corpora / "token_intersection.csv").read_bytes()), keep_default_na=False, dtype=str, encoding="latin-1")
tokens = shared["token_decoded"]
nouns = pd.read_csv(corpora / "dict_big2_nouns.csv", keep_default_na=False, dtype=str)
expanded = pd.read_csv(corpora / "dict_big2_expanded.csv", keep_default_na=False, dtype=str)
present = nouns[nouns["token_decoded"].isin(set(tokens))]
words = set(expanded["DicTerm"].str.lower())
keys = [t.strip().lower() for t in tokens]
matched = [k for k in keys if k in words]
out = {
    "shared_strings": int(len(tokens)),
    "empty_strings": int((tokens == "").sum()),
    "shared_nouns": int(len(present)),
    "shared_nouns_lowercase": int((present["token_decoded"] == present["token_decoded"].str.lower()).sum()),
    "shared_nouns_per_category": {c: int(n) for c, n in present["Category"].value_counts().sort_index().items()},
    "expanded_token_strings": len(matched),
    "expanded_distinct_words": len(set(matched)),
}
(pathlib.Path(__file__).parent / "vocabulary_reference.json").write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
print(out)
