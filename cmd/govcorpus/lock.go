package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// crawlLock keeps two crawls off one database: the second would requeue
// the first's in-flight URLs as abandoned and fetch them again. An flock
// dies with its process, so a killed crawl never leaves a stale lock.
//
// The lock file sits next to the database's real file, found through
// symlinks and relative paths, so "x.db", "./x.db" and a link to it are
// one database and one lock.
type crawlLock struct{ f *os.File }

// errLocked is another process holding the database's lock: a temporary
// failure, which cron wrappers retry (exit 75, EX_TEMPFAIL).
var errLocked = errors.New("database locked by another crawl")

// exitLocked is EX_TEMPFAIL from sysexits.h.
const exitLocked = 75

func lockDB(db string) (*crawlLock, error) {
	real, err := realPath(db)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", db, err)
	}
	path := real + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", db, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: another govcorpus (%s) is crawling into %s; try again when it has finished",
				errLocked, describeHolder(string(holder)), db)
		}
		return nil, fmt.Errorf("lock %s: %w", db, err)
	}
	if err := f.Truncate(0); err == nil {
		// pid and start time, for the message a second crawl prints.
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
	}
	return &crawlLock{f: f}, nil
}

// describeHolder reads a lock file's "pid start-time".
func describeHolder(s string) string {
	pid, started, _ := strings.Cut(strings.TrimSpace(s), " ")
	switch {
	case pid == "":
		return "pid unknown"
	case started == "":
		return "pid " + pid
	}
	return fmt.Sprintf("pid %s, started %s", pid, started)
}

// realPath is the absolute path of db's file with every symlink resolved;
// for a database not created yet, its folder's.
func realPath(db string) (string, error) {
	abs, err := filepath.Abs(db)
	if err != nil {
		return "", err
	}
	if p, err := filepath.EvalSymlinks(abs); err == nil {
		return p, nil
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}

func (l *crawlLock) release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
