# Everything builds with the sqlite_fts5 tag: the store uses SQLite's FTS5
# full-text index, which go-sqlite3 compiles in only with this tag (CGO).
GO      ?= go
TAGS    := sqlite_fts5
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
export CGO_ENABLED := 1

.PHONY: all build test demo vet clean

all: build

build:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o bin/govcorpus ./cmd/govcorpus

vet:
	$(GO) vet -tags $(TAGS) ./...

test: vet
	$(GO) test -tags $(TAGS) -race -count=1 ./...

demo: build
	./bin/govcorpus demo

clean:
	rm -rf bin demo.db demo.db-wal demo.db-shm
