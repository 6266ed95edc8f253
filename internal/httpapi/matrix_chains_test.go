package httpapi_test

import "mfgplan/internal/access"

// enterpriseNode puts the in- or out-of-scope enterprise's id into {id} and
// a chain node into {node}.
func enterpriseNode(e *env, r access.Role, in bool) (map[string]string, error) {
	m, err := enterpriseID(e, r, in)
	m["{node}"] = "brine"
	return m, err
}

func chainCode(*env, access.Role, bool) (map[string]string, error) {
	return map[string]string{"{code}": "brine_lithium_battery"}, nil
}

// chainRows are the access-matrix rows of the industrial-chain routes:
// counts are of the caller's own enterprises, so everyone may read them;
// links are read and written like the enterprise's other registry fields.
func chainRows(rows map[string]entry) {
	for k, v := range map[string]entry{
		"GET /api/v1/chains":                                     {want: every(200)},
		"GET /api/v1/chains/{code}":                              {vars: chainCode, want: every(200)},
		"GET /api/v1/enterprises/{id}/chain-nodes":               {vars: enterpriseID, want: scoped(200)},
		"PUT /api/v1/enterprises/{id}/chain-nodes/{node}":        {vars: enterpriseNode, want: registryWrites(200)},
		"DELETE /api/v1/enterprises/{id}/chain-nodes/{node}":     {vars: enterpriseNode, want: registryWrites(200)},
		"POST /api/v1/enterprises/{id}/chain-nodes/{node}/reset": {vars: enterpriseNode, want: registryWrites(200)},
	} {
		rows[k] = v
	}
}
