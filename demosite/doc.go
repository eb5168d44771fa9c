// Package demosite owns the embedded sample website of a Vietnamese
// provincial government department that `govcorpus demo` serves on the
// loopback interface and that integration tests crawl.
//
// The site (directory site/) is about thirty plain HTML pages sharing one
// portal template: a home page, three categories with two listing pages
// each, article pages (one of them reproducing the seed page of the
// project), static information pages, form pages, a robots.txt that
// disallows /noi-bo/, a page under /noi-bo/, one broken link and a few
// external links. The manifest expected.json, outside site/ so that it is
// not served, says which pages must become articles and what they contain.
//
// The pages and the manifest are written by the generator in
// internal/gen; run `go generate` in this directory after editing it.
package demosite
