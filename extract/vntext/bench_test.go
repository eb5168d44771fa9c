package vntext

import (
	"strings"
	"testing"
)

// pageText builds about n bytes of text shaped like an extracted article
// from a department site: paragraphs of Vietnamese with the usual NBSPs,
// a few double spaces and zero-width spaces, numbers and dates.
func pageText(n int) string {
	paras := []string{
		"Ngày 18/01/2021, Sở Lao động\u00a0- Thương binh và Xã hội tỉnh Khánh Hòa tổ chức Hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021.",
		"Phát biểu tại hội nghị, đồng chí Giám đốc Sở đánh giá cao những kết quả đạt được  trong công tác giảm nghèo, giải quyết việc làm và chăm sóc người có công.",
		"Theo báo cáo, trong năm 2020 toàn tỉnh đã giải quyết việc làm cho 25.000 lao động, đạt 104% kế hoạch; tỷ lệ hộ nghèo giảm còn 2,1%.",
		"Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tiếp tục đẩy mạnh cải cách hành chính,\u200b ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính.",
		"Thông tin chi tiết xem tại Quyết định số 1989/QĐ-BGDĐT ngày 25/5/2018 và Nghị định số 15/2020/NĐ-CP.",
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(paras[i%len(paras)])
		b.WriteString("\n")
	}
	return b.String()
}

func benchNormalize(b *testing.B, s string) {
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
	}
}

func BenchmarkNormalize50KB(b *testing.B) { benchNormalize(b, pageText(50_000)) }

// Already clean text: the cost of the fast paths alone.
func BenchmarkNormalize50KBClean(b *testing.B) { benchNormalize(b, Normalize(pageText(50_000))) }

func BenchmarkNormalize50KBMojibake(b *testing.B) {
	benchNormalize(b, mojibakeFuncs[1].f(pageText(50_000)))
}

func BenchmarkFold50KB(b *testing.B) {
	s := pageText(50_000)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Fold(s)
	}
}

func BenchmarkDetect50KB(b *testing.B) {
	s := pageText(50_000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Detect(s)
	}
}

func BenchmarkToneStyle50KB(b *testing.B) {
	s := pageText(50_000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ToneStyle(s, StyleNew)
	}
}

func TestPageTextMojibakeRepair(t *testing.T) {
	s := pageText(50_000)
	for _, mf := range mojibakeFuncs {
		if mf.name == "cp1252" || mf.name == "cp1258" {
			continue
		}
		if got, want := Normalize(mf.f(s)), Normalize(s); got != want {
			t.Errorf("%s: 50 KB page not repaired", mf.name)
		}
	}
}
