package cli

import (
	"errors"
	"fmt"
	"io"

	"mfgplan/internal/indicator"
	"mfgplan/internal/plan"
	"mfgplan/internal/project"
	"mfgplan/internal/registry"
	"mfgplan/internal/stats"
)

// validatePlans checks each plan file and its companions and reports all
// problems before failing.
func (e *cmdEnv) validatePlans(files []string) error {
	var all []plan.Problem
	var other error
	for _, f := range files {
		probs, err := validatePlanFile(f)
		all = append(all, probs...)
		other = errors.Join(other, err)
	}
	if err := e.print(map[string]any{"valid": len(all) == 0 && other == nil, "problems": all}, func(w io.Writer) {
		for _, p := range all {
			fmt.Fprintln(w, p)
		}
		if len(all) == 0 && other == nil {
			fmt.Fprintf(w, "%d plan file(s) valid, with their indicators, industry map and published figures\n", len(files))
		}
	}); err != nil {
		return err
	}
	if other != nil {
		return other
	}
	if len(all) > 0 {
		return fmt.Errorf("%d problem(s) found", len(all))
	}
	return nil
}

// validatePlanFile checks a plan file, then the files beside it against it:
// the indicators file (required: every formula compiled, every name in it
// known), the industry map (every rule's cluster, node and GB/T 4754 class)
// and the published figures (sources, elements, periods, org units).
// Problems come back located as file:line; other errors (unreadable files)
// as the error.
func validatePlanFile(path string) ([]plan.Problem, error) {
	l, err := plan.LoadFile(path)
	if probs, other := problemsOf(err); probs != nil || other != nil {
		return probs, other
	}
	refs, err := loadReferences()
	if err != nil {
		return nil, err
	}
	var all []plan.Problem
	for _, check := range []func(string, *plan.Plan, references) ([]plan.Problem, error){checkIndicatorsFile, checkIndustryMapFile, checkPublishedFile, checkProjectsFile} {
		probs, err := check(path, l.Plan, refs)
		if err != nil {
			return all, err
		}
		all = append(all, probs...)
	}
	return all, nil
}

// references are the built-in tables companion files are checked against.
type references struct {
	catalog *stats.Catalog
	classes *registry.Classification
	tags    *registry.TagVocabulary
}

func loadReferences() (references, error) {
	cat, err := stats.DefaultCatalog()
	if err != nil {
		return references{}, err
	}
	classes, err := registry.LoadClassification(false)
	if err != nil {
		return references{}, err
	}
	tags, err := registry.LoadTagVocabulary()
	return references{catalog: cat, classes: classes, tags: tags}, err
}

// problemsOf splits an error into located problems and anything else.
func problemsOf(err error) ([]plan.Problem, error) {
	var pe *plan.ProblemsError
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &pe):
		return pe.Problems, nil
	}
	return nil, err
}

func checkIndicatorsFile(path string, p *plan.Plan, r references) ([]plan.Problem, error) {
	name, raw, err := companion(path, ".indicators.yaml")
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return []plan.Problem{{File: name, Line: 1, Path: "-", Message: "the plan has no indicators file beside it; every plan indicator needs a definition there"}}, nil
	}
	levels := make([]string, len(r.tags.LevelList))
	for i, lv := range r.tags.LevelList {
		levels[i] = lv.Code
	}
	_, err = indicator.Load(p, name, raw, indicator.Deps{
		Element:   func(c string) bool { return r.catalog.Element(c) != nil || r.catalog.RegionElement(c) != nil },
		HighTech:  r.classes,
		TagLevels: levels,
		Tag:       func(c string) bool { return r.tags.Tag(c) != nil },
	})
	return problemsOf(err)
}

func checkIndustryMapFile(path string, p *plan.Plan, r references) ([]plan.Problem, error) {
	name, raw, err := companion(path, ".industry-map.yaml")
	if err != nil || raw == nil {
		return nil, err
	}
	m, err := registry.ParseIndustryMap(name, raw, p)
	if err != nil {
		return problemsOf(err)
	}
	return m.UnknownPrefixes(r.classes, name, raw), nil
}

// checkProjectsFile checks the plan's named projects (keys, clusters,
// sub-sectors, counties, refs), its duties and its signed-over count.
func checkProjectsFile(path string, p *plan.Plan, _ references) ([]plan.Problem, error) {
	name, raw, err := companion(path, ".projects.yaml")
	if err != nil || raw == nil {
		return nil, err
	}
	if _, err := project.ParsePlanProjects(name, raw, p); err != nil {
		return []plan.Problem{{File: name, Line: 1, Path: "-", Message: err.Error()}}, nil
	}
	return nil, nil
}

func checkPublishedFile(path string, p *plan.Plan, r references) ([]plan.Problem, error) {
	name, raw, err := companion(path, ".published.yaml")
	if err != nil || raw == nil {
		return nil, err
	}
	orgs := map[string]bool{p.Region.Code: true}
	for _, c := range p.Counties {
		orgs[c.Code] = true
	}
	issues, err := stats.CheckPublished(raw, r.catalog, func(org string) bool { return orgs[org] })
	if err != nil {
		return plan.YAMLProblems(name, err), nil
	}
	out := make([]plan.Problem, len(issues))
	for i, is := range issues {
		out[i] = plan.Problem{File: name, Line: plan.LineOf(raw, is.Path), Path: is.Path, Message: is.Message}
	}
	return out, nil
}
