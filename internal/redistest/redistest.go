// Package redistest starts a throwaway redis-server for tests: Debian's
// package, installed by scripts/redis-server when missing, on 127.0.0.1 at
// a free port with its files in the test's temporary folder and nothing
// persisted. A test skips, saying why, only when no server can be had.
package redistest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pingAttempts bounds the wait for a started server to answer: it answers
// within milliseconds; a hundred tries a tenth of a second apart allow a
// loaded machine ten seconds.
const pingAttempts = 100

// Server is a running redis-server.
type Server struct {
	Addr string // host:port
	cmd  *exec.Cmd
}

// URL is the server's redis:// URL, database 0.
func (s *Server) URL() string { return "redis://" + s.Addr + "/0" }

// Stop kills the server (as a crash would); Cleanup also does.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
}

// Start starts a server for the test and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Skipf("redis-server not available (scripts/redis-server could not install it): %v", err)
	}
	return StartAt(t, bin, FreePort(t), t.TempDir(), false)
}

// StartAt starts bin on 127.0.0.1:port with its files in dir. persist
// turns on the append-only file, every write synced, so a server killed
// and started again on the same dir has every write back.
func StartAt(t testing.TB, bin string, port int, dir string, persist bool) *Server {
	t.Helper()
	aof := []string{"--appendonly", "no"}
	if persist {
		aof = []string{"--appendonly", "yes", "--appendfsync", "always"}
	}
	cmd := exec.Command(bin, append([]string{"--port", fmt.Sprint(port), "--bind", "127.0.0.1",
		"--save", "", "--dir", dir}, aof...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	s := &Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd}
	t.Cleanup(s.Stop)
	for range pingAttempts {
		if ping(s.Addr) == nil {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("redis-server on %s never answered: %s", s.Addr, out.String())
	return nil
}

// Binary is the redis-server to run, installed first if missing.
func Binary(t testing.TB) string {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Skipf("redis-server not available (scripts/redis-server could not install it): %v", err)
	}
	return bin
}

func binary() (string, error) {
	if bin, err := exec.LookPath("redis-server"); err == nil {
		return bin, nil
	}
	script, err := installScript()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(script).Output()
	if err != nil {
		return "", fmt.Errorf("%s: %w", script, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// installScript finds scripts/redis-server at the module's root.
func installScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "scripts", "redis-server"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = parent
	}
}

// FreePort is a loopback port nothing listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// ping speaks just enough RESP to see the server up, so this package needs
// no client.
func ping(addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return fmt.Errorf("answered %q", line)
	}
	return nil
}
