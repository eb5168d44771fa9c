// Package vntext owns Vietnamese text normalization for the corpus.
//
// It repairs what Vietnamese government pages do to text before it reaches
// the corpus: UTF-8 mojibake (UTF-8 bytes shown as windows-1252 or
// windows-1258), legacy font encodings inside Unicode pages (TCVN3 ".VnTime"
// and VNI-Windows "VNI-Times"), look-alike letters (Ð for Đ), invisible
// characters and decomposed (NFD) text. It also gives the diacritic-insensitive
// search key (Fold), a Vietnamese syllable validator (IsSyllable) and the
// old/new tone placement rewrite for oa/oe/uy syllables (ToneStyle).
//
// Every function accepts any string, including invalid UTF-8, and returns
// valid UTF-8 in NFC. The package holds no mutable state; its conversion
// tables are read-only and built on first use.
//
// Order matters: legacy-encoded runs must go through Decode (TCVN3 writes ư
// as U+00AD, a soft hyphen) before Normalize, which strips soft hyphens.
package vntext
