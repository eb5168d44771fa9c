package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govcorpus/govcorpus/extract/eval"
)

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"a.html": articleFixture, "login.html": loginFixture} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	truth := map[string]eval.Truth{
		"a":     {File: "a.html", URL: "http://x.test/a", ArticleBody: "Ngày 01/03/2024, Sở Lao động tổ chức lớp tập huấn về an toàn, vệ sinh lao động cho hơn 200 học viên đến từ các doanh nghiệp trên địa bàn tỉnh.\nTại lớp tập huấn, các học viên được phổ biến những quy định mới của pháp luật về an toàn, vệ sinh lao động và cách phòng ngừa tai nạn lao động tại nơi làm việc.\nKết thúc khóa học, các học viên đạt yêu cầu được cấp giấy chứng nhận theo quy định."},
		"login": {File: "login.html", URL: "http://x.test/login", PageType: "other"},
	}
	b, _ := json.Marshal(truth)
	truthPath := filepath.Join(dir, "truth.json")
	if err := os.WriteFile(truthPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(context.Background(), "eval", "--truth", truthPath, "--per-page", "--strict-empty", "--min-f1", "0.99")
	if code != exitOK || !strings.Contains(out, " 1.0000 1.0000 1.0000  2/2 ") {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	// A truth the extractor cannot meet: the ratchet fails the run.
	truth["a"] = eval.Truth{File: "a.html", ArticleBody: "Một văn bản hoàn toàn khác không có trong trang này chút nào cả."}
	b, _ = json.Marshal(truth)
	os.WriteFile(truthPath, b, 0o644)
	if code, _, stderr := runCmd(context.Background(), "eval", "--truth", truthPath, "--min-f1", "0.5"); code != exitPagesFailed || !strings.Contains(stderr, "below the floor") {
		t.Errorf("below the ratchet: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCmd(context.Background(), "eval", "--truth", filepath.Join(dir, "nope.json")); code != exitCannotRun {
		t.Errorf("missing truth file: exit %d", code)
	}
}

// TestEvalSetsScoredTheirOwnWay: two sets in one run, a WCXB one scored by
// bag of words and a shingle one, with the JSON report per set.
func TestEvalSetsScoredTheirOwnWay(t *testing.T) {
	dir := t.TempDir()
	wdir, sdir := filepath.Join(dir, "wcxb"), filepath.Join(dir, "news")
	for _, d := range []string{wdir, sdir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "a.html"), []byte(articleFixture), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "login.html"), []byte(loginFixture), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	body := "Ngày 01/03/2024, Sở Lao động tổ chức lớp tập huấn về an toàn, vệ sinh lao động cho hơn 200 học viên đến từ các doanh nghiệp trên địa bàn tỉnh."
	write := func(path string, v any) {
		b, _ := json.Marshal(v)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// WCXB truth: the first sentence only, so bag-of-words precision < 1.
	write(filepath.Join(wdir, "ground-truth.json"), map[string]map[string]string{
		"a":     {"file": "a.html", "url": "http://x.test/a", "wcxbType": "article", "articleBody": body},
		"login": {"file": "login.html", "url": "http://x.test/login", "wcxbType": "listing", "articleBody": "Đăng nhập"},
	})
	write(filepath.Join(sdir, "ground-truth.json"), map[string]map[string]string{
		"a": {"file": "a.html", "url": "http://x.test/a", "pageType": "article", "articleBody": body},
	})
	code, out, stderr := runCmd(context.Background(), "eval", "--format", "json", "--per-page",
		"--truth", filepath.Join(wdir, "ground-truth.json"), "--truth", filepath.Join(sdir, "ground-truth.json"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var reps []eval.Report
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, out)
	}
	if len(reps) != 2 || reps[0].Scoring != eval.ScoringWCXB || reps[1].Scoring != eval.ScoringShingles {
		t.Fatalf("reports %+v", reps)
	}
	w := reps[0]
	p, _, _ := eval.ScoreWords(body, "")
	if w.Content.Pages != 1 || w.ByGroup["article"].Pages != 1 || w.ByGroup["listing"].Pages != 1 || p != 0 {
		t.Errorf("WCXB groups: %+v", w.ByGroup)
	}
	if w.Content.P >= 1 || w.Content.R != 1 {
		t.Errorf("WCXB content P %.3f R %.3f: want P < 1 (the page says more than the truth), R 1", w.Content.P, w.Content.R)
	}
	if w.Confusion["listing"]["other"] != 1 || len(w.Results) != 2 {
		t.Errorf("confusion %v, %d page results", w.Confusion, len(w.Results))
	}
	// The gates apply to every set: the WCXB set's content F1 is under 1.
	if code, _, stderr := runCmd(context.Background(), "eval", "--truth", filepath.Join(wdir, "ground-truth.json"), "--min-f1", "0.99"); code != exitPagesFailed || !strings.Contains(stderr, "wcxb: F1") {
		t.Errorf("floor on a WCXB set: exit %d, %q", code, stderr)
	}
}
