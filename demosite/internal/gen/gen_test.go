package main

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpToDate fails when site/ or expected.json differ from what the
// generator writes: run `go generate` in the demosite directory.
func TestUpToDate(t *testing.T) {
	want, err := build()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..")
	have := map[string]bool{}
	root := os.DirFS(dir)
	err = fs.WalkDir(root, "site", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		have[name] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	have["expected.json"] = true
	for name := range have {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not written by the generator", name)
		}
	}
	for name, data := range want {
		got, err := fs.ReadFile(root, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		// PNG bytes may differ between Go releases; only text must match.
		if path.Ext(name) != ".png" && !bytes.Equal(got, data) {
			t.Errorf("%s is stale: run go generate in demosite", name)
		}
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"/", "/tin-tuc/a.html", "/tin-tuc/a.html"},
		{"/tin-tuc/", "/tin-tuc/a.html", "a.html"},
		{"/tin-tuc/trang-2.html", "/tin-tuc/a.html", "a.html"},
		{"/tin-tuc/a.html", "/thong-bao/b.html", "../thong-bao/b.html"},
		{"/tin-tuc/a.html", "/tin-tuc/index.html", "./"},
		{"/tin-tuc/a.html", "/b.html", "/b.html"},
	}
	for _, tt := range tests {
		if got := rel(tt.from, tt.target); got != tt.want {
			t.Errorf("rel(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		name string
		body []block
		want []string
	}{
		{"first sentence of first and last paragraph",
			[]block{lead("Dẫn."), p("Câu thứ nhất của đoạn đầu tiên khá dài để được cắt ra. Câu hai."), h("Mục"), p("Đoạn  cuối\tngắn.")},
			[]string{"Câu thứ nhất của đoạn đầu tiên khá dài để được cắt ra.", "Đoạn cuối ngắn."}},
		{"short first sentence keeps the paragraph",
			[]block{p("Ngày 5/3. Sở tổ chức hội nghị.")},
			[]string{"Ngày 5/3. Sở tổ chức hội nghị."}},
		{"no paragraph", []block{h("Mục")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := contains(tt.body)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("contains = %q, want %q", got, tt.want)
			}
		})
	}
}
