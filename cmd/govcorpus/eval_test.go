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
