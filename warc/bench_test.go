package warc

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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

// BenchmarkFetch measures what recording at the connection costs a fetch
// over loopback: the same 60 KiB chunked page through a plain
// http.Transport and through RecordingTransport writing a WARC.
func BenchmarkFetch(b *testing.B) {
	page := filler(7, 60<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page[:len(page)/2])
		w.(http.Flusher).Flush()
		w.Write(page[len(page)/2:])
	}))
	defer srv.Close()
	run := func(b *testing.B, rt http.RoundTripper) {
		client := &http.Client{Transport: rt}
		b.SetBytes(int64(len(page)))
		b.ResetTimer()
		for range b.N {
			resp, err := client.Get(srv.URL + "/tin-tuc/bai-viet")
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
	b.Run("plain", func(b *testing.B) { run(b, &http.Transport{}) })
	b.Run("recorded", func(b *testing.B) {
		w := openTest(b, b.TempDir(), "bench", Options{MaxSize: 256 << 20})
		defer w.Close()
		run(b, &RecordingTransport{W: w})
	})
}
