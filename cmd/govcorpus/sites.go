package main

import (
	"flag"
	"regexp"
	"strconv"
	"time"

	"github.com/govcorpus/govcorpus/crawler"
	"github.com/govcorpus/govcorpus/sitelist"
)

// loadSiteFiles reads --config and --seeds into the flags: the config's
// global settings fill the flags not given on the command line (flags
// override the file), and the seeds of both files join the command line's.
// It returns every seed crawled with the global settings and the config's
// sites, checked; an error names the file and line.
func (f *crawlFlags) loadSiteFiles(fs *flag.FlagSet, seeds []string) ([]string, *sitelist.Config, error) {
	var file *sitelist.Config
	if f.configFile != "" {
		var err error
		if file, err = sitelist.ReadConfig(f.configFile); err != nil {
			return nil, nil, err
		}
		given := map[string]bool{}
		fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
		for _, s := range file.Settings() {
			if given[s.Flag] {
				continue
			}
			for _, v := range s.Values {
				if err := fs.Set(s.Flag, v.Text); err != nil {
					return nil, nil, file.Errorf(v.Line, "%s: invalid value %q", s.Flag, v.Text)
				}
			}
		}
		for _, v := range file.Seeds {
			if _, err := crawler.ParseSeed(v.Text); err != nil {
				return nil, nil, file.Errorf(v.Line, "%v", err)
			}
			seeds = append(seeds, v.Text)
		}
	}
	if f.seedsFile != "" {
		more, err := sitelist.ReadSeeds(f.seedsFile, func(s string) error {
			_, err := crawler.ParseSeed(s)
			return err
		})
		if err != nil {
			return nil, nil, err
		}
		seeds = append(seeds, more...)
	}
	return seeds, file, nil
}

// sites turns the config's sites into the crawler's, each inheriting the
// global settings it does not set, except max-pages (globally the run's
// total) and allow-hosts (a host belongs to one site).
func sites(file *sitelist.Config, global crawler.Config) ([]crawler.Site, error) {
	if file == nil {
		return nil, nil
	}
	out := make([]crawler.Site, 0, len(file.Sites))
	for _, s := range file.Sites {
		site := crawler.Site{
			MaxDepth: global.MaxDepth, Include: global.Include, Exclude: global.Exclude,
			Delay: global.Delay, Parallel: global.Parallel,
		}
		for _, v := range s.Seeds {
			if _, err := crawler.ParseSeed(v.Text); err != nil {
				return nil, file.Errorf(v.Line, "%v", err)
			}
			site.Seeds = append(site.Seeds, v.Text)
		}
		for _, v := range s.AllowHosts {
			site.AllowHosts = append(site.AllowHosts, v.Text)
		}
		var err error
		if len(s.Include) > 0 {
			if site.Include, err = compileList(file, "include", s.Include); err != nil {
				return nil, err
			}
		}
		if len(s.Exclude) > 0 {
			if site.Exclude, err = compileList(file, "exclude", s.Exclude); err != nil {
				return nil, err
			}
		}
		for _, n := range []struct {
			key string
			v   sitelist.Value
			dst *int
			min int
		}{
			{"max-depth", s.MaxDepth, &site.MaxDepth, -1},
			{"max-pages", s.MaxPages, &site.MaxPages, 0},
			{"parallel", s.Parallel, &site.Parallel, 1},
		} {
			if !n.v.Set {
				continue
			}
			i, err := strconv.Atoi(n.v.Text)
			if err != nil || i < n.min {
				return nil, file.Errorf(n.v.Line, "%s: want a whole number of at least %d, not %q", n.key, n.min, n.v.Text)
			}
			*n.dst = i
		}
		if s.Delay.Set {
			d, err := time.ParseDuration(s.Delay.Text)
			if err != nil || d < 0 {
				return nil, file.Errorf(s.Delay.Line, "delay: want a duration such as 1s or 500ms, not %q", s.Delay.Text)
			}
			site.Delay = d
		}
		out = append(out, site)
	}
	return out, nil
}

func compileList(file *sitelist.Config, key string, l sitelist.List) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(l))
	for _, v := range l {
		re, err := regexp.Compile(v.Text)
		if err != nil {
			return nil, file.Errorf(v.Line, "%s %q: %v", key, v.Text, err)
		}
		out = append(out, re)
	}
	return out, nil
}
