// Package neardup finds texts that are nearly the same: the same news item
// republished by another portal with its own header and footer, or with a
// sentence edited. It owns shingling, MinHash signatures and the
// locality-sensitive hashing (LSH) that turns them into clusters, and
// nothing else: callers fold the text first (diacritics off, lower case)
// and decide what to do with a cluster.
//
// A text becomes the set of its word shingles (Shingle consecutive words,
// words being runs of letters and digits), and the similarity of two texts
// is the Jaccard index of those sets: shared shingles over all shingles.
// A shared boilerplate paragraph moves it little, since each text's own
// body dominates both sets; a changed header or footer or one edited
// sentence moves it little too, since most shingles stay.
//
// Each text is summarised by a MinHash signature: for each of Hashes hash
// functions, the smallest hash over its shingles. Two signatures agree at a
// position with probability equal to the Jaccard index. Only the lowest 8
// bits of each minimum are kept ("b-bit minwise hashing", Li and König
// 2010): 128 bytes per text, so a million texts fit in 128 MB, at the cost
// of a 1-in-256 chance that two different minima agree, which Estimate
// corrects for.
//
// Comparing every pair is quadratic, so Clusters compares only candidates:
// the signature is cut into bands of rows bytes, and texts whose band
// bytes are all equal in at least one band become candidates, one band at
// a time, the texts sorted by that band. A candidate pair whose estimated similarity
// reaches the threshold is joined (union-find), so a cluster is the
// transitive closure of similar pairs: a chain of edits can link two texts
// less similar than the threshold.
package neardup
