package sitelist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Value is one scalar setting as written in the file, with its line.
type Value struct {
	Text string
	Line int
	Set  bool // false: the key is absent
}

// List is a setting that takes one value or a list of them.
type List []Value

// Scope is what a site may set for itself and a config may set for all.
type Scope struct {
	AllowHosts List  `yaml:"allow-hosts"`
	Include    List  `yaml:"include"`
	Exclude    List  `yaml:"exclude"`
	MaxDepth   Value `yaml:"max-depth"`
	MaxPages   Value `yaml:"max-pages"`
	Delay      Value `yaml:"delay"`
	Parallel   Value `yaml:"parallel"`
}

// Site is one entry of sites:.
type Site struct {
	Name  Value `yaml:"name"`
	Seeds List  `yaml:"seeds"`
	Scope `yaml:",inline"`
	Line  int `yaml:"-"`
}

// Config is a crawl configuration file. Its global keys are the crawl
// flags' names; Seeds are crawled with the global settings.
type Config struct {
	Path string `yaml:"-"`

	Scope            `yaml:",inline"`
	Seeds            List   `yaml:"seeds"`
	DB               Value  `yaml:"db"`
	MaxHosts         Value  `yaml:"max-hosts"`
	TimeLimit        Value  `yaml:"time-limit"`
	UserAgent        Value  `yaml:"user-agent"`
	Contact          Value  `yaml:"contact"`
	IgnoreRobots     Value  `yaml:"ignore-robots"`
	Retries          Value  `yaml:"retries"`
	Timeout          Value  `yaml:"timeout"`
	MaxBody          Value  `yaml:"max-body"`
	MaxURLLength     Value  `yaml:"max-url-length"`
	MaxPagesPerHost  Value  `yaml:"max-pages-per-host"`
	WARC             Value  `yaml:"warc"`
	WARCSize         Value  `yaml:"warc-size"`
	ProgressInterval Value  `yaml:"progress-interval"`
	LogFormat        Value  `yaml:"log-format"`
	Sites            []Site `yaml:"sites"`
}

// Setting is a global setting present in the file: a flag name and its
// values (several for a repeatable flag).
type Setting struct {
	Flag   string
	Values []Value
}

// Settings lists the global settings the file gives, under the names of
// the flags they stand for, in a fixed order.
func (c *Config) Settings() []Setting {
	var out []Setting
	one := func(flag string, v Value) {
		if v.Set {
			out = append(out, Setting{Flag: flag, Values: []Value{v}})
		}
	}
	many := func(flag string, l List) {
		if len(l) > 0 {
			out = append(out, Setting{Flag: flag, Values: l})
		}
	}
	many("allow-host", c.AllowHosts)
	many("include", c.Include)
	many("exclude", c.Exclude)
	one("max-depth", c.MaxDepth)
	one("max-pages", c.MaxPages)
	one("delay", c.Delay)
	one("parallel", c.Parallel)
	one("db", c.DB)
	one("max-hosts", c.MaxHosts)
	one("time-limit", c.TimeLimit)
	one("user-agent", c.UserAgent)
	one("contact", c.Contact)
	one("ignore-robots", c.IgnoreRobots)
	one("retries", c.Retries)
	one("timeout", c.Timeout)
	one("max-body", c.MaxBody)
	one("max-url-length", c.MaxURLLength)
	one("max-pages-per-host", c.MaxPagesPerHost)
	one("warc", c.WARC)
	one("warc-size", c.WARCSize)
	one("progress-interval", c.ProgressInterval)
	one("log-format", c.LogFormat)
	return out
}

// Errorf is an error about a value of the file: "FILE:LINE: key: ...".
func (c *Config) Errorf(line int, format string, a ...any) error {
	return fmt.Errorf("%s:%d: %s", c.Path, line, fmt.Sprintf(format, a...))
}

// ReadConfig reads and checks the shape of a crawl configuration: valid
// YAML, known keys only, scalars where one value is expected, and at
// least one seed in each site.
func ReadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	c := &Config{Path: path}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty config file", path)
	}
	if err := noEmptyValues(data); err != nil {
		return nil, c.decodeError(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField())
	if err := dec.Decode(c); err != nil {
		return nil, c.decodeError(err)
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		if len(s.Seeds) == 0 {
			line := s.Line
			if s.Name.Set {
				line = s.Name.Line
			}
			return nil, c.Errorf(line, "site %d has no seeds", i+1)
		}
	}
	return c, nil
}

// noEmptyValues refuses "key:" with no value, which decoding would take
// for an absent key: a setting the user meant to give would be lost.
func noEmptyValues(data []byte) error {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return err
	}
	v := &nullFinder{}
	for _, doc := range f.Docs {
		ast.Walk(v, doc)
	}
	return v.err
}

type nullFinder struct{ err error }

func (v *nullFinder) Visit(n ast.Node) ast.Visitor {
	if v.err != nil {
		return nil
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		if _, null := mv.Value.(*ast.NullNode); null {
			v.err = &lineError{mv.Key.GetToken().Position.Line, fmt.Sprintf("%s: no value given", mv.Key.GetToken().Value)}
			return nil
		}
	}
	return v
}

// decodeError makes a decoding error one line with the file and line.
func (c *Config) decodeError(err error) error {
	var le *lineError
	if errors.As(err, &le) {
		return c.Errorf(le.line, "%s", le.msg)
	}
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return c.Errorf(ye.GetToken().Position.Line, "%s", oneLine(ye.GetMessage()))
	}
	return fmt.Errorf("%s: %s", c.Path, oneLine(err.Error()))
}

func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// lineError is a value of the wrong shape, at a line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// UnmarshalYAML keeps a scalar and its line; a list or a map where one
// value belongs is an error.
func (v *Value) UnmarshalYAML(n ast.Node) error {
	line := n.GetToken().Position.Line
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return &lineError{line, "want one value here, not a list or a map"}
	case *ast.NullNode:
		return &lineError{line, "no value given"}
	}
	text := n.GetToken().Value
	if s, ok := n.(*ast.StringNode); ok {
		text = s.Value
	}
	*v = Value{Text: text, Line: line, Set: true}
	return nil
}

// UnmarshalYAML takes one value or a list of values.
func (l *List) UnmarshalYAML(n ast.Node) error {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		var v Value
		if err := v.UnmarshalYAML(n); err != nil {
			return err
		}
		*l = List{v}
		return nil
	}
	out := make(List, 0, len(seq.Values))
	for _, item := range seq.Values {
		var v Value
		if err := v.UnmarshalYAML(item); err != nil {
			return err
		}
		out = append(out, v)
	}
	*l = out
	return nil
}

// UnmarshalYAML decodes a site and keeps its line.
func (s *Site) UnmarshalYAML(n ast.Node) error {
	type plain Site // without this method
	var p plain
	if _, ok := n.(*ast.MappingNode); !ok {
		if _, ok := n.(*ast.MappingValueNode); !ok {
			return &lineError{n.GetToken().Position.Line, "a site is a map of settings (seeds:, delay: ...)"}
		}
	}
	if err := yaml.NodeToValue(n, &p, yaml.DisallowUnknownField()); err != nil {
		return err
	}
	*s = Site(p)
	s.Line = n.GetToken().Position.Line
	return nil
}
