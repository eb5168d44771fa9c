package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// vietnamTime is UTC+7, which Vietnam has kept all year since 1975; dates
// written without a zone are read in it.
var vietnamTime = time.FixedZone("ICT", 7*60*60)

var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 MST 2006",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
}

var (
	// d/m/y, the only order on Vietnamese sites; separators / - . all occur.
	dmyRE = regexp.MustCompile(`(?i)(?:^|[^\d])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:[^\d]|$)`)
	// "ngày 5 tháng 3 năm 2020", "Ngày 05 tháng 03, 2020"
	ngayRE = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})`)
	// 15:58, 8h30, 08:32:10, 15時58分, 15시 58분
	clockRE = regexp.MustCompile(`(?i)(?:^|[^\d])(\d{1,2})\s*(?::|h|時|시)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(am|pm|sa|ch)\b)?`)
	// "08/05/23": a two-digit year, read only with slashes and with no
	// digit or slash around it, so that phone numbers ("0913.12.05.23") and
	// document numbers ("12/05/23/QĐ") are not dates.
	dmy2RE = regexp.MustCompile(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{2})(?:[^\d/]|$)`)
	// "May 8, 2023", "8 May 2023", "Sept. 8th, 2023": English pages and the
	// English editions of portals.
	mdyRE   = regexp.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyEnRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?,?\s+(\d{4})\b`)
	isoRE   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
	// "2023年5月8日" (Chinese, Japanese), "2023년 5월 8일" (Korean).
	cjkDateRE = regexp.MustCompile(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]`)
	// "2023.05.08", "2023/05/08": year first, as Korean, Chinese and
	// Japanese sites write it (the dashed form is isoRE's).
	ymdRE = regexp.MustCompile(`(?:^|[^\d./])(\d{4})\s*([./])\s*(\d{1,2})\s*[./]\s*(\d{1,2})(?:[^\d./]|$)`)
	// "8 мая 2023", "8 de maio de 2023", "8. Mai 2023", "08 Mei 2023": a
	// month's name in another language, looked up in localMonths.
	dmyLocalRE = regexp.MustCompile(`(?:^|[^\pL\d])(\d{1,2})\.?\s+(?:de\s+)?(\pL+)\.?,?\s+(?:de\s+)?(\d{4})(?:[^\d]|$)`)
)

// localMonths are the month names of the languages of other news sites, in
// the case a date writes them (Russian in the genitive). Names shared by
// languages ("marzo", "agosto", "mai") mean the same month in each.
var localMonths = func() map[string]int {
	m := map[string]int{}
	for _, names := range [][12]string{
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"},
		{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
	} {
		for i, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

const monthNames = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`

// monthNumber is the number of an English month name or its abbreviation.
func monthNumber(name string) int {
	prefix := strings.ToLower(name)[:3]
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if m == prefix {
			return i + 1
		}
	}
	return 0
}

// date is a date read from metadata or from a line of text.
type date struct {
	t        time.Time
	hasClock bool   // the time of day was given
	raw      string // the date (and time) as written, without label or weekday
}

// parseDate reads a date as written in metadata or in page text. It returns
// false when s holds no plausible date.
func parseDate(s string) (date, bool) {
	// Every form read below has a year, and so at least four ASCII digits
	// (d/m/yy has the fewest). Most lines of text have fewer and need not
	// go through the layouts and regexps.
	if countDigits(s) < 4 {
		return date{}, false
	}
	s = collapseSpace(s)
	if s == "" {
		return date{}, false
	}
	// A layout that opens with a number (a year or a day) reads only a
	// value that opens with a digit, and one that opens with a name (a
	// weekday or a month) only a value that does not: trying the others
	// would only build their errors.
	digitFirst := isDigit(s[0])
	for _, l := range isoLayouts {
		if isDigit(l[0]) != digitFirst {
			continue
		}
		if t, err := time.ParseInLocation(l, s, vietnamTime); err == nil {
			return date{t: t, hasClock: strings.Contains(l, "15"), raw: s}, plausible(t)
		}
	}
	if m := isoRE.FindString(s); m != "" && m != s {
		if d, ok := parseDate(m); ok {
			return d, true
		}
	}
	return parseVietnameseDate(s)
}

func plausible(t time.Time) bool {
	return t.Year() >= 1990 && t.Year() <= 2100
}

// clockGapRE is what may stand between a date and its time of day:
// "27/01/2021 - 14:10", "14:10, 27/01/2021", "08:30 ngày 05-03-2024",
// "15:42, Thứ Năm, 14/03/2024".
//
// Other languages put a word for "at" there: "às 15:58", "à 15h58", "ore
// 15:58", "um 15:58", "в 15:58", "pukul 15.58".
var clockGapRE = regexp.MustCompile(`(?i)^[\s,|\-–—'(]*(lúc|ngày|thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|at|às|as|à|a|ore|alle|um|в|pukul|jam)?[\s,|\-–—')]*$`)

// parseVietnameseDate finds a day-month-year date in text, with the time of
// day if one is written beside it.
func parseVietnameseDate(s string) (date, bool) {
	var d, mo, y, start, end int
	// Every form but dmy2RE's has a four-digit year; without one, the
	// regexps that need it are not run.
	find := func(*regexp.Regexp, string) []int { return nil }
	if hasDigitRun(s, 4) {
		find = (*regexp.Regexp).FindStringSubmatchIndex
	}
	if m := find(ngayRE, s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := find(dmyRE, s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[2], m[7]
	} else if m := find(mdyRE, s); m != nil {
		mo, d, y = monthNumber(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := find(dmyEnRE, s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), monthNumber(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := find(cjkDateRE, s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := find(ymdRE, s); m != nil {
		y, mo, d = atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		start, end = m[2], m[9]
	} else if m, mon := localDate(s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), mon, atoi(s[m[6]:m[7]])
		start, end = m[2], m[7]
	} else if m := dmy2RE.FindStringSubmatchIndex(s); m != nil {
		// Two-digit years are this century's: the sites began after 2000.
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), 2000+atoi(s[m[6]:m[7]])
		start, end = m[2], m[7]
	} else {
		return date{}, false
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return date{}, false
	}
	hh, mm, ss, hasClock := 0, 0, 0, false
	for _, c := range clockRE.FindAllStringSubmatchIndex(s, -1) {
		cs, ce := c[2], c[1] // from the hour's first digit
		var gap string
		switch {
		case cs >= end:
			gap = s[end:cs]
		case ce <= start:
			gap = s[ce:start]
		default:
			continue
		}
		if !clockGapRE.MatchString(gap) {
			continue
		}
		h, mi, sec := atoi(s[c[2]:c[3]]), atoi(s[c[4]:c[5]]), 0
		if c[6] >= 0 {
			sec = atoi(s[c[6]:c[7]])
		}
		if c[8] >= 0 {
			switch strings.ToLower(s[c[8]:c[9]]) {
			case "pm", "ch":
				if h < 12 {
					h += 12
				}
			case "am", "sa":
				if h == 12 {
					h = 0
				}
			}
		}
		if h >= 24 || mi >= 60 || sec >= 60 {
			continue
		}
		hh, mm, ss, hasClock = h, mi, sec, true
		start, end = min(start, cs), max(end, ce)
		break
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, 0, vietnamTime)
	if t.Day() != d { // 31/2 rolled over
		return date{}, false
	}
	raw := strings.TrimSpace(s[start:end])
	return date{t: t, hasClock: hasClock, raw: raw}, plausible(t)
}

// localDate finds a day, a month's name in localMonths and a year, and
// returns dmyLocalRE's submatch indexes with the month's number.
func localDate(s string) ([]int, int) {
	if !hasDigitRun(s, 4) { // dmyLocalRE's year
		return nil, 0
	}
	for _, m := range dmyLocalRE.FindAllStringSubmatchIndex(s, -1) {
		if mon := localMonths[strings.ToLower(s[m[4]:m[5]])]; mon > 0 {
			return m, mon
		}
	}
	return nil, 0
}

// countDigits counts the ASCII digits in s, the only digits \d and the
// time layouts match.
func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	return n
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// hasDigitRun reports whether s has n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
		} else if run++; run >= n {
			return true
		}
	}
	return false
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var dateLabelRE = regexp.MustCompile(`(?i)ngày đăng|đăng ngày|ngày cập nhật|cập nhật lúc|cập nhật|ngày ban hành|ngày|thời gian|posted on|published on|published|publish date|publish|updated|posted|date|am|pm|gmt\s*\+\s*7|\(gmt[^)]*\)|thứ\s+(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật|lượt xem|số lượt xem|tác giả|nguồn|by|on|uhr|wib|wita|wit|입력|등록|수정|发布时间|发布日期|更新|公開日|\d+`)

// isDateLine reports whether a short line is a date line (with maybe a
// label, a weekday, a view count), not a sentence that mentions a date.
func isDateLine(text string) bool {
	if len(text) > 120 {
		return false
	}
	d, ok := parseDate(text)
	if !ok {
		return false
	}
	// Taking the labels out only takes letters away: a line short
	// enough with them is short enough without, and needs no regexp.
	if countLetters(text) <= 12 {
		return true
	}
	rest := dateLabelRE.ReplaceAllString(strings.ToLower(text), " ")
	if countLetters(rest) <= 12 {
		return true
	}
	// The date's own words ("8 de maio de 2023 às 15:58") are not a
	// sentence's; but a second date beside it makes the line a span of
	// dates ("29 November 2018 | 20 January 2019"), an event's.
	without := strings.Replace(text, d.raw, " ", 1)
	if _, two := parseDate(without); two {
		return false
	}
	rest = dateLabelRE.ReplaceAllString(strings.ToLower(without), " ")
	if countLetters(rest) <= 12 {
		return true
	}
	// "Đăng ngày: 2023-10-12 Người đăng: … Chuyên mục: …": a meta line
	// whose publication label leads straight into the date.
	// "di Giulia Rinaldi 8 maggio 2023", "Von Jonas Keller 08.05.2023":
	// a byline and the date on one line.
	if bylineLeadRE.MatchString(text) && countLetters(rest) <= 40 {
		return true
	}
	// "Por Mariana Lopes — Publicado em 8 de maio de 2023": a byline
	// that runs on to a publication label and the date.
	if m := pubLabelRE.FindStringIndex(text); m != nil || bylinePubRE.MatchString(text) && countLetters(rest) <= 40 {
		if m == nil {
			m = bylinePubRE.FindStringIndex(text)
		}
		d, ok := parseDate(text[m[1]:])
		return ok && strings.HasPrefix(strings.TrimSpace(text[m[1]:]), strings.Fields(d.raw)[0])
	}
	return false
}

// pubLabelRE is a label that names the publication date, at a line's start.
var pubLabelRE = regexp.MustCompile(`(?i)^\s*(ngày đăng|đăng ngày|đăng lúc|ngày cập nhật|cập nhật lúc|cập nhật ngày|ngày xuất bản|posted on|published on)\s*:?\s*`)

// bylineLeadRE opens a byline: "by" in the languages of news sites and a
// capitalised name after it.
var bylineLeadRE = regexp.MustCompile(`^\s*(?i:by|von|por|par|di|oleh|от)\s+\p{Lu}`)

// bylinePubRE is a publication label in other languages, after which a
// date follows ("Publicado em", "Publié le", "Pubblicato il",
// "Veröffentlicht am", "Опубликовано", "입력").
var bylinePubRE = regexp.MustCompile(`(?i)(publicado em|publicado el|publié le|pubblicato il|veröffentlicht am|опубликовано|diterbitkan|입력|发布时间|發佈時間|公開日|posted on|published on)\s*[:：]?\s*`)
