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
	// 15:58, 8h30, 08:32:10
	clockRE = regexp.MustCompile(`(?i)(?:^|[^\d])(\d{1,2})\s*(?::|h)\s*(\d{2})(?:\s*:\s*(\d{2}))?(?:\s*(am|pm|sa|ch)\b)?`)
	// "08/05/23": a two-digit year, read only with slashes and with no
	// digit or slash around it, so that phone numbers ("0913.12.05.23") and
	// document numbers ("12/05/23/QĐ") are not dates.
	dmy2RE = regexp.MustCompile(`(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{2})(?:[^\d/]|$)`)
	// "May 8, 2023", "8 May 2023", "Sept. 8th, 2023": English pages and the
	// English editions of portals.
	mdyRE   = regexp.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dmyEnRE = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?,?\s+(\d{4})\b`)
	isoRE   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
)

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
	s = collapseSpace(s)
	if s == "" {
		return date{}, false
	}
	for _, l := range isoLayouts {
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
var clockGapRE = regexp.MustCompile(`(?i)^[\s,|\-–—'(]*(lúc|ngày|thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật)?[\s,|\-–—')]*$`)

// parseVietnameseDate finds a day-month-year date in text, with the time of
// day if one is written beside it.
func parseVietnameseDate(s string) (date, bool) {
	var d, mo, y, start, end int
	if m := ngayRE.FindStringSubmatchIndex(s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := dmyRE.FindStringSubmatchIndex(s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[2], m[7]
	} else if m := mdyRE.FindStringSubmatchIndex(s); m != nil {
		mo, d, y = monthNumber(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
	} else if m := dmyEnRE.FindStringSubmatchIndex(s); m != nil {
		d, mo, y = atoi(s[m[2]:m[3]]), monthNumber(s[m[4]:m[5]]), atoi(s[m[6]:m[7]])
		start, end = m[0], m[1]
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

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var dateLabelRE = regexp.MustCompile(`(?i)ngày đăng|đăng ngày|ngày cập nhật|cập nhật lúc|cập nhật|ngày ban hành|ngày|thời gian|posted on|published on|published|publish date|publish|updated|posted|date|am|pm|gmt\s*\+\s*7|\(gmt[^)]*\)|thứ\s+(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật|lượt xem|số lượt xem|tác giả|nguồn|by|on|\d+`)

// isDateLine reports whether a short line is a date line (with maybe a
// label, a weekday, a view count), not a sentence that mentions a date.
func isDateLine(text string) bool {
	if len(text) > 120 {
		return false
	}
	if _, ok := parseDate(text); !ok {
		return false
	}
	rest := dateLabelRE.ReplaceAllString(strings.ToLower(text), " ")
	if countLetters(rest) <= 12 {
		return true
	}
	// "Đăng ngày: 2023-10-12 Người đăng: … Chuyên mục: …": a meta line
	// whose publication label leads straight into the date.
	if m := pubLabelRE.FindStringIndex(text); m != nil {
		d, ok := parseDate(text[m[1]:])
		return ok && strings.HasPrefix(strings.TrimSpace(text[m[1]:]), strings.Fields(d.raw)[0])
	}
	return false
}

// pubLabelRE is a label that names the publication date, at a line's start.
var pubLabelRE = regexp.MustCompile(`(?i)^\s*(ngày đăng|đăng ngày|đăng lúc|ngày cập nhật|cập nhật lúc|cập nhật ngày|ngày xuất bản|posted on|published on)\s*:?\s*`)
