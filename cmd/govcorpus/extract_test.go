package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const articleFixture = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Tập huấn an toàn lao động năm 2024 - Sở Lao động</title></head><body>
<div class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li></ul></div>
<div class="content">
<h1 class="title">Tập huấn an toàn lao động năm 2024</h1>
<div class="date">Cập nhật ngày: 05/03/2024 08:30</div>
<p>Ngày 01/03/2024, Sở Lao động tổ chức lớp tập huấn về an toàn, vệ sinh lao động cho hơn 200 học viên đến từ các doanh nghiệp trên địa bàn tỉnh.</p>
<p>Tại lớp tập huấn, các học viên được phổ biến những quy định mới của pháp luật về an toàn, vệ sinh lao động và cách phòng ngừa tai nạn lao động tại nơi làm việc.</p>
<p>Kết thúc khóa học, các học viên đạt yêu cầu được cấp giấy chứng nhận theo quy định.</p>
</div>
<div class="footer">Địa chỉ: Số 1, đường Lê Duẩn. Điện thoại: 0299 000 000</div>
</body></html>`

const loginFixture = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập</title></head><body>
<form action="/login" method="post"><label>Tên đăng nhập</label><input name="u"><label>Mật khẩu</label>
<input type="password" name="p"><button type="submit">Đăng nhập</button></form></body></html>`

func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "article.html")
	if err := os.WriteFile(plain, []byte(articleFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(dir, "login.html.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(loginFixture))
	zw.Close()
	f.Close()

	var out strings.Builder
	code := run(context.Background(), []string{"extract", "--format", "jsonl", "--url", "http://example.test/a.html", plain, gz, "-"},
		env{stdin: strings.NewReader(articleFixture), stdout: &out, stderr: &out})
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	var got []extracted
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var x extracted
		if err := json.Unmarshal(sc.Bytes(), &x); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, x)
	}
	if len(got) != 3 {
		t.Fatalf("got %d lines, want one per input file:\n%s", len(got), out.String())
	}
	for i, want := range []string{plain, gz, "-"} {
		if got[i].File != want {
			t.Errorf("line %d is for %q, want %q (input order)", i, got[i].File, want)
		}
	}
	a := got[0]
	if a.PageType != "article" || a.Title != "Tập huấn an toàn lao động năm 2024" ||
		a.Published != "2024-03-05T08:30:00+07:00" || a.PublishedRaw == "" || a.URL != "http://example.test/a.html" {
		t.Errorf("article line = %+v", a)
	}
	if !strings.Contains(a.Text, "hơn 200 học viên") || strings.Contains(a.Text, "Điện thoại") {
		t.Errorf("article text = %q", a.Text)
	}
	if got[1].PageType != "other" || got[1].Text != "" {
		t.Errorf("login page = %+v, want other with no text", got[1])
	}
	if got[2].Text != a.Text {
		t.Errorf("stdin gave different text from the file")
	}
}

func TestExtractBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"missing file", []string{"extract", filepath.Join(t.TempDir(), "nope.html")}, exitPagesFailed},
		{"no files", []string{"extract"}, exitCannotRun},
		{"bad format", []string{"extract", "--format", "xml", "x.html"}, exitCannotRun},
		{"bad --max-body", []string{"extract", "--max-body", "lots", "x.html"}, exitCannotRun},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(context.Background(), tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); stderr == "" || n != 0 {
				t.Errorf("want one line on stderr, got:\n%s", stderr)
			}
		})
	}
}

// endless is a stream that never ends, like a pipe from /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func gzipFile(t *testing.T, path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExtractMaxBody: inputs larger than --max-body, before or after
// gunzip, get one stderr line each and are skipped; the others are
// extracted, and the exit code says some failed.
func TestExtractMaxBody(t *testing.T) {
	const limit = 1 << 20 // --max-body 1MiB
	dir := t.TempDir()
	good := filepath.Join(dir, "good.html")
	if err := os.WriteFile(good, []byte(articleFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.html")
	if err := os.WriteFile(big, bytes.Repeat([]byte("<p>x</p>"), limit/4), 0o644); err != nil {
		t.Fatal(err)
	}
	bomb := filepath.Join(dir, "bomb.html.gz") // 10 KiB on disk, 8 MiB unpacked
	gzipFile(t, bomb, make([]byte, 8*limit))
	fits := filepath.Join(dir, "fits.html.gz")
	gzipFile(t, fits, []byte(articleFixture))

	tests := []struct {
		name  string
		input string
		stdin io.Reader
		bad   bool
	}{
		{"plain file under the limit", good, nil, false},
		{"gzip under the limit", fits, nil, false},
		{"plain file over the limit", big, nil, true},
		{"gzip bomb", bomb, nil, true},
		{"endless standard input", "-", endless{}, true},
		{"/dev/zero", "/dev/zero", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.input == "/dev/zero" {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero here")
				}
			}
			stdin := tc.stdin
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			var stdout, stderr strings.Builder
			code := run(context.Background(), []string{"extract", "--max-body", "1MiB", "--format", "jsonl", good, tc.input},
				env{stdin: stdin, stdout: &stdout, stderr: &stderr})
			lines := strings.Count(stdout.String(), "\n")
			if !tc.bad {
				if code != exitOK || lines != 2 || stderr.Len() != 0 {
					t.Errorf("exit %d, %d outputs, stderr %q; want 0, 2, nothing", code, lines, stderr.String())
				}
				return
			}
			if code != exitPagesFailed {
				t.Errorf("exit %d, want %d", code, exitPagesFailed)
			}
			if lines != 1 {
				t.Errorf("%d outputs, want the good file's only", lines)
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Count(msg, "\n") != 0 || !strings.Contains(msg, "larger than --max-body") || !strings.Contains(msg, tc.input) {
				t.Errorf("stderr %q; want one line naming the input and --max-body", msg)
			}
		})
	}
}
