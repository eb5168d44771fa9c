// Package redisfrontier owns the frontier that several crawler processes
// share, kept in Redis: a queue per host, the set of URLs ever seen, the
// leases, each host's request slots, and the run's id and seeds. It
// implements the crawler's Frontier, HostGate and SharedFrontier; Shard
// joins it to one worker's own SQLite store, which keeps the pages,
// articles and captures that worker fetched.
//
// Every change is one Lua script, so it is atomic however many workers
// call at once, and every time in it is the Redis server's (TIME): the
// workers' clocks are never compared. A leased URL carries its worker's
// name and an expiry; the worker renews the leases it holds every third
// of the lease time, so a live worker keeps them however slow a page is,
// and a worker that dies (kill -9) loses them after --lease, when the
// next call of any worker puts them back at the front of their host's
// queue. A URL is done once its worker's shard has stored it; a worker
// that loses Redis mid-page keeps the lease in Redis, so the page comes
// back after the lease and nothing is lost.
//
// A worker that leases URLs of a host claims it for the lease time,
// renewed while it holds them, and drops the claim when the host's queue
// runs dry: other workers see a claimed host as having nothing queued, so
// each starts hosts no one crawls, and N workers with --max-hosts M each
// crawl N×M hosts at once.
//
// Politeness is global: a host has as many slots as its site's parallel
// requests, each with the server time it is free from. A request takes
// the slot free earliest, if that time has come, and holds it until the
// response has been read (or the lease time, if its worker died); the
// slot then rests the host's delay. So the requests to a host stay a
// delay apart across all workers, as they do within one.
//
// Keys share a prefix (Options.Prefix), one run of workers per prefix;
// the scripts name keys they compute, so the frontier needs one Redis
// server, not a cluster. A run's frontier is not recrawled: a new pass is
// a new prefix (or database) — the shards' databases keep the history.
package redisfrontier
