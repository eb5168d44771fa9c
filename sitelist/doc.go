// Package sitelist reads the lists of sites a crawl is given: seeds files
// (one URL a line, # comments, as wget -i reads them) and YAML crawl
// configurations (global settings and a sites: list, each site with its own
// seeds, scope and pace, as browsertrix-crawler users write them).
//
// It only reads and checks the shape of the files: every key must be known
// (strict decoding), and every value keeps the line it came from, so the
// caller, which gives the values their meaning (durations, patterns, URLs),
// can name the file and line of a bad one. An error is always one line,
// "FILE:LINE: what is wrong".
package sitelist
