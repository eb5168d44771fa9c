package vntext_test

import (
	"fmt"

	"golang.org/x/text/encoding/charmap"

	"github.com/govcorpus/govcorpus/extract/vntext"
)

func ExampleNormalize() {
	// What a page shows when its UTF-8 is decoded as windows-1252.
	moj, _ := charmap.Windows1252.NewDecoder().String("để được  hướng\u00a0dẫn")
	fmt.Println(moj)
	fmt.Println(vntext.Normalize(moj))
	fmt.Println(vntext.Normalize("Ðà Nẵng\u200b"))
	// Output:
	// Ä‘á»ƒ Ä‘Æ°á»£c  hÆ°á»›ngÂ dáº«n
	// để được hướng dẫn
	// Đà Nẵng
}

func ExampleDecode() {
	enc, upper := vntext.FontEncoding("'.VnTime', serif")
	fmt.Println(vntext.Decode("U\u00fb ban nh\u00a9n d\u00a9n", enc, upper))
	fmt.Println(vntext.Detect("U\u00fb ban nh\u00a9n d\u00a9n"))
	// Output:
	// Uỷ ban nhân dân
	// TCVN3
}

func ExampleFold() {
	fmt.Println(vntext.Fold("Sở Lao động - Thương binh và Xã hội"))
	// Output: so lao dong - thuong binh va xa hoi
}

func ExampleToneStyle() {
	fmt.Println(vntext.ToneStyle("Ủy ban tỉnh Khánh Hòa", vntext.StyleNew))
	fmt.Println(vntext.ToneStyle("Uỷ ban tỉnh Khánh Hoà", vntext.StyleOld))
	// Output:
	// Uỷ ban tỉnh Khánh Hoà
	// Ủy ban tỉnh Khánh Hòa
}
