package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// crawlLock keeps two crawls off one database: the second would requeue
// the first's in-flight URLs as abandoned and fetch them again. An flock
// dies with its process, so a killed crawl never leaves a stale lock.
type crawlLock struct{ f *os.File }

func lockDB(db string) (*crawlLock, error) {
	path := db + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", db, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another govcorpus (pid %s) is crawling into %s", strings.TrimSpace(string(pid)), db)
		}
		return nil, fmt.Errorf("lock %s: %w", db, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &crawlLock{f: f}, nil
}

func (l *crawlLock) release() {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
}
