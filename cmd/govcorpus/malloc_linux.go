//go:build linux && cgo

package main

// SQLite allocates with the C library's malloc, and glibc gives each
// thread that meets contention an arena of its own, up to eight per core.
// SQLite runs on whichever threads the Go scheduler hands it, and each
// arena kept the high-water mark of the search index flushes that ran on
// it: a 100,000-page crawl's peak RSS was 84-88 MB against 67 MB at
// 10,000 pages. One arena: 77 MB. SQLite's writer is one connection, so
// it hardly contends for it.
//
// The cap is set when the binary loads, before the Go runtime starts any
// thread: glibc fixes its arena limit at the first contention, so a
// mallopt from main() came too late (84 MB). Other C libraries have no
// such setting and are left as they are.

/*
#include <malloc.h>

#define GOVCORPUS_MALLOC_ARENAS 1

__attribute__((constructor)) static void govcorpus_limit_arenas(void) {
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, GOVCORPUS_MALLOC_ARENAS);
#endif
}
*/
import "C"
