package plan

import "gopkg.in/yaml.v3"

// LineOf returns the line of a dotted path ("indicators[2].formula") in YAML
// bytes, so that files loaded beside the plan report problems the same way.
func LineOf(raw []byte, path string) int {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return 1
	}
	return locate(&root, path)
}
