package sitelist

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadSeeds(t *testing.T) {
	ok := func(string) error { return nil }
	p := write(t, "s.txt", "# sites\n\n  http://a/  \nhttp://b/ # second\r\n#http://c/\n")
	got, err := ReadSeeds(p, ok)
	if err != nil || !slices.Equal(got, []string{"http://a/", "http://b/"}) {
		t.Errorf("ReadSeeds = %v, %v", got, err)
	}
	for _, tc := range []struct{ text, want string }{
		{"http://a/\nhttp://b/ http://c/\n", "s.txt:2: one URL a line"},
		{"# nothing\n", "no URL"},
		{"http://a/\nbad\n", "s.txt:2: refused"},
	} {
		p := write(t, "s.txt", tc.text)
		_, err := ReadSeeds(p, func(s string) error {
			if s == "bad" {
				return errors.New("refused")
			}
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadSeeds(%q) = %v, want %q", tc.text, err, tc.want)
		}
	}
}

func TestReadConfig(t *testing.T) {
	p := write(t, "c.yaml", `delay: 2s
include: '/tin-tuc/'
exclude: [a, b]
seeds: http://g/
sites:
  - name: one
    seeds: [http://a/, "http://b/"]
    max-pages: 10
`)
	c, err := ReadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	var flags []string
	for _, s := range c.Settings() {
		for _, v := range s.Values {
			flags = append(flags, s.Flag+"="+v.Text)
		}
	}
	if want := []string{"include=/tin-tuc/", "exclude=a", "exclude=b", "delay=2s"}; !slices.Equal(flags, want) {
		t.Errorf("Settings = %v, want %v", flags, want)
	}
	if len(c.Seeds) != 1 || c.Seeds[0].Text != "http://g/" || c.Seeds[0].Line != 4 {
		t.Errorf("global seeds = %+v", c.Seeds)
	}
	if len(c.Sites) != 1 {
		t.Fatalf("sites = %+v", c.Sites)
	}
	s := c.Sites[0]
	if s.Name.Text != "one" || len(s.Seeds) != 2 || s.Seeds[1].Text != "http://b/" || s.MaxPages.Text != "10" ||
		s.MaxPages.Line != 8 || s.Delay.Set {
		t.Errorf("site = %+v", s)
	}
}
