package warc

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// BenchmarkWriteExchange measures archive throughput (body bytes per
// second) with parallel writers, the way crawler workers call it.
func BenchmarkWriteExchange(b *testing.B) {
	for _, size := range []int{20 << 10, 200 << 10} {
		b.Run(fmt.Sprintf("body=%dKiB", size>>10), func(b *testing.B) {
			w := openTest(b, b.TempDir(), "bench", Options{MaxSize: 256 << 20})
			defer w.Close()
			body := filler(42, size)
			ex := Exchange{
				TargetURI:  "https://soldtbxh.soctrang.gov.vn/tin-tuc/bai-viet",
				Request:    []byte("GET /tin-tuc/bai-viet HTTP/1.1\r\nHost: soldtbxh.soctrang.gov.vn\r\nUser-Agent: govcorpus\r\n\r\n"),
				StatusLine: "HTTP/1.1 200 OK",
				Header:     http.Header{"Content-Type": {"text/html; charset=utf-8"}},
				Body:       body,
				Start:      time.Now(),
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := w.WriteExchange(context.Background(), ex); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
