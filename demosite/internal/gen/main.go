// Command gen writes the demo site's pages (site/) and its manifest
// (expected.json) from the content and templates in this directory.
// Run it with `go generate` in the demosite directory.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"html/template"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", ".", "the demosite directory to write site/ and expected.json into")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*out, "demosite.go")); err != nil {
		log.Fatalf("gen: %s is not the demosite directory: %v", *out, err)
	}
	files, err := build()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(*out, "site")); err != nil {
		log.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(*out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

const (
	siteName = "Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng"
	// brokenURL is the teaser link whose article was deleted.
	brokenURL = "bai-da-xoa.html"
	// privatePath is the page under the robots.txt Disallow.
	privatePath = "/noi-bo/huong-dan-su-dung-phan-mem.html"
)

var hanoiTZ = time.FixedZone("ICT", 7*3600)

// link is an anchor shown on a page; Day and Summary are for teasers.
type link struct {
	URL, Name string
}

type teaser struct {
	URL, Title, Day, Summary, Thumb, DocNo string
}

// page is what the shared layout needs.
type page struct {
	Path, HeadTitle, Description, OGTitle, OGImage string
	TabID                                          int
	Section                                        string
	Crumbs                                         []link
	Main                                           template.HTML
	Notices, Latest                                []teaser
}

// manifest is expected.json.
type manifest struct {
	Articles    []expected `json:"articles"`
	NonArticles []string   `json:"nonArticles"`
}

type expected struct {
	Path         string   `json:"path"`
	Title        string   `json:"title"`
	Published    string   `json:"published"`
	PublishedRaw string   `json:"publishedRaw"`
	Contains     []string `json:"contains"`
}

// built is one article with everything derived from its data.
type built struct {
	article
	cat      category
	path     string
	t        time.Time
	hasTime  bool
	dateLine string
	raw      string
}

var weekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func prepare(a article) (built, error) {
	b := built{article: a, path: "/" + a.Cat + "/" + a.Slug + ".html"}
	for _, c := range categories {
		if c.Dir == a.Cat {
			b.cat = c
		}
	}
	if b.cat.Dir == "" {
		return b, fmt.Errorf("%s: unknown category %q", b.path, a.Cat)
	}
	var err error
	if len(a.Date) > len("2006-01-02") {
		b.hasTime = true
		b.t, err = time.ParseInLocation("2006-01-02 15:04", a.Date, hanoiTZ)
	} else {
		b.t, err = time.ParseInLocation("2006-01-02", a.Date, hanoiTZ)
	}
	if err != nil {
		return b, fmt.Errorf("%s: %v", b.path, err)
	}
	day := b.t.Format("02/01/2006")
	switch a.Style {
	case styleUpdated:
		b.raw = day + " " + b.t.Format("15:04")
		b.dateLine = "Cập nhật ngày: " + b.raw
	case stylePosted:
		b.raw = day
		b.dateLine = "Ngày đăng: " + b.raw
	case styleWeekday:
		b.raw = day + " " + b.t.Format("15:04")
		b.dateLine = weekdays[b.t.Weekday()] + ", " + b.raw
	case styleDash:
		b.raw = day + " - " + b.t.Format("15:04")
		b.dateLine = b.raw
	}
	if b.hasTime != (a.Style != stylePosted) {
		return b, fmt.Errorf("%s: date %q does not fit its style", b.path, a.Date)
	}
	return b, nil
}

func (b built) published() string {
	if b.hasTime {
		return b.t.Format(time.RFC3339)
	}
	return b.t.Format("2006-01-02")
}

// teaser returns b as a teaser linked from the page at from.
func (b built) teaser(from string) teaser {
	return teaser{URL: rel(from, b.path), Title: b.Title, Day: b.t.Format("02/01/2006"),
		Summary: b.Summary, Thumb: b.Thumb, DocNo: b.DocNo}
}

// rel returns the link from the page at from to target: relative inside
// the same directory or to a sibling directory, root-relative from the root.
// Both forms occur on real portals and crawlers must resolve both.
func rel(from, target string) string {
	fd, td := path.Dir(from), path.Dir(target)
	switch {
	case fd == "/":
		return target
	case fd == td:
		if path.Base(target) == "index.html" {
			return "./"
		}
		return path.Base(target)
	case td != "/" && path.Dir(fd) == "/" && path.Dir(td) == "/":
		return "../" + path.Base(td) + "/" + path.Base(target)
	}
	return target
}

// contains picks the manifest's body sentences: the first sentence of the
// first and of the last body paragraph.
func contains(body []block) []string {
	var paras []string
	for _, bl := range body {
		if bl.text != "" {
			paras = append(paras, strings.Join(strings.Fields(bl.text), " "))
		}
	}
	if len(paras) == 0 {
		return nil
	}
	first := func(s string) string {
		if i := strings.Index(s, ". "); i >= 40 {
			return s[:i+1]
		}
		return s
	}
	out := []string{first(paras[0])}
	if len(paras) > 1 {
		out = append(out, first(paras[len(paras)-1]))
	}
	return out
}

var tmpl = template.Must(template.New("site").Funcs(template.FuncMap{
	"inc": func(i, off int) int { return i + off + 1 },
}).Parse(layout + mains))

func execute(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// build renders every file of the demosite directory that gen owns, keyed
// by slash-separated path relative to that directory.
func build() (map[string][]byte, error) {
	var all []built
	for _, a := range articles {
		b, err := prepare(a)
		if err != nil {
			return nil, err
		}
		all = append(all, b)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].t.After(all[j].t) })
	byCat := map[string][]built{}
	for _, b := range all {
		byCat[b.Cat] = append(byCat[b.Cat], b)
	}

	files := map[string][]byte{}
	var man manifest
	render := func(p page) error {
		p.Notices = sidebar(byCat["thong-bao"])
		p.Latest = sidebar(byCat["tin-tuc"])
		var buf bytes.Buffer
		if err := tmpl.ExecuteTemplate(&buf, "page", p); err != nil {
			return fmt.Errorf("%s: %v", p.Path, err)
		}
		name := p.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		files["site"+name] = buf.Bytes()
		return nil
	}
	nonArticle := func(p string) { man.NonArticles = append(man.NonArticles, p) }

	// Articles.
	for _, b := range all {
		related := relatedTo(b, all)
		data := map[string]any{
			"Title": b.Title, "Views": b.Views, "DateLine": b.dateLine, "Body": htmls(b.Body),
			"Related": related, "RelatedTitle": b.cat.Related, "RelatedClass": relatedClass[b.Cat],
		}
		main, err := execute("article", data)
		if err != nil {
			return nil, err
		}
		og := b.Thumb
		if og == "" {
			og = "/images/logo.png"
		}
		if err := render(page{
			Path: b.path, HeadTitle: b.Title + " - " + siteName, Description: b.Summary,
			OGTitle: b.Title, OGImage: og, TabID: tabID[b.Cat], Section: b.Cat, Main: main,
			Crumbs: []link{{URL: "/" + b.Cat + "/", Name: b.cat.Name}},
		}); err != nil {
			return nil, err
		}
		man.Articles = append(man.Articles, expected{Path: b.path, Title: b.Title,
			Published: b.published(), PublishedRaw: b.raw, Contains: contains(b.Body)})
	}

	// Category listings, two pages each.
	for _, c := range categories {
		items := byCat[c.Dir]
		pages := [][]built{items[:c.PageSize], items[c.PageSize:]}
		for i, list := range pages {
			p := "/" + c.Dir + "/"
			if i == 1 {
				p += "trang-2.html"
			}
			var ts []teaser
			for _, b := range list {
				ts = append(ts, b.teaser(p))
			}
			if c.Dir == "tin-tuc" && i == 1 {
				ts = append(ts, teaser{URL: brokenURL, Title: "Hội thảo chuyên đề về phát triển thị trường lao động vùng Đồng bằng sông Cửu Long",
					Day: "12/03/2020", Summary: "Hội thảo bàn giải pháp kết nối cung cầu lao động giữa các tỉnh trong vùng."})
			}
			main, err := execute("listing", map[string]any{"Name": c.Name, "Items": ts, "Page": i + 1,
				"Table": c.Table, "Offset": i * c.PageSize})
			if err != nil {
				return nil, err
			}
			title := c.Name
			if i == 1 {
				title += " - Trang 2"
			}
			if err := render(page{Path: p, HeadTitle: title + " - " + siteName, Description: c.Name,
				TabID: tabID[c.Dir], Section: c.Dir, Main: main,
				Crumbs: []link{{URL: "/" + c.Dir + "/", Name: c.Name}}}); err != nil {
				return nil, err
			}
			nonArticle(p)
		}
	}

	// Home page.
	var hot teaser
	for _, b := range byCat["tin-tuc"] {
		if b.Thumb != "" {
			hot = b.teaser("/")
			break
		}
	}
	var blocks []map[string]any
	for _, c := range categories {
		var ts []teaser
		for _, b := range byCat[c.Dir][:4] {
			ts = append(ts, b.teaser("/"))
		}
		blocks = append(blocks, map[string]any{"Name": c.Name, "URL": "/" + c.Dir + "/", "Items": ts})
	}
	main, err := execute("home", map[string]any{"Hot": hot, "Blocks": blocks})
	if err != nil {
		return nil, err
	}
	if err := render(page{Path: "/", HeadTitle: siteName, Description: "Trang thông tin điện tử " + siteName,
		TabID: 1, Section: "home", Main: main}); err != nil {
		return nil, err
	}
	nonArticle("/")

	// Static information pages (articles without a date) and the private page.
	statics := []struct {
		path, title, body string
		views             int
		crumbs            []link
	}{
		{"/gioi-thieu/chuc-nang-nhiem-vu.html", "Chức năng, nhiệm vụ của Sở Lao động - Thương binh và Xã hội", chucNangNhiemVu, 5120,
			[]link{{"/gioi-thieu/chuc-nang-nhiem-vu.html", "Giới thiệu"}}},
		{"/gioi-thieu/co-cau-to-chuc.html", "Cơ cấu tổ chức", coCauToChuc, 3307,
			[]link{{"/gioi-thieu/chuc-nang-nhiem-vu.html", "Giới thiệu"}}},
		{privatePath, "Hướng dẫn sử dụng phần mềm quản lý văn bản và điều hành nội bộ", noiBo, 57, nil},
	}
	for _, s := range statics {
		main, err := execute("article", map[string]any{"Title": s.title, "Views": s.views, "Body": []template.HTML{template.HTML(s.body)}})
		if err != nil {
			return nil, err
		}
		if err := render(page{Path: s.path, HeadTitle: s.title + " - " + siteName, Description: s.title,
			OGTitle: s.title, OGImage: "/images/logo.png", TabID: 2, Section: "gioi-thieu", Main: main, Crumbs: s.crumbs}); err != nil {
			return nil, err
		}
		if s.path != privatePath {
			man.Articles = append(man.Articles, expected{Path: s.path, Title: s.title, Contains: htmlContains(s.body)})
		}
	}

	// Pages that are mostly forms.
	forms := []struct{ path, title, main, section string }{
		{"/lien-he.html", "Liên hệ", lienHe, "lien-he"},
		{"/tim-kiem.html", "Tìm kiếm", timKiem, ""},
		{"/dang-nhap.html", "Đăng nhập", dangNhap, ""},
	}
	for _, f := range forms {
		if err := render(page{Path: f.path, HeadTitle: f.title + " - " + siteName, Description: f.title,
			TabID: 90, Section: f.section, Main: template.HTML(f.main), Crumbs: []link{{f.path, f.title}}}); err != nil {
			return nil, err
		}
		nonArticle(f.path)
	}

	files["site/robots.txt"] = []byte("User-agent: *\nDisallow: /noi-bo/\nDisallow: /Poll/\n")
	files["site/css/style.css"] = []byte(styleCSS)
	files["site/css/bootstrap.min.css"] = []byte(bootstrapCSS)
	if err := addImages(files); err != nil {
		return nil, err
	}

	sort.Slice(man.Articles, func(i, j int) bool { return man.Articles[i].Path < man.Articles[j].Path })
	sort.Strings(man.NonArticles)
	js, err := json.MarshalIndent(man, "", "\t")
	if err != nil {
		return nil, err
	}
	files["expected.json"] = append(js, '\n')
	return files, nil
}

var tabID = map[string]int{"tin-tuc": 54, "thong-bao": 55, "van-ban": 61}

// relatedClass varies the class of the list under articles the way
// different modules of one portal do; not every name gives it away.
var relatedClass = map[string]string{"tin-tuc": "other-news", "thong-bao": "list-more", "van-ban": "box-related"}

func sidebar(bs []built) []teaser {
	var ts []teaser
	for _, b := range bs[:5] {
		ts = append(ts, b.teaser("/"))
	}
	return ts
}

// relatedTo lists five other articles: older ones of the same category
// first, then newer ones, then other categories.
func relatedTo(b built, all []built) []teaser {
	var same, other []built
	for _, o := range all {
		switch {
		case o.path == b.path:
		case o.Cat == b.Cat:
			same = append(same, o)
		default:
			other = append(other, o)
		}
	}
	sort.SliceStable(same, func(i, j int) bool {
		oi, oj := !same[i].t.After(b.t), !same[j].t.After(b.t)
		return oi && !oj
	})
	var ts []teaser
	for _, o := range append(same, other...) {
		if len(ts) == 5 {
			break
		}
		ts = append(ts, o.teaser(b.path))
	}
	return ts
}

func htmls(bs []block) []template.HTML {
	var out []template.HTML
	for _, b := range bs {
		out = append(out, b.html)
	}
	return out
}

var (
	paraRE = regexp.MustCompile(`(?s)<p[^>]*>(.*?)</p>`)
	tagRE  = regexp.MustCompile(`<[^>]+>`)
)

// htmlContains is contains for a hand-written body.
func htmlContains(body string) []string {
	var bs []block
	for _, m := range paraRE.FindAllStringSubmatch(body, -1) {
		bs = append(bs, block{text: tagRE.ReplaceAllString(m[1], "")})
	}
	return contains(bs)
}

var srcRE = regexp.MustCompile(`(?:src="|href="|content="|url\()(/images/[^")]+\.png)`)

// addImages adds a small solid PNG for every image the pages use.
func addImages(files map[string][]byte) error {
	seen := map[string]bool{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".css") {
			continue
		}
		for _, m := range srcRE.FindAllSubmatch(data, -1) {
			seen[string(m[1])] = true
		}
	}
	if len(seen) == 0 {
		return errors.New("no images found")
	}
	for src := range seen {
		h := fnv.New32a()
		h.Write([]byte(src))
		s := h.Sum32()
		w, ht := 120, 80
		if strings.Contains(src, "icon") || strings.Contains(src, "favicon") || strings.HasSuffix(src, "online.png") ||
			strings.HasSuffix(src, "today.png") || strings.HasSuffix(src, "week.png") || strings.HasSuffix(src, "total.png") {
			w, ht = 16, 16
		}
		img := image.NewPaletted(image.Rect(0, 0, w, ht), color.Palette{
			color.RGBA{uint8(s), uint8(s >> 8), uint8(s >> 16), 255},
			color.RGBA{0xff, 0xff, 0xff, 255},
		})
		for x := 0; x < w; x++ {
			img.SetColorIndex(x, ht/2, 1)
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return err
		}
		files["site"+src] = buf.Bytes()
	}
	return nil
}
