// Package crawler owns everything about fetching a site: scope (hosts,
// depth, include/exclude patterns), canonical URLs, robots.txt, politeness
// (per-host delay and parallelism), retries with backoff, the body-size
// guard, the redirect policy, trap limits (URL shapes, a per-host budget,
// pagination that repeats itself; traps.go), and the loop that leases URLs
// from a persistent frontier and hands each fetched page to the extractor
// and the store. A worker does not wait for its page's commit: the page
// is recorded from a goroutine of its own (recordLater) while the worker
// goes on, and stays in flight for its host until recorded; up to 1,024
// pages, within 24 MB, wait so while the store indexes for search. A
// host's next batch of URLs is leased while half of the last is left. A
// site's links from the root are resolved once per crawl, and a link the
// frontier's table holds is not handed to the store again. A page whose
// database or archive write fails is never marked done: it goes back to
// the queue for the next run.
//
// A crawl is of one or more sites, each with its own scope, page budget,
// delay and parallelism (Site); their hosts are the run's scope, so other
// hosts left in the frontier by earlier runs are neither fetched nor
// requeued. The loop (run in crawler.go) hands the frontier out host by
// host: up to MaxHosts hosts at once, each with its site's Parallel
// workers that lease only that host's URLs and rest its delay after each
// request (a tenth of it after a 304), so every host goes at its own pace
// and a slow one holds no other up. A host whose queue runs dry leaves its
// place to the next; one that gets URLs later comes back. A Monitor lets
// the caller read the counts while the crawl runs.
//
// The frontier may be shared with other processes (gate.go): a store that
// is a HostGate has every request wait for its host's slot, so the delay
// and parallelism hold across all of them, and one that is a
// SharedFrontier lets a crawl with nothing left to lease wait while
// others hold URLs that may come back. redisfrontier implements both.
//
// Fetching goes through a Colly collector, whose per-host rules bound the
// requests in flight. Colly's own visited set and
// queue are not used: the frontier lives in the database so a killed crawl
// resumes where it stopped, and Colly's charset conversion and body
// truncation are kept out of the way by the transport in transport.go, so
// the extractor sees the bytes the server sent. Nor are its HTML
// callbacks: only the extractor parses a page, and its links are
// taken from that parse (links.go). A body fetched again exactly as stored
// is recorded unchanged, not extracted again; template statistics are
// counted in memory, bounded, and saved every templateSaveEvery pages. An
// article of a warm host is cleaned with its template on its text, and
// read a second time with it only when that is not enough
// (extract.Article.WithTemplate).
//
// With an archive (archive.go), the collector's transport is a
// warc.RecordingTransport below Colly: every exchange is recorded at the
// connection, a 304 becomes a server-not-modified revisit of the capture
// the page row keeps pointing at, and identical payloads become revisits.
// An archived HTML page's requisites (stylesheets, images, scripts, fonts;
// requisites.go) are fetched once per URL per run through the same
// politeness and robots.txt, archived, and never extracted.
//
// Reextract (reextract.go) replays the crawl's extraction step without the
// network: it reads each page's response back from the WARC archive (a
// revisit resolved to the capture holding the content, gzip undone as the
// recording transport undoes it), extracts it the way a crawl does, with
// the host's learned template statistics (template.go), and stores what a
// crawl would store now.
package crawler
