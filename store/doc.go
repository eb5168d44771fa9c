// Package store owns govcorpus's SQLite database: the schema and its
// versioned migrations, the persistent crawl frontier, the record of runs,
// the pages and articles tables, and the read queries over them.
//
// It also keeps the corpus's history, written in the transaction of the
// page that causes it (versions.go): the earlier text of an article a
// later run found edited (article_versions), articles marked gone when
// their page answers 404 or 410 (never deleted), and per run the list of
// articles new, changed, gone and back (article_changes) and the tallies
// of pages, failures and unchanged articles (run_counts), so a killed
// run's counts are as complete as the pages it stored.
//
// All writes go through one writer goroutine that commits concurrent
// requests together ("group commit"), yet every write call is synchronous:
// when it returns nil the data is committed, and a process killed right
// after loses nothing. A call made under Deferred (a crawl records its
// pages from goroutines of their own) may wait up to a quarter second for
// others to share its commit, so a transaction holds a crawl's pages by
// the dozen and rewrites each index page once for all of them; any other
// call closes its batch within milliseconds. WAL
// with synchronous=NORMAL makes a commit cost a write, not an fsync: a
// power loss can lose the commits the kernel had not written out yet,
// never corrupt the database; the WAL is copied into the database every
// 256 MB, not 4 MB, as each copy rewrites most of the indexes on URLs.
// Since a commit writes every page it changed
// whole, and a crawled page changes a page of each index on URLs, sha256
// and dates, a new database gets 1 KiB pages rather than 4 KiB.
// Reads use a separate connection pool; WAL mode lets them run alongside
// the writer.
//
// The search index (a contentless FTS5 table) is written in bulk: a page's
// transaction only queues its article in search_queue, and the writer
// indexes the queue once it holds a few thousand articles, when the store
// closes, and at open for what a killed process left: a flush is a
// few segments (hashsize), merged with others 16 at a time, and it reads
// the queue a few hundred articles at a time. The flush holds every
// write for up to a second or two at 100,000 articles, which callers
// wait out (a crawl's page records wait up to a minute). A segment per write
// transaction, merged again and again, had been two fifths of a crawl's
// writes. Search reads the queue through: it ranks queued articles in an
// index built in memory for the query and leaves their stale entries out,
// so it never misses a committed article, even from another process.
//
// The frontier is kept by host (frontier.host, the URL's authority): a
// crawl leases one host's URLs at a time and starts new passes over the
// hosts of its own scope only. A lease hands out each row's id, and the
// page recorded for it marks that row done by id, not by URL: at 100,000
// pages the indexes on URLs no longer fit in SQLite's cache, and each
// look-up by URL is a read.
//
// Merge (merge.go) adds another database of the same schema, a worker's
// shard of a crawl on a shared frontier, in one transaction over an
// ATTACHed copy: articles and pages by URL with the newest fetch winning
// (a replaced text kept as a version), runs renumbered, captures with
// their WARC pointers; the search index and duplicate marks are rebuilt
// over the whole corpus after.
//
// The schema is a public interface: users query the database with their own
// SQL, so table and column names only change through a new migration.
package store
